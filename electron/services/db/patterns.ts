// Suggestion patterns (migration 013): the shipped ones (built_in_key set) and the user's.
import type { Pattern } from '../../../shared/api/suggestions';
import { BUILT_IN_PATTERNS } from '../../../shared/suggest/patterns';
import type { Db } from './connection';
import { nowIso, statement } from './connection';

interface PatternRow {
  id: number;
  name: string;
  regex: string;
  label_key: string;
  enabled: number;
  built_in_key: string | null;
}

const COLUMNS = 'id, name, regex, label_key, enabled, built_in_key';

const toPattern = (row: PatternRow): Pattern => ({
  id: row.id,
  name: row.name,
  regex: row.regex,
  labelKey: row.label_key,
  enabled: row.enabled === 1,
  builtIn: row.built_in_key !== null,
});

/**
 * Adds the shipped patterns the project does not have yet (a later Biaozhu shipping more than
 * migration 013 seeded), under their key: an edited or disabled one is kept as the user left it. Nothing
 * happens on a read-only project (its list is what it holds).
 */
export function addMissingBuiltInPatterns(db: Db): void {
  const have = new Set(statement(db, 'SELECT built_in_key FROM suggestion_patterns WHERE built_in_key IS NOT NULL').pluck().all() as string[]);
  const missing = BUILT_IN_PATTERNS.filter((p) => !have.has(p.key));
  if (missing.length === 0 || db.readonly) return;
  const now = nowIso();
  try {
    db.transaction(() => {
      const insert = statement(db, 'INSERT OR IGNORE INTO suggestion_patterns (name, regex, label_key, built_in_key, created_at) VALUES (?, ?, ?, ?, ?)');
      for (const p of missing) insert.run(p.name, p.regex, p.labelKey, p.key, now);
    })();
  } catch {
    // Opened read-only at the file level (another process holds it): the list stays as it is.
  }
}

export function listPatterns(db: Db): Pattern[] {
  addMissingBuiltInPatterns(db);
  return (statement(db, `SELECT ${COLUMNS} FROM suggestion_patterns ORDER BY id`).all() as PatternRow[]).map(toPattern);
}

export function getPattern(db: Db, id: number): Pattern | null {
  const row = statement(db, `SELECT ${COLUMNS} FROM suggestion_patterns WHERE id = ?`).get(id) as PatternRow | undefined;
  return row ? toPattern(row) : null;
}

export interface PatternFields {
  name: string;
  regex: string;
  labelKey: string;
  enabled: boolean;
}

export function insertPattern(db: Db, fields: PatternFields): number {
  return Number(
    statement(db, 'INSERT INTO suggestion_patterns (name, regex, label_key, enabled, created_at) VALUES (?, ?, ?, ?, ?)').run(
      fields.name,
      fields.regex,
      fields.labelKey,
      fields.enabled ? 1 : 0,
      nowIso(),
    ).lastInsertRowid,
  );
}

export function updatePattern(db: Db, id: number, fields: PatternFields): void {
  statement(db, 'UPDATE suggestion_patterns SET name = ?, regex = ?, label_key = ?, enabled = ? WHERE id = ?').run(
    fields.name,
    fields.regex,
    fields.labelKey,
    fields.enabled ? 1 : 0,
    id,
  );
}

export function deletePattern(db: Db, id: number): boolean {
  return statement(db, 'DELETE FROM suggestion_patterns WHERE id = ?').run(id).changes > 0;
}
