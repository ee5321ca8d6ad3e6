// Suggestions (migration 013): the coder's confirmed mentions the dictionary learns from, rejected
// places, the change stamp that keeps the dictionary cache honest, and the stored tagger model.
import type { Db } from './connection';
import { nowIso, statement } from './connection';

export type MentionPlace = [documentId: number, start: number, end: number, labelId: number];

/** The coder's spans not rejected in review, ordered by document (texts are cut in JavaScript: SQLite's substr counts code points). */
export function confirmedPlaces(db: Db, annotatorId: number): MentionPlace[] {
  return statement(db, `SELECT document_id, start, end, label_id FROM annotations WHERE annotator_id = ? AND review_state <> 'rejected' ORDER BY document_id`)
    .raw(true)
    .all(annotatorId) as MentionPlace[];
}

/** The coder's spans created after span `afterId` and not rejected (the primary key's range: cheap). */
export function newerConfirmedPlaces(db: Db, annotatorId: number, afterId: number): MentionPlace[] {
  return statement(
    db,
    `SELECT document_id, start, end, label_id FROM annotations WHERE id > ? AND annotator_id = ? AND review_state <> 'rejected' ORDER BY document_id`,
  )
    .raw(true)
    .all(afterId, annotatorId) as MentionPlace[];
}

/** A text the coder labelled, with its label and how many of the coder's confirmed spans carry both. */
export type KeptMentionCount = [text: string | null, labelId: number, spans: number];

const CONFIRMED = `a.annotator_id = ? AND a.review_state <> 'rejected'`;

/** Documents with ids in [from, to): a rebuild in the background counts a range a step. */
export interface DocumentRange {
  from: number;
  to: number;
}
export const ALL_DOCUMENTS: DocumentRange = { from: 0, to: Number.MAX_SAFE_INTEGER };

/**
 * The coder's confirmed mentions counted by text and label, the texts read from those migration
 * 018 keeps (dashboard_span_mentions) instead of cut from every document. Text NULL: spans whose
 * text is not kept (documents with astral characters; see keptUncutPlaces), counted together.
 */
export function keptMentionCounts(db: Db, annotatorId: number, documents: DocumentRange = ALL_DOCUMENTS): KeptMentionCount[] {
  return statement(
    db,
    `SELECT m.text, a.label_id, count(*) FROM annotations a LEFT JOIN dashboard_span_mentions m ON m.annotation_id = a.id
      WHERE ${CONFIRMED} AND a.document_id >= ? AND a.document_id < ? GROUP BY 1, 2`,
  )
    .raw(true)
    .all(annotatorId, documents.from, documents.to) as KeptMentionCount[];
}

/**
 * The coder's confirmed spans whose kept text is NULL, by the kept rows' index of uncut texts (a
 * few documents): their texts are cut in JavaScript. A span with no kept row at all is not among
 * them (none outside a bulk write's transaction); the caller compares the numbers.
 */
export function keptUncutPlaces(db: Db, annotatorId: number, documents: DocumentRange = ALL_DOCUMENTS): MentionPlace[] {
  return statement(
    db,
    `SELECT a.document_id, a.start, a.end, a.label_id FROM annotations a JOIN dashboard_span_mentions m ON m.annotation_id = a.id
      WHERE a.document_id IN (SELECT document_id FROM dashboard_span_mentions WHERE text IS NULL AND document_id >= ? AND document_id < ?)
        AND m.text IS NULL AND ${CONFIRMED} ORDER BY a.document_id`,
  )
    .raw(true)
    .all(documents.from, documents.to, annotatorId) as MentionPlace[];
}

export function maxDocumentId(db: Db): number {
  return (statement(db, 'SELECT coalesce(max(id), 0) FROM documents').pluck().get() as number) ?? 0;
}

/** A place with its kept text (NULL: not kept, cut it from the document). */
export type KeptMentionPlace = [documentId: number, start: number, end: number, labelId: number, text: string | null];

/** The coder's confirmed spans created after span `afterId`, with their kept texts (`+`: by the primary key's range, not every span of the coder). */
export function newerKeptMentions(db: Db, annotatorId: number, afterId: number): KeptMentionPlace[] {
  return statement(
    db,
    `SELECT a.document_id, a.start, a.end, a.label_id, m.text FROM annotations a LEFT JOIN dashboard_span_mentions m ON m.annotation_id = a.id
      WHERE a.id > ? AND +a.annotator_id = ? AND a.review_state <> 'rejected' ORDER BY a.document_id`,
  )
    .raw(true)
    .all(afterId, annotatorId) as KeptMentionPlace[];
}

export function maxAnnotationId(db: Db): number {
  return (statement(db, 'SELECT coalesce(max(id), 0) FROM annotations').pluck().get() as number) ?? 0;
}

/**
 * Changes whenever any row of the project changed: this connection's own writes (total_changes)
 * and another connection's, such as an import worker's (data_version).
 */
export function changeStamp(db: Db): string {
  const changes = statement(db, 'SELECT total_changes()').pluck().get() as number;
  return `${changes}:${db.pragma('data_version', { simple: true }) as number}`;
}

export interface RejectedRow {
  start: number;
  end: number;
  labelId: number;
}

export function rejectedPlaces(db: Db, documentId: number): RejectedRow[] {
  return statement(db, 'SELECT start, end, label_id AS labelId FROM rejected_suggestions WHERE document_id = ?').all(documentId) as RejectedRow[];
}

export function insertRejected(db: Db, documentId: number, place: RejectedRow): void {
  statement(db, 'INSERT OR IGNORE INTO rejected_suggestions (document_id, start, end, label_id, rejected_at) VALUES (?, ?, ?, ?, ?)').run(
    documentId,
    place.start,
    place.end,
    place.labelId,
    nowIso(),
  );
}

export interface StoredModel {
  version: string;
  labels: string[];
  /** `fingerprint`: the confirmed spans and labels it learned from (suggest/model.ts), to tell when it is stale. */
  trainedOn: { spans: number; documents: number; fingerprint?: string };
  trainedAt: string;
  model: Uint8Array;
}

export function readModel(db: Db): StoredModel | null {
  const row = statement(db, 'SELECT version, labels_json, trained_on_json, trained_at, model FROM suggestion_models WHERE id = 1').get() as
    { version: string; labels_json: string; trained_on_json: string; trained_at: string; model: Buffer } | undefined;
  if (!row) return null;
  return {
    version: row.version,
    labels: JSON.parse(row.labels_json) as string[],
    trainedOn: JSON.parse(row.trained_on_json) as StoredModel['trainedOn'],
    trainedAt: row.trained_at,
    model: new Uint8Array(row.model.buffer, row.model.byteOffset, row.model.byteLength),
  };
}

/** Metadata only (no blob): what model:status shows. */
export function readModelInfo(db: Db): Omit<StoredModel, 'model'> | null {
  const row = statement(db, 'SELECT version, labels_json, trained_on_json, trained_at FROM suggestion_models WHERE id = 1').get() as
    { version: string; labels_json: string; trained_on_json: string; trained_at: string } | undefined;
  if (!row) return null;
  return { version: row.version, labels: JSON.parse(row.labels_json), trainedOn: JSON.parse(row.trained_on_json), trainedAt: row.trained_at };
}

export function writeModel(db: Db, model: StoredModel): void {
  statement(
    db,
    `INSERT INTO suggestion_models (id, version, labels_json, trained_on_json, trained_at, model) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, labels_json = excluded.labels_json,
         trained_on_json = excluded.trained_on_json, trained_at = excluded.trained_at, model = excluded.model`,
  ).run(model.version, JSON.stringify(model.labels), JSON.stringify(model.trainedOn), model.trainedAt, Buffer.from(model.model));
}

export function deleteModel(db: Db): void {
  statement(db, 'DELETE FROM suggestion_models').run();
}

export function allDocumentIds(db: Db): number[] {
  return statement(db, 'SELECT id FROM documents ORDER BY id').pluck().all() as number[];
}

/** Of these ids, those no document has. */
export function missingDocumentIds(db: Db, ids: readonly number[]): number[] {
  const exists = statement(db, 'SELECT 1 FROM documents WHERE id = ?').pluck();
  return ids.filter((id) => exists.get(id) === undefined);
}
