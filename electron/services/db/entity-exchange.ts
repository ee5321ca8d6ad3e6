// Entity links and relations as exports read them and imports write them (#23). The entity panel's
// own queries are in entities.ts and relations.ts; these read a batch of documents at once, or
// match and create entities by name and label, as an import needs.
import type { ReviewFilter } from '../../../shared/api/export';
import type { EntityFields } from '../../../shared/api/entities';
import type { ExportEntity, ExportRelation } from '../../../shared/exchange/types';
import type { ReviewState } from '../../../shared/model';
import type { Db } from './connection';
import { statement } from './connection';
import type { RelationRecord } from './relations';

/** Whether the project has migration 014's tables (an older project opened read-only has none). */
export const hasEntityExchangeTables = (db: Db): boolean =>
  statement(db, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('entities', 'relations')`).pluck().get() === 2;

/** The whole entity table, with label keys and aliases (sorted). */
export function readExportEntities(db: Db): ExportEntity[] {
  if (!hasEntityExchangeTables(db)) return [];
  const rows = statement(
    db,
    `SELECT e.id, l.key AS label, e.name, e.fields_json AS fieldsJson, e.note,
       (SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY alias)) AS aliasesJson
     FROM entities e JOIN labels l ON l.id = e.label_id ORDER BY e.id`,
  ).all() as { id: number; label: string; name: string; fieldsJson: string; note: string; aliasesJson: string }[];
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    name: r.name,
    aliases: JSON.parse(r.aliasesJson) as string[],
    fields: JSON.parse(r.fieldsJson) as EntityFields,
    note: r.note,
  }));
}

const REVIEW_KEPT: Record<ReviewFilter, string> = {
  'not-rejected': " AND review_state <> 'rejected'",
  accepted: " AND review_state = 'accepted'",
  all: '',
};

/** [span id, entity id] of a batch's linked spans (through the partial index annotations_entity's rows only). */
export function readExportEntityLinks(db: Db, documentIds: readonly number[]): [number, number][] {
  if (!hasEntityExchangeTables(db)) return [];
  return statement(db, 'SELECT id, entity_id FROM annotations WHERE document_id IN (SELECT value FROM json_each(?)) AND entity_id IS NOT NULL')
    .raw(true)
    .all(JSON.stringify(documentIds)) as [number, number][];
}

/** A batch's relations the review filter keeps, as [document id, relation]. */
export function readExportRelations(db: Db, documentIds: readonly number[], review: ReviewFilter): [number, ExportRelation][] {
  if (!hasEntityExchangeTables(db)) return [];
  const rows = statement(
    db,
    `SELECT r.document_id AS documentId, r.id, t.key AS type, r.from_annotation_id AS fromId, r.to_annotation_id AS toId, an.name AS annotator,
       r.review_state AS reviewState, r.created_at AS createdAt
     FROM relations r JOIN relation_types t ON t.id = r.type_id JOIN annotators an ON an.id = r.annotator_id
     WHERE r.document_id IN (SELECT value FROM json_each(?))${REVIEW_KEPT[review].replaceAll('review_state', 'r.review_state')} ORDER BY r.document_id, r.id`,
  ).all(JSON.stringify(documentIds)) as (ExportRelation & { documentId: number })[];
  return rows.map(({ documentId, ...relation }) => [documentId, relation]);
}

/** The entity of this label named exactly `name`, or null (the lowest id when there are several). */
export function entityNamed(db: Db, labelId: number, name: string): { id: number; fieldsJson: string; note: string } | null {
  return (
    (statement(db, 'SELECT id, fields_json AS fieldsJson, note FROM entities WHERE label_id = ? AND name = ? ORDER BY id LIMIT 1').get(labelId, name) as
      { id: number; fieldsJson: string; note: string } | undefined) ?? null
  );
}

export function insertImportedEntity(db: Db, labelId: number, name: string, fields: EntityFields, note: string, now: string): number {
  return Number(
    statement(db, 'INSERT INTO entities (label_id, name, fields_json, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      labelId,
      name,
      JSON.stringify(fields),
      note,
      now,
      now,
    ).lastInsertRowid,
  );
}

/** Fills an entity's empty fields and note from an import; what the project already set stays. */
export function fillEntity(db: Db, id: number, fields: EntityFields, note: string, now: string): void {
  statement(db, 'UPDATE entities SET fields_json = ?, note = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(fields), note, now, id);
}

export function addEntityAliases(db: Db, id: number, aliases: Iterable<string>): void {
  const insert = statement(db, 'INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)');
  for (const alias of aliases) insert.run(id, alias);
}

export function linkSpanToEntity(db: Db, annotationId: number, entityId: number): void {
  statement(db, 'UPDATE annotations SET entity_id = ? WHERE id = ?').run(entityId, annotationId);
}

export function relationTypeId(db: Db, key: string): number | null {
  return (statement(db, 'SELECT id FROM relation_types WHERE key = ?').pluck().get(key) as number | undefined) ?? null;
}

/** A relation type's id and allowed label pair, by key; null when the project lacks it. */
export function relationTypeRule(db: Db, key: string): { id: number; fromLabelKey: string; toLabelKey: string } | null {
  return (
    (statement(db, 'SELECT id, from_label_key AS fromLabelKey, to_label_key AS toLabelKey FROM relation_types WHERE key = ?').get(key) as
      { id: number; fromLabelKey: string; toLabelKey: string } | undefined) ?? null
  );
}

/** A document's title, for naming it in an import problem. */
export function documentTitle(db: Db, id: number): string {
  return (statement(db, 'SELECT title FROM documents WHERE id = ?').pluck().get(id) as string | undefined) ?? String(id);
}

export function insertImportedRelationType(db: Db, key: string, fromLabelKey: string, toLabelKey: string, now: string): number {
  return Number(
    statement(db, 'INSERT INTO relation_types (key, name, from_label_key, to_label_key, created_at) VALUES (?, ?, ?, ?, ?)').run(
      key,
      key,
      fromLabelKey,
      toLabelKey,
      now,
    ).lastInsertRowid,
  );
}

/** A relation read from an import: a relation record without an id of its own yet. */
export type ImportedRelation = Omit<RelationRecord, 'id'>;

/** Inserts a relation unless the same one (type, from, to) is there; returns whether it was new. */
export function insertImportedRelation(db: Db, r: ImportedRelation): boolean {
  return (
    statement(
      db,
      `INSERT OR IGNORE INTO relations (document_id, type_id, from_annotation_id, to_annotation_id, annotator_id, review_state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.documentId, r.typeId, r.fromId, r.toId, r.annotatorId, r.reviewState, r.createdAt).changes > 0
  );
}
