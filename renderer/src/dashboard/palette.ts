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
    font: token('--font-ui'),
    series: [token('--accent'), token('--warn'), token('--ok'), token('--danger'), token('--status-reviewed'), token('--text-3')],
    statuses: DOCUMENT_STATUSES.map((s) => token(`--status-${s}`)),
  };
}
