// Entities and relations between a project and its coders' files (#23): what a hand-out file gets
// (the entity table and the relation types, ids kept) and what a merge reads back from a coder file.
import type { ReviewState } from '../../../shared/model';
import type { Db } from './connection';
import { statement } from './connection';
import { hasEntityTables } from './entities';

function columns(db: Db, table: string): string {
  return (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(', ');
}

/**
 * Copies the entity table, aliases and relation types of the attached `src` project into a new
 * hand-out file (replacing the types its migration seeded: the project's may be edited), ids kept,
 * so that a coder links mentions to the project's entities and a merge recognises them.
 */
export function copyEntityTables(out: Db): void {
  out.exec('DELETE FROM relation_types');
  for (const table of ['entities', 'entity_aliases', 'relation_types']) {
    const list = columns(out, table);
    out.exec(`INSERT INTO ${table} (${list}) SELECT ${list} FROM src.${table}`);
  }
  // The hand-out holds no spans: its entities are mentioned nowhere yet (the project's numbers would be wrong there).
  out.exec('UPDATE entities SET mentions = 0, documents = 0, first_date = NULL, last_date = NULL');
}

export interface CoderEntity {
  id: number;
  labelKey: string;
  name: string;
  fieldsJson: string;
  note: string;
  aliases: string[];
}

/** The coder file's entities that some span links to (a file from before migration 014 has none). */
export function coderEntities(db: Db): CoderEntity[] {
  if (!hasEntityTables(db)) return [];
  const rows = db
    .prepare(
      `SELECT e.id, l.key AS labelKey, e.name, e.fields_json AS fieldsJson, e.note,
         (SELECT json_group_array(alias) FROM entity_aliases WHERE entity_id = e.id) AS aliases
       FROM entities e JOIN labels l ON l.id = e.label_id
       WHERE EXISTS (SELECT 1 FROM annotations a WHERE a.entity_id = e.id) ORDER BY e.id`,
    )
    .all() as (Omit<CoderEntity, 'aliases'> & { aliases: string })[];
  return rows.map((row) => ({ ...row, aliases: JSON.parse(row.aliases) as string[] }));
}

/** A span of a coder file as a merge finds it in the project: document, place, label key, coder. */
export interface CoderSpanKey {
  documentId: number;
  start: number;
  end: number;
  labelKey: string;
  annotator: string;
}

const SPAN_KEY = `a.document_id AS documentId, a.start, a.end, l.key AS labelKey, an.name AS annotator`;
const SPAN_JOIN = `JOIN labels l ON l.id = a.label_id JOIN annotators an ON an.id = a.annotator_id`;

export function coderLinks(db: Db): (CoderSpanKey & { entityId: number })[] {
  if (!hasEntityTables(db)) return [];
  return db
    .prepare(`SELECT ${SPAN_KEY}, a.entity_id AS entityId FROM annotations a ${SPAN_JOIN} WHERE a.entity_id IS NOT NULL ORDER BY a.id`)
    .all() as (CoderSpanKey & {
    entityId: number;
  })[];
}

export interface CoderRelation {
  type: { key: string; name: string; fromLabelKey: string; toLabelKey: string };
  from: CoderSpanKey;
  to: CoderSpanKey;
  annotator: string;
  reviewState: ReviewState;
  createdAt: string;
}

type RelationRow = { fromId: number; toId: number; key: string; name: string; fromLabelKey: string; toLabelKey: string } & Omit<
  CoderRelation,
  'type' | 'from' | 'to'
>;

export function coderRelations(db: Db): CoderRelation[] {
  if (!hasEntityTables(db)) return [];
  const spanOf = (id: number) => db.prepare(`SELECT ${SPAN_KEY} FROM annotations a ${SPAN_JOIN} WHERE a.id = ?`).get(id) as CoderSpanKey;
  const rows = db
    .prepare(
      `SELECT r.from_annotation_id AS fromId, r.to_annotation_id AS toId, t.key, t.name, t.from_label_key AS fromLabelKey, t.to_label_key AS toLabelKey,
         an.name AS annotator, r.review_state AS reviewState, r.created_at AS createdAt
       FROM relations r JOIN relation_types t ON t.id = r.type_id JOIN annotators an ON an.id = r.annotator_id ORDER BY r.id`,
    )
    .all() as RelationRow[];
  return rows.map(({ fromId, toId, key, name, fromLabelKey, toLabelKey, ...rest }) => ({
    ...rest,
    type: { key, name, fromLabelKey, toLabelKey },
    from: spanOf(fromId),
    to: spanOf(toId),
  }));
}

/** The project's span at this place with this label and coder (unique since migration 006), with its link. */
export function projectSpanAt(
  main: Db,
  place: { documentId: number; start: number; end: number; labelId: number; annotatorId: number },
): { id: number; entityId: number | null } | null {
  return (
    (statement(
      main,
      'SELECT id, entity_id AS entityId FROM annotations WHERE document_id = ? AND start = ? AND end = ? AND label_id = ? AND annotator_id = ?',
    ).get(place.documentId, place.start, place.end, place.labelId, place.annotatorId) as { id: number; entityId: number | null } | undefined) ?? null
  );
}

/** A project entity of this label called `name` (as its name, else as an alias), preferring `id` when it is one. */
export function projectEntityNamed(main: Db, labelId: number, name: string, id: number): number | null {
  return (
    (statement(
      main,
      `SELECT e.id FROM entities e WHERE e.label_id = @labelId
         AND (e.name = @name OR EXISTS (SELECT 1 FROM entity_aliases x WHERE x.entity_id = e.id AND x.alias = @name))
       ORDER BY e.id = @id DESC, e.name = @name DESC, e.id LIMIT 1`,
    )
      .pluck()
      .get({ labelId, name, id }) as number | undefined) ?? null
  );
}
