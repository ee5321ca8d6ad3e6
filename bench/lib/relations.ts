// Relations for the bench (#23): `count` relations in one document between spans of the label pairs
// the default types allow (提出 PERSON→SLOGAN, 调研 PERSON→PROJECT, 部署 PERSON→TARGET, 属于
// PROJECT→TARGET), spread over the document, written straight through the db modules in one
// transaction. Used by the entities measure (data side) and the open measure (the reader).
import type { Db } from '../../electron/services/db/connection';
import { openDatabase } from '../../electron/services/db/connection';
import { migrate } from '../../electron/services/db/migrations/index';
import { insertRelation, relationTypeByKey } from '../../electron/services/db/relations';

export interface AddedRelations {
  added: number;
  /** Relations per span id (either end). */
  perSpan: Map<number, number>;
}

export function addRelations(db: Db, documentId: number, count: number): AddedRelations {
  const spans = db
    .prepare('SELECT a.id, l.key FROM annotations a JOIN labels l ON l.id = a.label_id WHERE a.document_id = ? ORDER BY a.start')
    .raw()
    .all(documentId) as [number, string][];
  const byKey = (key: string) => spans.filter((s) => s[1] === key).map((s) => s[0]);
  const pairs = [
    ['提出', byKey('PERSON'), byKey('SLOGAN')],
    ['调研', byKey('PERSON'), byKey('PROJECT')],
    ['部署', byKey('PERSON'), byKey('TARGET')],
    ['属于', byKey('PROJECT'), byKey('TARGET')],
  ] as const;
  const annotatorId = db.prepare('SELECT id FROM annotators LIMIT 1').pluck().get() as number;
  const exists = db.prepare('SELECT 1 FROM relations WHERE from_annotation_id = ? AND type_id = ? AND to_annotation_id = ?');
  const now = new Date().toISOString();
  const perSpan = new Map<number, number>();
  let added = 0;
  db.transaction(() => {
    for (let i = 0; added < count && i < count * 4; i++) {
      const [key, from, to] = pairs[i % pairs.length];
      if (from.length === 0 || to.length === 0) continue;
      const typeId = relationTypeByKey(db, key)!.id;
      const fromId = from[(i * 7) % from.length];
      const toId = to[(i * 13 + Math.floor(i / 4)) % to.length];
      if (exists.get(fromId, typeId, toId)) continue;
      insertRelation(db, { documentId, typeId, fromId, toId, annotatorId, reviewState: 'pending', createdAt: now });
      for (const id of [fromId, toId]) perSpan.set(id, (perSpan.get(id) ?? 0) + 1);
      added++;
    }
  })();
  return { added, perSpan };
}

/** Adds the relations to a project file (a fixture copy, brought to the current schema first) and closes it. */
export function addRelationsToFile(projectPath: string, documentId: number, count: number): AddedRelations {
  const db = openDatabase(projectPath);
  try {
    migrate(db);
    return addRelations(db, documentId, count);
  } finally {
    db.close();
  }
}
