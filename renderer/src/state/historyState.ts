// A document's undo state as the session holds it: none yet, and whether two answers say the same.
import type { HistoryState } from '../../../shared/api/annotations';

export const NO_HISTORY: HistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

/** Whether two undo states say the same: a read that finds it unchanged is no change to announce. */
export function sameHistory(a: HistoryState, b: HistoryState): boolean {
  return (
    a.canUndo === b.canUndo &&
    a.canRedo === b.canRedo &&
    a.undoLabel === b.undoLabel &&
    a.redoLabel === b.redoLabel &&
    (a.undoKind ?? null) === (b.undoKind ?? null) &&
    (a.redoKind ?? null) === (b.redoKind ?? null)
  );
}
