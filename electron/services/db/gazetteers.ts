// Gazetteers and their terms (migration 013).
import type { Gazetteer } from '../../../shared/api/suggestions';
import type { GazetteerTerm } from '../../../shared/suggest/gazetteer';
import type { Db } from './connection';
import { nowIso, statement } from './connection';

interface GazetteerRow {
  id: number;
  name: string;
  enabled: number;
  imported_at: string;
}

function byLabel(db: Db, id: number): { labelKey: string; terms: number }[] {
  return statement(db, 'SELECT label_key AS labelKey, COUNT(*) AS terms FROM gazetteer_terms WHERE gazetteer_id = ? GROUP BY label_key ORDER BY label_key').all(
    id,
  ) as { labelKey: string; terms: number }[];
}

const toGazetteer = (db: Db, row: GazetteerRow): Gazetteer => {
  const labels = byLabel(db, row.id);
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    terms: labels.reduce((sum, l) => sum + l.terms, 0),
    byLabel: labels,
    importedAt: row.imported_at,
  };
};

export function listGazetteers(db: Db): Gazetteer[] {
  return (statement(db, 'SELECT id, name, enabled, imported_at FROM gazetteers ORDER BY id').all() as GazetteerRow[]).map((row) => toGazetteer(db, row));
}

export function getGazetteer(db: Db, id: number): Gazetteer | null {
  const row = statement(db, 'SELECT id, name, enabled, imported_at FROM gazetteers WHERE id = ?').get(id) as GazetteerRow | undefined;
  return row ? toGazetteer(db, row) : null;
}

/** Inserts a gazetteer and its terms (call inside a transaction). */
export function insertGazetteer(db: Db, name: string, encoding: string, terms: readonly GazetteerTerm[]): number {
  const id = Number(statement(db, 'INSERT INTO gazetteers (name, encoding, imported_at) VALUES (?, ?, ?)').run(name, encoding, nowIso()).lastInsertRowid);
  const insert = statement(db, 'INSERT OR IGNORE INTO gazetteer_terms (gazetteer_id, term, label_key, canonical) VALUES (?, ?, ?, ?)');
  for (const t of terms) insert.run(id, t.term, t.labelKey, t.canonical);
  return id;
}

export function updateGazetteer(db: Db, id: number, changes: { enabled?: boolean; name?: string }): void {
  if (changes.enabled !== undefined) statement(db, 'UPDATE gazetteers SET enabled = ? WHERE id = ?').run(changes.enabled ? 1 : 0, id);
  if (changes.name !== undefined) statement(db, 'UPDATE gazetteers SET name = ? WHERE id = ?').run(changes.name, id);
}

export function deleteGazetteer(db: Db, id: number): boolean {
  return statement(db, 'DELETE FROM gazetteers WHERE id = ?').run(id).changes > 0;
}

/** The enabled gazetteers' terms whose label exists, oldest gazetteer first (its label wins a shared term). */
export function enabledTerms(db: Db): { term: string; labelId: number; gazetteerId: number }[] {
  return statement(
    db,
    `SELECT t.term, l.id AS labelId, g.id AS gazetteerId FROM gazetteers g
       JOIN gazetteer_terms t ON t.gazetteer_id = g.id JOIN labels l ON l.key = t.label_key
     WHERE g.enabled = 1 ORDER BY g.id`,
  ).all() as { term: string; labelId: number; gazetteerId: number }[];
}
