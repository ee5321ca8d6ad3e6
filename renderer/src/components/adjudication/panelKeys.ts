// The panel's keys (focus in the panel, so they never reach the workbench's label keys): N /
// Shift+N step, 1–9 take a coder's spans, B both, 0 neither, E edit, Enter decide, Escape close;
// and which unit comes next.
import type { AdjudicationChoice, DocumentAdjudication } from '../../../../shared/api/adjudication';

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

/** The first undecided unit after `from` (wrapping), or `from` when all are decided. */
export function nextOpenUnit(state: DocumentAdjudication, from: number): number {
  const units = state.units;
  const after = units.findIndex((u, i) => i > from && u.decision === null);
  if (after >= 0) return after;
  const any = units.findIndex((u) => u.decision === null);
  return any >= 0 ? any : Math.max(0, Math.min(from, units.length - 1));
}
