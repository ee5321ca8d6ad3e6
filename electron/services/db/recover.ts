// Recovery of a damaged project: everything still readable is copied, table by table and row by
// row, into a NEW project file. A row that cannot be read (or no longer fits the schema) is
// counted as lost; nothing about the damaged file is changed.
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ApiFailure } from '../../../shared/api/result';
import type { RecoverReport, RecoveredTable } from '../../../shared/api/projects';
import { openDatabase, openUnchecked, type Db } from './connection';
import { withBulkKeptCountsEverywhere } from './dashboard-bulk';
import { readProjectHeader } from './project-file';

/** Parents before children, so that what a row points at is copied before it. */
const TABLE_ORDER = ['project_meta', 'annotators', 'labels', 'attribute_sets', 'documents', 'document_texts', 'annotations', 'operations'];

/** `<name>-recovered.biaozhu` beside the project, or -recovered-2, -3 …: never an existing file. */
export function defaultRecoveryPath(projectPath: string): string {
  const stem = join(dirname(projectPath), basename(projectPath, extname(projectPath)));
  for (let n = 1; ; n++) {
    const candidate = `${stem}-recovered${n === 1 ? '' : `-${n}`}${extname(projectPath) || '.biaozhu'}`;
    if (!existsSync(candidate) && !existsSync(`${candidate}-wal`)) return candidate;
  }
}

function columnsOf(db: Db, table: string): string[] {
  return (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
}

/**
 * Ordinary tables only: a virtual table and its shadow tables (the search index, #21) are rebuilt by
 * the new project's triggers, never copied; so are the search's derived lists (which texts wait for
 * the index, span digests): copied, they would describe the source's index, not the new one.
 */
function tablesOf(db: Db): string[] {
  return (db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => !DERIVED_SEARCH_TABLES.has(name));
}

const DERIVED_SEARCH_TABLES = new Set([
  'search_index_pending',
  'span_text_digests',
  'span_text_stale',
  // The dashboard's kept counts (migration 018): filled again by the triggers as the spans are copied.
  'dashboard_span_counts',
  'dashboard_span_mentions',
  'dashboard_mention_totals',
  'dashboard_astral_documents',
  'dashboard_bulk_documents',
]);

/** Best guess at the largest rowid when a plain scan broke off: a max() or a scan from the end. */
function largestRowid(source: Db, table: string, fallback: number): number {
  try {
    const max = source.prepare(`SELECT max(rowid) FROM "${table}"`).pluck().get() as number | null;
    if (max !== null) return max;
  } catch {
    // The rightmost pages are damaged; scan from the end as far as it goes.
  }
  let largest = fallback;
  try {
    for (const rowid of source.prepare(`SELECT rowid FROM "${table}" ORDER BY rowid DESC`).pluck().iterate() as Iterable<number>) {
      largest = Math.max(largest, rowid);
      break;
    }
  } catch {
    // Nothing readable from that end either.
  }
  try {
    const seq = source.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table) as number | undefined;
    if (seq !== undefined) largest = Math.max(largest, seq);
  } catch {
    // Not an AUTOINCREMENT table, or sqlite_sequence is damaged.
  }
  return largest;
}

function copyTable(source: Db, target: Db, table: string): RecoveredTable {
  const targetColumns = new Set(columnsOf(target, table));
  const columns = columnsOf(source, table).filter((c) => targetColumns.has(c));
  const list = columns.map((c) => `"${c}"`).join(', ');
  const insert = target.prepare(`INSERT INTO "${table}" (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
  const result: RecoveredTable = { table, copied: 0, lost: 0 };
  const put = (row: unknown[]) => {
    try {
      insert.run(row);
      result.copied++;
    } catch {
      result.lost++; // A damaged page can read as a row that breaks the schema's checks.
    }
  };
  let last = 0;
  try {
    // The fast path: one scan, which only a damaged page interrupts.
    for (const row of source.prepare(`SELECT rowid, ${list} FROM "${table}" ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>) {
      last = row[0] as number;
      put(row.slice(1));
    }
    return result;
  } catch {
    // Go on row by row from where the scan stopped: each rowid looked up on its own.
  }
  const one = source.prepare(`SELECT ${list} FROM "${table}" WHERE rowid = ?`).raw();
  const end = largestRowid(source, table, last);
  for (let rowid = last + 1; rowid <= end; rowid++) {
    let row: unknown[] | undefined;
    try {
      row = one.get(rowid) as unknown[] | undefined;
    } catch {
      result.lost++;
      continue;
    }
    if (row) put(row);
  }
  return result;
}

/** Rows whose parents were lost go too (counted), and span counts are worked out again. */
function tidy(target: Db, tables: Map<string, RecoveredTable>): void {
  const drop = (table: string, sql: string) => {
    const removed = target.prepare(sql).run().changes;
    const entry = tables.get(table);
    if (entry && removed > 0) {
      entry.copied -= removed;
      entry.lost += removed;
    }
  };
  drop('documents', 'DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM document_texts)');
  drop('document_texts', 'DELETE FROM document_texts WHERE document_id NOT IN (SELECT id FROM documents)');
  drop(
    'annotations',
    `DELETE FROM annotations WHERE document_id NOT IN (SELECT id FROM documents)
    OR label_id NOT IN (SELECT id FROM labels) OR annotator_id NOT IN (SELECT id FROM annotators)`,
  );
  drop('operations', 'DELETE FROM operations WHERE document_id NOT IN (SELECT id FROM documents)');
  // Suggestions (migration 013): a rejection left behind would hide proposals in whatever document or label reuses the id.
  if (tables.has('rejected_suggestions')) {
    drop(
      'rejected_suggestions',
      'DELETE FROM rejected_suggestions WHERE document_id NOT IN (SELECT id FROM documents) OR label_id NOT IN (SELECT id FROM labels)',
    );
  }
  if (tables.has('gazetteer_terms')) drop('gazetteer_terms', 'DELETE FROM gazetteer_terms WHERE gazetteer_id NOT IN (SELECT id FROM gazetteers)');
  // Timing (migration 017): a coder's time on a document that was lost, or by a coder who was, goes with it.
  for (const table of ['document_timings', 'timing_sessions']) {
    if (tables.has(table))
      drop(table, `DELETE FROM ${table} WHERE document_id NOT IN (SELECT id FROM documents) OR annotator_id NOT IN (SELECT id FROM annotators)`);
  }
  if (tablesOf(target).includes('entities')) tidyEntities(target, drop);
  if (columnsOf(target, 'annotations').includes('attribute_set_id')) {
    target.prepare('UPDATE annotations SET attribute_set_id = NULL WHERE attribute_set_id NOT IN (SELECT id FROM attribute_sets)').run();
  }
  target.prepare('UPDATE documents SET span_count = (SELECT COUNT(*) FROM annotations WHERE document_id = documents.id)').run();
}

/** Entities and relations (migration 014): aliases and relations whose parents were lost go; a span whose entity was lost is unlinked. */
function tidyEntities(target: Db, drop: (table: string, sql: string) => void): void {
  drop('entities', 'DELETE FROM entities WHERE label_id NOT IN (SELECT id FROM labels)');
  drop('entity_aliases', 'DELETE FROM entity_aliases WHERE entity_id NOT IN (SELECT id FROM entities)');
  drop(
    'relations',
    `DELETE FROM relations WHERE document_id NOT IN (SELECT id FROM documents) OR type_id NOT IN (SELECT id FROM relation_types)
      OR annotator_id NOT IN (SELECT id FROM annotators)
      OR from_annotation_id NOT IN (SELECT id FROM annotations) OR to_annotation_id NOT IN (SELECT id FROM annotations)`,
  );
  target.prepare('UPDATE annotations SET entity_id = NULL WHERE entity_id NOT IN (SELECT id FROM entities)').run();
  // The panel's numbers are derived: worked out again from the recovered links (the copy fired their triggers too).
  target.exec(`DELETE FROM entity_mention_counts;
    UPDATE entities SET mentions = 0, documents = 0, first_date = NULL, last_date = NULL;
    INSERT INTO entity_mention_counts (entity_id, document_id, mentions, date)
      SELECT a.entity_id, a.document_id, COUNT(*), d.published_at FROM annotations a JOIN documents d ON d.id = a.document_id
      WHERE a.entity_id IS NOT NULL GROUP BY a.entity_id, a.document_id`);
}

/**
 * Copies what is readable of `sourcePath` into a new project at `outPath` (refused if it exists).
 * `immutable`: the source's folder is read-only (see fileAccess).
 */
export function recoverProject(sourcePath: string, outPath: string, immutable = false): RecoverReport {
  if (existsSync(outPath)) throw new ApiFailure('conflict', `${outPath} already exists; recovery never overwrites a file. Choose another name.`);
  readProjectHeader(sourcePath, { allowTruncated: true });
  let source: Db;
  try {
    source = openUnchecked(sourcePath, immutable);
  } catch (error) {
    throw new ApiFailure('damaged', `Cannot read ${sourcePath} at all: ${(error as Error).message}`);
  }
  let target: Db | null = null;
  try {
    let version: number;
    let sourceTables: string[];
    try {
      version = source.pragma('user_version', { simple: true }) as number;
      sourceTables = tablesOf(source);
    } catch (error) {
      throw new ApiFailure('damaged', `The schema of ${sourcePath} cannot be read (${(error as Error).message}); nothing can be recovered from it.`);
    }
    // The new project starts at the source's schema, so every column has a home; then it is migrated.
    target = openDatabase(outPath, { create: true, migrateTo: Math.max(1, version) });
    const targetTables = new Set(tablesOf(target));
    const order = [...TABLE_ORDER, ...sourceTables.filter((t) => !TABLE_ORDER.includes(t))].filter((t) => sourceTables.includes(t) && targetTables.has(t));
    const results = new Map<string, RecoveredTable>();
    const db = target;
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      for (const table of order) {
        // The source's rows, not what the new project's migrations seeded (the shipped patterns), are the project.
        db.prepare(`DELETE FROM "${table}"`).run();
        // The spans' kept dashboard rows once per document (db/dashboard-bulk.ts), before tidy() deletes any.
        const copy = () => copyTable(source, db, table);
        results.set(table, table === 'annotations' ? withBulkKeptCountsEverywhere(db, copy) : copy());
      }
      tidy(db, results);
    })();
    db.pragma('foreign_keys = ON');
    db.close();
    target = null;
    // Now the current schema, through the ordinary open path (and its checks).
    openDatabase(outPath).close();
    return { path: outPath, tables: [...results.values()] };
  } catch (error) {
    target?.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${outPath}${suffix}`, { force: true });
    throw error;
  } finally {
    source.close();
  }
}
