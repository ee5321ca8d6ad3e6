// Project-level settings and annotators.
import type { Db } from './connection';
import { nowIso, statement } from './connection';

export function getMeta(db: Db, key: string): string | null {
  const row = statement(db, 'SELECT value FROM project_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  statement(db, 'INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Returns the annotator's id, creating the annotator on first use. */
export function ensureAnnotator(db: Db, name: string): number {
  const existing = statement(db, 'SELECT id FROM annotators WHERE name = ?').get(name) as { id: number } | undefined;
  if (existing) return existing.id;
  return Number(statement(db, 'INSERT INTO annotators (name, created_at) VALUES (?, ?)').run(name, nowIso()).lastInsertRowid);
}

export function annotatorCounts(db: Db): { name: string; count: number }[] {
  return statement(
    db,
    `SELECT an.name AS name, COUNT(a.id) AS count FROM annotators an
       LEFT JOIN annotations a ON a.annotator_id = an.id GROUP BY an.id ORDER BY an.name`,
  ).all() as { name: string; count: number }[];
}
