// Relations between two spans of a document, and their types (migration 014). Rules (allowed label
// pairs, same document) are checked by the entities service before rows reach these functions.
import type { Relation, RelationType } from '../../../shared/api/entities';
import type { ReviewState } from '../../../shared/model';
import type { Db } from './connection';
import { statement } from './connection';

const RELATION_COLUMNS = `r.id, r.document_id AS documentId, r.type_id AS typeId, t.key AS typeKey, r.from_annotation_id AS fromId,
  r.to_annotation_id AS toId, an.name AS annotator, r.review_state AS reviewState, r.created_at AS createdAt`;
const RELATION_FROM = `relations r JOIN relation_types t ON t.id = r.type_id JOIN annotators an ON an.id = r.annotator_id`;

export const hasRelationTables = (db: Db): boolean =>
  statement(db, `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'relations'`).pluck().get() !== undefined;

export function relationsOfDocument(db: Db, documentId: number): Relation[] {
  return statement(db, `SELECT ${RELATION_COLUMNS} FROM ${RELATION_FROM} WHERE r.document_id = ? ORDER BY r.id`).all(documentId) as Relation[];
}

export function getRelation(db: Db, id: number): Relation | null {
  return (statement(db, `SELECT ${RELATION_COLUMNS} FROM ${RELATION_FROM} WHERE r.id = ?`).get(id) as Relation | undefined) ?? null;
}

/** Relations with the span at either end (what a span's delete takes with it). */
export function relationsOfSpan(db: Db, annotationId: number): Relation[] {
  return statement(
    db,
    `SELECT ${RELATION_COLUMNS} FROM ${RELATION_FROM} WHERE r.from_annotation_id = @id
     UNION ALL SELECT ${RELATION_COLUMNS} FROM ${RELATION_FROM} WHERE r.to_annotation_id = @id AND r.from_annotation_id <> @id
     ORDER BY 1`,
  ).all({ id: annotationId }) as Relation[];
}

export function findRelation(db: Db, typeId: number, fromId: number, toId: number): number | null {
  return (
    (statement(db, 'SELECT id FROM relations WHERE from_annotation_id = ? AND type_id = ? AND to_annotation_id = ?').pluck().get(fromId, typeId, toId) as
      number | undefined) ?? null
  );
}

export interface RelationRecord {
  /** Set when putting a deleted relation back under its old id (undo). */
  id?: number;
  documentId: number;
  typeId: number;
  fromId: number;
  toId: number;
  annotatorId: number;
  reviewState: ReviewState;
  createdAt: string;
}

export function insertRelation(db: Db, record: RelationRecord): number {
  return Number(
    statement(
      db,
      `INSERT INTO relations (id, document_id, type_id, from_annotation_id, to_annotation_id, annotator_id, review_state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(record.id ?? null, record.documentId, record.typeId, record.fromId, record.toId, record.annotatorId, record.reviewState, record.createdAt)
      .lastInsertRowid,
  );
}

export function deleteRelation(db: Db, id: number): boolean {
  return statement(db, 'DELETE FROM relations WHERE id = ?').run(id).changes > 0;
}

export function setRelationReview(db: Db, id: number, reviewState: ReviewState): void {
  statement(db, 'UPDATE relations SET review_state = ? WHERE id = ?').run(reviewState, id);
}

const TYPE_COLUMNS = `t.id, t.key, t.name, t.from_label_key AS fromLabelKey, t.to_label_key AS toLabelKey,
  (SELECT COUNT(*) FROM relations r WHERE r.type_id = t.id) AS relations`;

export function listRelationTypes(db: Db): RelationType[] {
  return statement(db, `SELECT ${TYPE_COLUMNS} FROM relation_types t ORDER BY t.id`).all() as RelationType[];
}

export function getRelationType(db: Db, id: number): RelationType | null {
  return (statement(db, `SELECT ${TYPE_COLUMNS} FROM relation_types t WHERE t.id = ?`).get(id) as RelationType | undefined) ?? null;
}

export function relationTypeByKey(db: Db, key: string): RelationType | null {
  return (statement(db, `SELECT ${TYPE_COLUMNS} FROM relation_types t WHERE t.key = ?`).get(key) as RelationType | undefined) ?? null;
}

export interface RelationTypeRecord {
  key: string;
  name: string;
  fromLabelKey: string;
  toLabelKey: string;
}

export function insertRelationType(db: Db, type: RelationTypeRecord, createdAt: string): number {
  return Number(
    statement(db, 'INSERT INTO relation_types (key, name, from_label_key, to_label_key, created_at) VALUES (?, ?, ?, ?, ?)').run(
      type.key,
      type.name,
      type.fromLabelKey,
      type.toLabelKey,
      createdAt,
    ).lastInsertRowid,
  );
}

export function updateRelationType(db: Db, id: number, type: RelationTypeRecord): void {
  statement(db, 'UPDATE relation_types SET key = ?, name = ?, from_label_key = ?, to_label_key = ? WHERE id = ?').run(
    type.key,
    type.name,
    type.fromLabelKey,
    type.toLabelKey,
    id,
  );
}

export function deleteRelationType(db: Db, id: number): void {
  statement(db, 'DELETE FROM relation_types WHERE id = ?').run(id);
}

/** The label key of a span (for the type's allowed pair), with its document; null when the span is gone. */
export function spanEnd(db: Db, annotationId: number): { documentId: number; labelKey: string } | null {
  return (
    (statement(db, 'SELECT a.document_id AS documentId, l.key AS labelKey FROM annotations a JOIN labels l ON l.id = a.label_id WHERE a.id = ?').get(
      annotationId,
    ) as { documentId: number; labelKey: string } | undefined) ?? null
  );
}

/** A relation with its two spans' places; `owner` is the annotator of both spans. */
export interface PlacedRelationRow {
  id: number;
  typeId: number;
  typeKey: string;
  owner: string;
  fromId: number;
  fromStart: number;
  fromEnd: number;
  fromLabelId: number;
  toId: number;
  toStart: number;
  toEnd: number;
  toLabelId: number;
}

/**
 * The document's relations between two spans of one of these annotators (adjudication reads the
 * coders' and the gold layer's), by id. None in a project older than migration 014 opened read-only.
 */
export function placedRelations(db: Db, documentId: number, owners: readonly string[]): PlacedRelationRow[] {
  if (!hasRelationTables(db)) return [];
  return statement(
    db,
    `SELECT r.id, r.type_id AS typeId, t.key AS typeKey, an.name AS owner,
            f.id AS fromId, f.start AS fromStart, f.end AS fromEnd, f.label_id AS fromLabelId,
            o.id AS toId, o.start AS toStart, o.end AS toEnd, o.label_id AS toLabelId
       FROM relations r
       JOIN relation_types t ON t.id = r.type_id
       JOIN annotations f ON f.id = r.from_annotation_id
       JOIN annotations o ON o.id = r.to_annotation_id AND o.annotator_id = f.annotator_id
       JOIN annotators an ON an.id = f.annotator_id
      WHERE r.document_id = ? AND an.name IN (SELECT value FROM json_each(?))
      ORDER BY r.id`,
  ).all(documentId, JSON.stringify(owners)) as PlacedRelationRow[];
}
