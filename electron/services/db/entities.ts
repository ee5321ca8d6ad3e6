// Entity rows, aliases and links (migration 014). The panel's counts come from one aggregate over
// the linked spans (the partial index annotations_entity), never from stored counters.
import type { Entity, EntityFields, EntityMention, EntitySort, EntitySummary } from '../../../shared/api/entities';
import type { Db } from './connection';
import { statement } from './connection';
import { getDocumentText } from './documents';

interface EntityRow {
  id: number;
  labelId: number;
  name: string;
  fieldsJson: string;
  note: string;
  createdAt: string;
  updatedAt: string;
  aliasesJson: string;
}

const ENTITY_BASE_COLUMNS = `e.id, e.label_id AS labelId, e.name, e.fields_json AS fieldsJson, e.note, e.created_at AS createdAt, e.updated_at AS updatedAt`;
const STATS_COLUMNS = `e.mentions, e.documents, e.first_date AS firstDate, e.last_date AS lastDate`;
const ENTITY_COLUMNS = `${ENTITY_BASE_COLUMNS},
  (SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY alias)) AS aliasesJson`;

const toEntity = (row: EntityRow): Entity => ({
  id: row.id,
  labelId: row.labelId,
  name: row.name,
  aliases: JSON.parse(row.aliasesJson) as string[],
  fields: JSON.parse(row.fieldsJson) as EntityFields,
  note: row.note,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Fields as stored: set ones only, keys in one order, so equal fields are equal text. */
export function storedFields(fields: EntityFields): string {
  const kept: EntityFields = {};
  for (const key of ['role', 'organization', 'district'] as const) if (fields[key]) kept[key] = fields[key];
  return JSON.stringify(kept);
}

export const hasEntityTables = (db: Db): boolean =>
  statement(db, `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'entities'`).pluck().get() !== undefined;

export interface EntityRecord {
  labelId: number;
  name: string;
  fields: EntityFields;
  note: string;
}

export function insertEntity(db: Db, record: EntityRecord, now: string): number {
  return Number(
    statement(db, 'INSERT INTO entities (label_id, name, fields_json, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      record.labelId,
      record.name,
      storedFields(record.fields),
      record.note,
      now,
      now,
    ).lastInsertRowid,
  );
}

export function getEntity(db: Db, id: number): Entity | null {
  const row = statement(db, `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.id = ?`).get(id) as EntityRow | undefined;
  return row ? toEntity(row) : null;
}

export function updateEntity(db: Db, id: number, record: Omit<EntityRecord, 'labelId'>, now: string): void {
  statement(db, 'UPDATE entities SET name = ?, fields_json = ?, note = ?, updated_at = ? WHERE id = ?').run(
    record.name,
    storedFields(record.fields),
    record.note,
    now,
    id,
  );
}

/** Adds aliases (an entity's own name is never its alias; duplicates are ignored). */
export function addAliases(db: Db, id: number, aliases: Iterable<string>): void {
  const insert = statement(
    db,
    'INSERT OR IGNORE INTO entity_aliases (entity_id, alias) SELECT @id, @alias WHERE @alias <> (SELECT name FROM entities WHERE id = @id)',
  );
  for (const alias of aliases) insert.run({ id, alias });
}

export function replaceAliases(db: Db, id: number, aliases: Iterable<string>): void {
  statement(db, 'DELETE FROM entity_aliases WHERE entity_id = ?').run(id);
  addAliases(db, id, aliases);
}

/** Deletes an entity; its spans are unlinked (ON DELETE SET NULL). Answers how many were linked. */
export function deleteEntity(db: Db, id: number): number {
  const linked = countMentions(db, id);
  statement(db, 'DELETE FROM entities WHERE id = ?').run(id);
  return linked;
}

export function countMentions(db: Db, id: number): number {
  return statement(db, 'SELECT COUNT(*) FROM annotations WHERE entity_id = ?').pluck().get(id) as number;
}

/** Moves every mention of the `from` entities to `into`. */
export function moveAllMentions(db: Db, from: readonly number[], into: number): number {
  return statement(db, 'UPDATE annotations SET entity_id = ? WHERE entity_id IN (SELECT value FROM json_each(?))').run(into, JSON.stringify(from)).changes;
}

export interface EntityListQuery {
  labelId?: number;
  query?: string;
  sort: EntitySort;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

function orderBy(sort: EntitySort, direction: 'asc' | 'desc'): string {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  // Undated entities stay last either way; ties in name order, then id (entities_mentions serves mentions, descending).
  if (sort === 'first' || sort === 'last') return `e.${sort}_date IS NULL, e.${sort}_date ${dir}, e.name, e.id`;
  return sort === 'name' ? `e.name ${dir}, e.id` : `e.mentions ${dir}, e.name, e.id`;
}

/** The panel's filter; the label is a plain equality when given (an OR with a parameter would keep SQLite off the label's indexes). */
const filterSql = (byLabel: boolean): string => `${byLabel ? 'e.label_id = @labelId' : 'true'}
  AND (@query IS NULL OR instr(e.name, @query) > 0
       OR EXISTS (SELECT 1 FROM entity_aliases x WHERE x.entity_id = e.id AND instr(x.alias, @query) > 0))`;

/** The panel's page query: the numbers are columns the triggers of migration 014 keep, so a page is an index walk. Exported for the query-plan test. */
export const entityPageSql = (sort: EntitySort, direction: 'asc' | 'desc', byLabel: boolean): string =>
  `SELECT ${ENTITY_BASE_COLUMNS}, '[]' AS aliasesJson, ${STATS_COLUMNS}
   FROM entities e WHERE ${filterSql(byLabel)} ORDER BY ${orderBy(sort, direction)} LIMIT @limit OFFSET @offset`;

/** One page of the panel, the total, and the page's aliases. */
export function listEntitySummaries(db: Db, query: EntityListQuery): { total: number; entities: EntitySummary[] } {
  const byLabel = query.labelId !== undefined;
  const params = { ...(byLabel ? { labelId: query.labelId } : {}), query: query.query || null };
  const rows = statement(db, entityPageSql(query.sort, query.direction, byLabel)).all({ ...params, limit: query.limit, offset: query.offset }) as (EntityRow &
    Omit<EntitySummary, keyof Entity>)[];
  const total = statement(db, `SELECT COUNT(*) FROM entities e WHERE ${filterSql(byLabel)}`)
    .pluck()
    .get(params) as number;
  const aliases = aliasesOf(
    db,
    rows.map((r) => r.id),
  );
  return { total, entities: rows.map((row) => ({ ...toSummary(row), aliases: aliases.get(row.id) ?? [] })) };
}

function aliasesOf(db: Db, ids: readonly number[]): Map<number, string[]> {
  const byEntity = new Map<number, string[]>();
  const rows = statement(db, 'SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN (SELECT value FROM json_each(?)) ORDER BY entity_id, alias')
    .raw()
    .all(JSON.stringify(ids)) as [number, string][];
  for (const [id, alias] of rows) (byEntity.get(id) ?? byEntity.set(id, []).get(id)!).push(alias);
  return byEntity;
}

const toSummary = (row: EntityRow & Omit<EntitySummary, keyof Entity>): EntitySummary => ({
  ...toEntity(row),
  mentions: row.mentions,
  documents: row.documents,
  firstDate: row.firstDate,
  lastDate: row.lastDate,
});

/** One entity with its counts (the panel's row for it). */
export function getEntitySummary(db: Db, id: number): EntitySummary | null {
  const row = statement(db, `SELECT ${ENTITY_COLUMNS}, ${STATS_COLUMNS} FROM entities e WHERE e.id = ?`).get(id) as
    (EntityRow & Omit<EntitySummary, keyof Entity>) | undefined;
  return row ? toSummary(row) : null;
}

type MentionRow = Omit<EntityMention, 'text' | 'role'> & { attributes: string | null };

/** A page of an entity's mentions, dated first in date order, then by document and place. */
export function entityMentions(db: Db, id: number, offset: number, limit: number): EntityMention[] {
  const rows = statement(
    db,
    `SELECT a.id AS annotationId, a.document_id AS documentId, d.title, d.published_at AS date, a.start, a.end, an.name AS annotator, s.json AS attributes
     FROM annotations a JOIN documents d ON d.id = a.document_id JOIN annotators an ON an.id = a.annotator_id
       LEFT JOIN attribute_sets s ON s.id = a.attribute_set_id
     WHERE a.entity_id = ? ORDER BY d.published_at IS NULL, d.published_at, a.document_id, a.start, a.id LIMIT ? OFFSET ?`,
  ).all(id, limit, offset) as MentionRow[];
  // Texts are cut in JavaScript: offsets are UTF-16 units, SQLite's substr counts characters.
  const texts = new Map<number, string>();
  const text = (documentId: number) => {
    let found = texts.get(documentId);
    if (found === undefined)
      // getDocumentText, not a plucked statement of the same SQL: the statement cache shares it, and pluck() would change it for every caller.
      texts.set(documentId, (found = getDocumentText(db, documentId) ?? ''));
    return found;
  };
  return rows.map(({ attributes, ...row }) => ({
    ...row,
    text: text(row.documentId).slice(row.start, row.end),
    role: attributes ? String((JSON.parse(attributes) as Record<string, string>).role ?? '') : '',
  }));
}

/** Entities of a label whose name or an alias is one of `names`, with the name that matched. */
export function entitiesNamed(db: Db, labelId: number, names: readonly string[]): { id: number; matched: string }[] {
  return statement(
    db,
    `SELECT e.id, e.name AS matched FROM entities e WHERE e.label_id = @labelId AND e.name IN (SELECT value FROM json_each(@names))
     UNION SELECT x.entity_id, x.alias FROM entity_aliases x JOIN entities e ON e.id = x.entity_id
       WHERE x.alias IN (SELECT value FROM json_each(@names)) AND e.label_id = @labelId`,
  ).all({ labelId, names: JSON.stringify(names) }) as { id: number; matched: string }[];
}

/** Unlinked spans of a label whose text is `text`, corpus-wide (texts are compared in JavaScript, in UTF-16 units as offsets are). */
export function unlinkedSpansWithText(db: Db, labelId: number, text: string): { id: number; documentId: number }[] {
  const rows = statement(
    db,
    `SELECT a.id, a.document_id AS documentId, a.start, a.end FROM annotations a
     WHERE a.label_id = ? AND a.entity_id IS NULL AND a.end - a.start = ?
       AND a.document_id IN (SELECT document_id FROM document_texts WHERE instr(text, ?) > 0)
     ORDER BY a.document_id, a.start, a.id`,
  ).all(labelId, text.length, text) as { id: number; documentId: number; start: number; end: number }[];
  const texts = new Map<number, string>();
  return rows
    .filter((row) => {
      if (!texts.has(row.documentId)) texts.set(row.documentId, getDocumentText(db, row.documentId) ?? '');
      return texts.get(row.documentId)!.slice(row.start, row.end) === text;
    })
    .map(({ id, documentId }) => ({ id, documentId }));
}

export function insertLinkBatch(db: Db, now: string): number {
  return Number(statement(db, 'INSERT INTO entity_link_batches (created_at) VALUES (?)').run(now).lastInsertRowid);
}

export function linkBatchUndone(db: Db, id: number): boolean | null {
  const undone = statement(db, 'SELECT undone FROM entity_link_batches WHERE id = ?').pluck().get(id) as number | undefined;
  return undone === undefined ? null : undone === 1;
}

export function setLinkBatchUndone(db: Db, id: number, undone: boolean): void {
  statement(db, 'UPDATE entity_link_batches SET undone = ? WHERE id = ?').run(undone ? 1 : 0, id);
}

export function deleteLinkBatch(db: Db, id: number): void {
  statement(db, 'DELETE FROM entity_link_batches WHERE id = ?').run(id);
}
