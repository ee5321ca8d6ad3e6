// The charts' colours, read from the theme's CSS tokens (tokens.css) when the theme changes.
import { DOCUMENT_STATUSES } from '../../../shared/model';
import type { ChartPalette } from './chartModel';

export function readPalette(): ChartPalette {
  const css = getComputedStyle(document.documentElement);
  const token = (name: string) => css.getPropertyValue(name).trim();
  return {
    background: token('--surface'),
    text: token('--text'),
    textMuted: token('--text-2'),
    border: token('--border'),
    accent: token('--accent'),
    accentSoft: token('--accent-soft'),
    accentText: token('--accent-text'),
    // Single quotes: ECharts writes the font into an SVG style attribute without escaping, and the
    // browser hands the token back with double quotes, which would end the attribute (broken SVG).
    font: token('--font-ui').replace(/"/g, "'"),
    series: [token('--accent'), token('--warn'), token('--ok'), token('--danger'), token('--status-reviewed'), token('--text-3')],
    statuses: DOCUMENT_STATUSES.map((s) => token(`--status-${s}`)),
  };
}
