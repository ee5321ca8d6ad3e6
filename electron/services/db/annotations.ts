// Annotation rows. Offsets are validated by the service before they reach these functions.
import type { Annotation, AnnotationOrigin, ReviewState } from '../../../shared/model';
import { attributeSetId, type AttributeSetIds } from './attribute-sets';
import type { Db } from './connection';
import { statement } from './connection';

interface AnnotationRow {
  id: number;
  document_id: number;
  start: number;
  end: number;
  label_id: number;
  annotator: string;
  origin: AnnotationOrigin;
  review_state: ReviewState;
  attributes_json: string;
  /** Absent in a project older than migration 007 opened read-only (it cannot be migrated). */
  note?: string | null;
  created_at: string;
  updated_at: string;
}

// a.*: the note column is read where it exists (see AnnotationRow.note).
const SELECT = `SELECT a.*, an.name AS annotator, coalesce(s.json, '{}') AS attributes_json
  FROM annotations a JOIN annotators an ON an.id = a.annotator_id LEFT JOIN attribute_sets s ON s.id = a.attribute_set_id`;

const toAnnotation = (row: AnnotationRow): Annotation => ({
  id: row.id,
  documentId: row.document_id,
  start: row.start,
  end: row.end,
  labelId: row.label_id,
  annotator: row.annotator,
  origin: row.origin,
  reviewState: row.review_state,
  attributes: JSON.parse(row.attributes_json),
  note: row.note ?? '',
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function listAnnotations(db: Db, documentId: number): Annotation[] {
  return (statement(db, `${SELECT} WHERE a.document_id = ? ORDER BY a.start, a.end, a.id`).all(documentId) as AnnotationRow[]).map(toAnnotation);
}

export function getAnnotation(db: Db, id: number): Annotation | null {
  const row = statement(db, `${SELECT} WHERE a.id = ?`).get(id) as AnnotationRow | undefined;
  return row ? toAnnotation(row) : null;
}

/** The span this coder already has with this label on exactly these characters, if any (one per place: migration 006). */
export function findSameSpan(db: Db, place: { documentId: number; start: number; end: number; labelId: number; annotatorId: number }): number | null {
  const row = statement(db, 'SELECT id FROM annotations WHERE document_id = ? AND start = ? AND end = ? AND label_id = ? AND annotator_id = ?')
    .get(place.documentId, place.start, place.end, place.labelId, place.annotatorId) as { id: number } | undefined;
  return row?.id ?? null;
}

export interface AnnotationRecord {
  /** Set when restoring a deleted span under its old id (undo). */
  id?: number;
  documentId: number;
  start: number;
  end: number;
  labelId: number;
  annotatorId: number;
  origin: AnnotationOrigin;
  reviewState: ReviewState;
  attributes: Record<string, string>;
  /** '' or absent: none (stored as NULL, see migration 007). */
  note?: string;
  createdAt: string;
  updatedAt: string;
}

/** Notes are NULL when empty: the partial index annotations_note holds only spans with one. */
const storedNote = (note: string | undefined): string | null => (note ? note : null);

function insertAnnotationRow(db: Db, record: AnnotationRecord, sets?: AttributeSetIds): number {
  const result = statement(db, `INSERT INTO annotations (id, document_id, start, end, label_id, annotator_id, origin, review_state, attribute_set_id, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(
      record.id ?? null, record.documentId, record.start, record.end, record.labelId, record.annotatorId, record.origin,
      record.reviewState, attributeSetId(db, record.attributes, sets), storedNote(record.note), record.createdAt, record.updatedAt,
    );
  return Number(result.lastInsertRowid);
}

function addToSpanCount(db: Db, documentId: number, delta: number): void {
  statement(db, 'UPDATE documents SET span_count = span_count + ? WHERE id = ?').run(delta, documentId);
}

/** Inserts one span and counts it on its document (call inside a transaction). */
export function insertAnnotation(db: Db, record: AnnotationRecord): number {
  const id = insertAnnotationRow(db, record);
  addToSpanCount(db, record.documentId, 1);
  return id;
}

/**
 * Inserts the spans of one document and updates its count once: the bulk import path. `sets`:
 * the caller's transaction's set ids (see AttributeSetIds), shared by its documents.
 */
export function insertDocumentAnnotations(db: Db, documentId: number, records: readonly AnnotationRecord[], sets?: AttributeSetIds): void {
  for (const record of records) insertAnnotationRow(db, record, sets);
  if (records.length > 0) addToSpanCount(db, documentId, records.length);
}

export interface AnnotationChange {
  start: number;
  end: number;
  labelId: number;
  reviewState: ReviewState;
  attributes: Record<string, string>;
  /** Absent in changes recorded before notes existed (undo history): none. */
  note?: string;
  updatedAt: string;
}

export function updateAnnotation(db: Db, id: number, change: AnnotationChange): void {
  statement(db,
    `UPDATE annotations SET start = ?, end = ?, label_id = ?, review_state = ?, attribute_set_id = ?, note = ?, updated_at = ? WHERE id = ?`,
  ).run(change.start, change.end, change.labelId, change.reviewState, attributeSetId(db, change.attributes), storedNote(change.note), change.updatedAt, id);
}

/** Deletes one span and uncounts it on its document (call inside a transaction). */
export function deleteAnnotation(db: Db, id: number): boolean {
  const deleted = statement(db, 'DELETE FROM annotations WHERE id = ? RETURNING document_id').get(id) as { document_id: number } | undefined;
  if (deleted) addToSpanCount(db, deleted.document_id, -1);
  return deleted !== undefined;
}

export function countAnnotations(db: Db): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM annotations').get() as { n: number }).n;
}

export function countByLabel(db: Db): { labelKey: string; count: number }[] {
  return statement(db, `SELECT l.key AS labelKey, COUNT(a.id) AS count FROM labels l LEFT JOIN annotations a ON a.label_id = l.id
       GROUP BY l.id ORDER BY l.sort_order`)
    .all() as { labelKey: string; count: number }[];
}

export { toAnnotation, type AnnotationRow };
