// Reviewing relations by keyboard (#23), as spans are reviewed: in a relation list, ↑/↓ (or K/J),
// Home and End move between relations, A accepts and R rejects the focused one and move on to the
// next pending one (after it, then from the top), Del or Backspace deletes it. Keys with Ctrl, Alt
// or Meta are left to the workbench (Ctrl+Z undoes a review as it undoes a span's), and so are
// Shift+letters (Shift+R is the key that comes here).
import type { ReviewState } from '../../../shared/model';

export type RelationListAction =
  { kind: 'focus'; index: number } | { kind: 'review'; index: number; state: ReviewState; then: number } | { kind: 'delete'; index: number; then: number };

interface Mods {
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The next pending row after `index` (then from the top), other than `index` itself; `index` when there is none. */
export function nextPending(rows: readonly { reviewState: ReviewState }[], index: number): number {
  for (let step = 1; step < rows.length; step++) {
    const i = (index + step) % rows.length;
    if (rows[i].reviewState === 'pending') return i;
  }
  return index;
}

/** What a key pressed on row `index` of `rows` does; null: not a list key (the workbench may have it). */
export function relationListAction(key: string, mods: Mods, rows: readonly { reviewState: ReviewState }[], index: number): RelationListAction | null {
  if (rows.length === 0 || index < 0 || index >= rows.length) return null;
  if (mods.ctrlKey || mods.metaKey || mods.altKey) return null;
  const letter = key.length === 1 ? key.toLowerCase() : null;
  if (letter !== null && mods.shiftKey) return null;
  const last = rows.length - 1;
  switch (letter ?? key) {
    case 'ArrowDown':
    case 'j':
      return { kind: 'focus', index: Math.min(index + 1, last) };
    case 'ArrowUp':
    case 'k':
      return { kind: 'focus', index: Math.max(index - 1, 0) };
    case 'Home':
      return { kind: 'focus', index: 0 };
    case 'End':
      return { kind: 'focus', index: last };
    case 'a':
    case 'r': {
      const state: ReviewState = letter === 'a' ? 'accepted' : 'rejected';
      const after = rows.map((row, i) => (i === index ? { reviewState: state } : row));
      return { kind: 'review', index, state, then: nextPending(after, index) };
    }
    case 'Delete':
    case 'Backspace':
      // The row goes: the one after it takes its place (the one before, when it was the last).
      return { kind: 'delete', index, then: Math.max(0, Math.min(index, last - 1)) };
    default:
      return null;
  }
}
