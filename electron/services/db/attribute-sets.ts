// Attribute sets: each distinct set of span attributes is stored once (see migration 004), and
// spans point at theirs; spans without attributes point at none.
import type { Db } from './connection';
import { statement } from './connection';

/**
 * The id of the set `attributes` make, stored now when it is new; null for no attributes. Call
 * inside the transaction that writes the span.
 */
export function attributeSetId(db: Db, attributes: Record<string, string>): number | null {
  const json = JSON.stringify(attributes);
  if (json === '{}') return null;
  const found = statement(db, 'SELECT id FROM attribute_sets WHERE json = ?').pluck().get(json) as number | undefined;
  if (found !== undefined) return found;
  return Number(statement(db, 'INSERT INTO attribute_sets (json) VALUES (?)').run(json).lastInsertRowid);
}

/** The stored JSON of the sets `ids` (any order; ids that are no set are left out). */
export function readAttributeSets(db: Db, ids: readonly number[]): [id: number, json: string][] {
  return statement(db, 'SELECT id, json FROM attribute_sets WHERE id IN (SELECT value FROM json_each(?))').raw(true).all(JSON.stringify(ids)) as [number, string][];
}
