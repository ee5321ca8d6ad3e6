// The panel's keys (focus in the panel, so they never reach the workbench's label keys): N /
// Shift+N step, 1–9 take a coder's spans, B both, 0 neither, E edit, Enter decide, Escape close.
import type { AdjudicationChoice } from '../../../../shared/api/adjudication';

export type PanelKey = { action: 'step'; dir: 1 | -1 } | { action: 'choose'; choice: AdjudicationChoice } | { action: 'edit' | 'decide' | 'close' } | null;

export function panelKey(
  e: { code: string; key: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean },
  coders: readonly string[],
): PanelKey {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const digit = /^Digit([0-9])$/.exec(e.code)?.[1];
  if (e.code === 'KeyN') return { action: 'step', dir: e.shiftKey ? -1 : 1 };
  if (digit === '0') return { action: 'choose', choice: { kind: 'none' } };
  if (digit && Number(digit) <= coders.length) return { action: 'choose', choice: { kind: 'coder', coder: coders[Number(digit) - 1] } };
  if (e.code === 'KeyB') return { action: 'choose', choice: { kind: 'all' } };
  if (e.code === 'KeyE') return { action: 'edit' };
  if (e.key === 'Enter') return { action: 'decide' };
  if (e.key === 'Escape') return { action: 'close' };
  return null;
}

export const choiceKey = (c: AdjudicationChoice): string => (c.kind === 'coder' ? `coder:${c.coder}` : c.kind);
