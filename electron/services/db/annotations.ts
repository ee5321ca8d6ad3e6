// Annotation rows. Offsets are validated by the service before they reach these functions.
import type { Annotation, AnnotationOrigin, OriginDetail, ReviewState } from '../../../shared/model';
import type Database from 'better-sqlite3';
import { attributeSetId, readAttributeSets, type AttributeSetIds } from './attribute-sets';
import type { Db } from './connection';
import { BULK_KEPT_COUNTS_FROM, withBulkKeptCounts } from './dashboard-bulk';
import { statement } from './connection';

// Columns in the order of SpanRow, read with .raw(): each span is one array instead of a row
// object with a dozen keys, and each attribute set's JSON is parsed once per call, not per span —
// annotations:list of a 5,000-span document is on the cold open's path.
const SPAN_COLUMNS = `a.id, a.document_id, a.start, a.end, a.label_id, an.name, a.origin, a.review_state, a.attribute_set_id, a.created_at, a.updated_at`;
type SpanRow = [
  id: number,
  documentId: number,
  start: number,
  end: number,
  labelId: number,
  annotator: string,
  origin: AnnotationOrigin,
  reviewState: ReviewState,
  attributeSetId: number | null,
  createdAt: string,
  updatedAt: string,
  note: string | null,
  originDetail: string | null,
  entityId: number | null,
  leadTimeMs: number | null,
];

const hasColumn = (db: Db, name: string) => statement(db, `SELECT 1 FROM pragma_table_info('annotations') WHERE name = ?`).pluck().get(name) !== undefined;

/**
 * The spans' SELECT; the note, origin_detail and entity_id columns are absent in a project older than
 * migrations 007, 013 and 014 opened read-only (it cannot be migrated).
 */
function selectSpans(db: Db, where: string): Database.Statement {
  return statement(
    db,
    `SELECT ${SPAN_COLUMNS}, ${hasColumn(db, 'note') ? 'a.note' : 'NULL'}, ${hasColumn(db, 'origin_detail') ? 'a.origin_detail' : 'NULL'},
      ${hasColumn(db, 'entity_id') ? 'a.entity_id' : 'NULL'}, ${hasColumn(db, 'lead_time_ms') ? 'a.lead_time_ms' : 'NULL'}
    FROM annotations a JOIN annotators an ON an.id = a.annotator_id WHERE ${where}`,
  ).raw(true);
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The parsed attribute sets the rows point at, each parsed once. Frozen because spans of one set
 * share the object: changing one span's attributes must not change the others'.
 */
function parsedAttributeSets(db: Db, rows: readonly SpanRow[]): Map<number, Record<string, string>> {
  const ids = new Set<number>();
  for (const row of rows) if (row[8] !== null) ids.add(row[8]);
  const sets = new Map<number, Record<string, string>>();
  if (ids.size > 0) for (const [id, json] of readAttributeSets(db, [...ids])) sets.set(id, Object.freeze(JSON.parse(json)));
  return sets;
}

// Keys in this order: the API's output (and its JSON) is the same as when spans were row objects;
// originDetail and entityId only on spans that have one, so a hand-made, unlinked span reads as it always did.
const toAnnotation = (row: SpanRow, sets: Map<number, Record<string, string>>): Annotation => ({
  id: row[0],
  documentId: row[1],
  start: row[2],
  end: row[3],
  labelId: row[4],
  annotator: row[5],
  origin: row[6],
  reviewState: row[7],
  attributes: (row[8] === null ? undefined : sets.get(row[8])) ?? NO_ATTRIBUTES,
  note: row[11] ?? '',
  createdAt: row[9],
  updatedAt: row[10],
  ...(row[12] === null ? {} : { originDetail: JSON.parse(row[12]) as OriginDetail }),
  ...(row[13] === null ? {} : { entityId: row[13] }),
  ...(row[14] === null ? {} : { leadTimeMs: row[14] }),
});

export function listAnnotations(db: Db, documentId: number): Annotation[] {
  const rows = selectSpans(db, 'a.document_id = ? ORDER BY a.start, a.end, a.id').all(documentId) as SpanRow[];
  const sets = parsedAttributeSets(db, rows);
  return rows.map((row) => toAnnotation(row, sets));
}

export function getAnnotation(db: Db, id: number): Annotation | null {
  const row = selectSpans(db, 'a.id = ?').get(id) as SpanRow | undefined;
  return row ? toAnnotation(row, parsedAttributeSets(db, [row])) : null;
}

/** The span this coder already has with this label on exactly these characters, if any (one per place: migration 006). */
export function findSameSpan(db: Db, place: { documentId: number; start: number; end: number; labelId: number; annotatorId: number }): number | null {
  const row = statement(db, 'SELECT id FROM annotations WHERE document_id = ? AND start = ? AND end = ? AND label_id = ? AND annotator_id = ?').get(
    place.documentId,
    place.start,
    place.end,
    place.labelId,
    place.annotatorId,
  ) as { id: number } | undefined;
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
  /** An accepted suggestion's source (migration 013); absent or null for a hand-made span. */
  originDetail?: OriginDetail | null;
  /** The linked entity (migration 014); absent or null: not linked. */
  entityId?: number | null;
  /** Active ms before the coder made it (migration 017); absent or null: none. */
  leadTimeMs?: number | null;
}

/** Stored as JSON with its keys in one order, so that equal details are equal text. */
export const storedOriginDetail = (detail: OriginDetail | null | undefined): string | null =>
  detail ? JSON.stringify({ source: detail.source, sourceId: detail.sourceId, confidence: detail.confidence }) : null;

/** Notes are NULL when empty: the partial index annotations_note holds only spans with one. */
const storedNote = (note: string | undefined): string | null => (note ? note : null);

function insertAnnotationRow(db: Db, record: AnnotationRecord, sets?: AttributeSetIds): number {
  const result = statement(
    db,
    `INSERT INTO annotations (id, document_id, start, end, label_id, annotator_id, origin, review_state, attribute_set_id, note, created_at, updated_at, origin_detail, entity_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.id ?? null,
    record.documentId,
    record.start,
    record.end,
    record.labelId,
    record.annotatorId,
    record.origin,
    record.reviewState,
    attributeSetId(db, record.attributes, sets),
    storedNote(record.note),
    record.createdAt,
    record.updatedAt,
    storedOriginDetail(record.originDetail),
    record.entityId ?? null,
  );
  const id = Number(result.lastInsertRowid);
  // Set apart from the INSERT, whose SQL stays that of every project since 014: few spans have one.
  if (record.leadTimeMs != null) statement(db, 'UPDATE annotations SET lead_time_ms = ? WHERE id = ?').run(record.leadTimeMs, id);
  return id;
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
 * Inserts the spans of one document and updates its count once (import, label all); answers their ids. `sets`:
 * the caller's transaction's set ids (see AttributeSetIds), shared by its documents.
 */
export function insertDocumentAnnotations(db: Db, documentId: number, records: readonly AnnotationRecord[], sets?: AttributeSetIds): number[] {
  const insertAll = () => records.map((record) => insertAnnotationRow(db, record, sets));
  // The dashboard's kept rows once per document (db/dashboard-bulk.ts); a few spans keep the
  // per-span triggers, cheaper than reading the document's spans again.
  const ids = records.length >= BULK_KEPT_COUNTS_FROM ? withBulkKeptCounts(db, [documentId], insertAll) : insertAll();
  if (records.length > 0) addToSpanCount(db, documentId, records.length);
  return ids;
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
  /** The linked entity; absent: left as it is (only undo/redo and links set it). */
  entityId?: number | null;
}

export function updateAnnotation(db: Db, id: number, change: AnnotationChange): void {
  statement(db, `UPDATE annotations SET start = ?, end = ?, label_id = ?, review_state = ?, attribute_set_id = ?, note = ?, updated_at = ? WHERE id = ?`).run(
    change.start,
    change.end,
    change.labelId,
    change.reviewState,
    attributeSetId(db, change.attributes),
    storedNote(change.note),
    change.updatedAt,
    id,
  );
  if (change.entityId !== undefined) setEntityLink(db, id, change.entityId);
}

/** Links a span to an entity (null: unlinks it). */
export function setEntityLink(db: Db, id: number, entityId: number | null): void {
  statement(db, 'UPDATE annotations SET entity_id = ? WHERE id = ?').run(entityId, id);
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
  return statement(
    db,
    `SELECT l.key AS labelKey, COUNT(a.id) AS count FROM labels l LEFT JOIN annotations a ON a.label_id = l.id
       GROUP BY l.id ORDER BY l.sort_order`,
  ).all() as { labelKey: string; count: number }[];
}
