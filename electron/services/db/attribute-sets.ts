// Attribute sets: each distinct set of span attributes is stored once (see migration 004), and
// spans point at theirs; spans without attributes point at none.
import type { Db } from './connection';
import { statement } from './connection';

/**
 * Set ids already looked up, by JSON, for the writes of one transaction: a bulk import looks each
 * set up once instead of once per span (SQLite's lookup was a tenth of committing an import).
 * Drop it with its transaction: a set it holds may have been stored by a write rolled back since.
 */
export class AttributeSetIds {
  private readonly ids = new Map<string, number>();

  /** At most this many are kept: memory stays bounded however many sets an import brings. */
  constructor(private readonly limit = 50_000) {}

  get(json: string): number | undefined {
    return this.ids.get(json);
  }

  set(json: string, id: number): void {
    if (this.ids.size >= this.limit) this.ids.clear();
    this.ids.set(json, id);
  }
}

/**
 * The id of the set `attributes` make, stored now when it is new; null for no attributes. Call
 * inside the transaction that writes the span, with that transaction's AttributeSetIds if it
 * writes many.
 */
export function attributeSetId(db: Db, attributes: Record<string, string>, known?: AttributeSetIds): number | null {
  const json = JSON.stringify(attributes);
  if (json === '{}') return null;
  let id = known?.get(json) ?? (statement(db, 'SELECT id FROM attribute_sets WHERE json = ?').pluck().get(json) as number | undefined);
  id ??= Number(statement(db, 'INSERT INTO attribute_sets (json) VALUES (?)').run(json).lastInsertRowid);
  known?.set(json, id);
  return id;
}

/** The stored JSON of the sets `ids` (any order; ids that are no set are left out). */
export function readAttributeSets(db: Db, ids: readonly number[]): [id: number, json: string][] {
  return statement(db, 'SELECT id, json FROM attribute_sets WHERE id IN (SELECT value FROM json_each(?))').raw(true).all(JSON.stringify(ids)) as [
    number,
    string,
  ][];
}
