// The rules of an edited gold decision, kept apart from React so they can be tested: a draft span is
// the reader's selection trimmed like a coder's span, inside the unit, each place and label once;
// and which keys mean what while the adjudicator is editing.
import { trimSpan } from '../../../../shared/text/offsets';

export interface DraftSpan {
  start: number;
  end: number;
  labelId: number;
}

export type DraftProblem = { problem: 'noSelection' } | { problem: 'outside'; start: number; end: number } | { problem: 'duplicate' };

/** The drafts with the selection added under this label, or why it cannot be added. */
export function addDraft(
  text: string,
  unit: { start: number; end: number },
  selection: { start: number; end: number } | null,
  labelId: number,
  drafts: readonly DraftSpan[],
): DraftSpan[] | DraftProblem {
  const trimmed = selection ? trimSpan(text, selection.start, selection.end) : null;
  if (!trimmed) return { problem: 'noSelection' };
  if (trimmed.start < unit.start || trimmed.end > unit.end) return { problem: 'outside', ...trimmed };
  if (drafts.some((d) => d.start === trimmed.start && d.end === trimmed.end && d.labelId === labelId)) return { problem: 'duplicate' };
  return [...drafts, { ...trimmed, labelId }].sort((a, b) => a.start - b.start || a.end - b.end || a.labelId - b.labelId);
}

export type EditKey = { action: 'label'; labelId: number } | { action: 'save' | 'cancel' | 'removeLast' | 'pass' | 'swallow' };

/** Keys that still move and extend the reader's selection (and Mod shortcuts) while editing. */
const PASS_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Tab', 'Shift', 'Control', 'Alt', 'Meta']);

/**
 * What a key does while editing: a label's key adds the selection under it; Enter saves, Escape
 * cancels, Backspace/Delete removes the last draft; selection keys pass to the reader; every other
 * plain key is swallowed, so no workbench command (J, [, Del…) edits a coder's layer meanwhile.
 */
export function editKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, labelOfKey: (key: string) => number | undefined): EditKey {
  if (e.ctrlKey || e.metaKey) return { action: 'pass' };
  if (e.key === 'Enter') return { action: 'save' };
  if (e.key === 'Escape') return { action: 'cancel' };
  if (e.key === 'Backspace' || e.key === 'Delete') return { action: 'removeLast' };
  if (PASS_KEYS.has(e.key) || e.key === 'w' || e.key === 'W') return { action: 'pass' };
  const labelId = e.altKey ? undefined : labelOfKey(e.key.length === 1 ? e.key.toLowerCase() : e.key);
  return labelId === undefined ? { action: 'swallow' } : { action: 'label', labelId };
}
