// A document's own note is edited like its spans: each change is one step of the document's
// undo/redo history (Ctrl+Z after editing the note takes the edit back, with a named toast).
import type { Db } from '../db/connection';
import { getDocument, updateDocument } from '../db/documents';
import * as operations from '../db/operations';

/** Sets the document's note ('' removes it) and records the change; an unchanged note records nothing. */
export function updateDocumentNote(db: Db, documentId: number, note: string): void {
  db.transaction(() => {
    // The whole document is read for its note: a note edit is a rare, human-paced write.
    const before = getDocument(db, documentId)?.note ?? '';
    if (before === note) return;
    updateDocument(db, documentId, undefined, {}, note);
    operations.recordDocumentNoteOperation(db, documentId, before, note);
  })();
}

/** Puts back the note a 'document_note' step left (undo: the note before it; redo: after). Returns that note. */
export function restoreDocumentNote(db: Db, op: operations.Operation, direction: 'undo' | 'redo'): string {
  const note = direction === 'undo' ? op.notes!.before : op.notes!.after;
  updateDocument(db, op.documentId, undefined, {}, note);
  return note;
}
