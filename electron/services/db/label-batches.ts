// Label-all batches (migration 011): which spans one "label all" created, so that it can be undone
// and redone as a whole. The spans themselves are written by db/annotations like any other.
import type { Db } from './connection';
import { statement } from './connection';

export interface LabelBatch {
  id: number;
  labelId: number;
  annotatorId: number;
  annotator: string;
  undone: boolean;
  createdAt: string;
}

/** A span as the batch created it: the place and the id it got. */
export interface BatchSpan {
  annotationId: number;
  documentId: number;
  start: number;
  end: number;
}

export function insertBatch(db: Db, labelId: number, annotatorId: number, createdAt: string): number {
  return Number(
    statement(db, 'INSERT INTO label_batches (label_id, annotator_id, created_at) VALUES (?, ?, ?)').run(labelId, annotatorId, createdAt).lastInsertRowid,
  );
}

export function addBatchSpan(db: Db, batchId: number, span: BatchSpan): void {
  statement(db, 'INSERT INTO label_batch_spans (batch_id, annotation_id, document_id, start, end) VALUES (?, ?, ?, ?, ?)').run(
    batchId,
    span.annotationId,
    span.documentId,
    span.start,
    span.end,
  );
}

export function getBatch(db: Db, id: number): LabelBatch | null {
  const row = statement(
    db,
    `SELECT b.id, b.label_id AS labelId, b.annotator_id AS annotatorId, an.name AS annotator, b.undone, b.created_at AS createdAt
       FROM label_batches b JOIN annotators an ON an.id = b.annotator_id WHERE b.id = ?`,
  ).get(id) as (Omit<LabelBatch, 'undone'> & { undone: number }) | undefined;
  return row ? { ...row, undone: row.undone === 1 } : null;
}

export function setBatchUndone(db: Db, id: number, undone: boolean): void {
  statement(db, 'UPDATE label_batches SET undone = ? WHERE id = ?').run(undone ? 1 : 0, id);
}

/** The batch's spans of each document, documents in id order, spans in text order. */
export function batchSpansByDocument(db: Db, batchId: number): Map<number, BatchSpan[]> {
  const rows = statement(
    db,
    `SELECT annotation_id AS annotationId, document_id AS documentId, start, end FROM label_batch_spans
       WHERE batch_id = ? ORDER BY document_id, start, end, annotation_id`,
  ).all(batchId) as BatchSpan[];
  const byDocument = new Map<number, BatchSpan[]>();
  for (const row of rows) {
    const list = byDocument.get(row.documentId);
    if (list) list.push(row);
    else byDocument.set(row.documentId, [row]);
  }
  return byDocument;
}

/**
 * Of the batch's spans in one document, those still exactly as the batch created them (same place,
 * label and coder, not reviewed, no attributes, no note): the ones an undo may remove. A span
 * edited since is left alone.
 */
export function spansStillAsCreated(db: Db, batchId: number, documentId: number): number[] {
  return statement(
    db,
    `SELECT s.annotation_id FROM label_batch_spans s
       JOIN label_batches b ON b.id = s.batch_id
       JOIN annotations a ON a.id = s.annotation_id
     WHERE s.batch_id = ? AND s.document_id = ? AND a.document_id = s.document_id AND a.start = s.start AND a.end = s.end
       AND a.label_id = b.label_id AND a.annotator_id = b.annotator_id AND a.review_state = 'pending'
       AND a.attribute_set_id IS NULL AND a.note IS NULL
     ORDER BY s.annotation_id`,
  )
    .pluck()
    .all(batchId, documentId) as number[];
}

/** How many of the batch's spans in one document exist (as created or edited since). */
export function countBatchSpansPresent(db: Db, batchId: number, documentId: number): number {
  return statement(db, 'SELECT COUNT(*) FROM label_batch_spans s JOIN annotations a ON a.id = s.annotation_id WHERE s.batch_id = ? AND s.document_id = ?')
    .pluck()
    .get(batchId, documentId) as number;
}

/** True when no span has this id (a deleted span's id is free again for its own redo: AUTOINCREMENT never reuses it). */
export function annotationIdFree(db: Db, id: number): boolean {
  return statement(db, 'SELECT 1 FROM annotations WHERE id = ?').pluck().get(id) === undefined;
}

/** One coder's spans in a document as [start, end, labelId], ordered by start: what label-all checks hits against. */
export function coderSpans(db: Db, documentId: number, annotatorId: number): [start: number, end: number, labelId: number][] {
  return statement(db, 'SELECT start, end, label_id FROM annotations WHERE document_id = ? AND annotator_id = ? ORDER BY start, end')
    .raw(true)
    .all(documentId, annotatorId) as [number, number, number][];
}
