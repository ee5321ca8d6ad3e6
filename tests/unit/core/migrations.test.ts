import Database from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../electron/services/db/project-file';
import { NEW_PROJECT_PAGE_SIZE, openDatabase } from '../../../electron/services/db/connection';
import { MIGRATIONS, migrate, SCHEMA_VERSION, schemaVersion } from '../../../electron/services/db/migrations';
import { createProjectFile } from '../../../electron/services/app/session';
import { deleteAnnotation, insertAnnotation, insertDocumentAnnotations, listAnnotations } from '../../../electron/services/db/annotations';
import { spanListsSql } from '../../../electron/services/db/export-queries';
import { documentFilterSql, type DocumentFilter } from '../../../electron/services/db/document-filters';
import { REVIEW_PROGRESS } from '../../../shared/api/documents';
import { tempDir } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function temp() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function queryPlan(db: Database.Database, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('migrations on real project files', () => {
  it('creates a project at the latest schema with WAL and FULL sync', () => {
    const path = join(temp(), 'a.biaozhu');
    const db = createProjectFile(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('page_size', { simple: true })).toBe(NEW_PROJECT_PAGE_SIZE);
    db.close();
  });

  it('keeps the page size of an existing project, which opens and takes edits as before', () => {
    const path = join(temp(), 'small-pages.biaozhu');
    const raw = new Database(path);
    raw.pragma('page_size = 4096');
    migrate(raw);
    raw.close();
    const db = openDatabase(path);
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.prepare(`INSERT INTO project_meta (key, value) VALUES ('name', 'kept')`).run();
    db.close();
    const again = openDatabase(path, { readonly: true });
    expect(again.prepare(`SELECT value FROM project_meta WHERE key = 'name'`).pluck().get()).toBe('kept');
    again.close();
  });

  it('upgrades a version-1 file to the latest version in one step, keeping its data', () => {
    const path = join(temp(), 'old.biaozhu');
    const raw = new Database(path);
    migrate(raw, 1);
    raw.prepare(`INSERT INTO project_meta (key, value) VALUES ('name', 'old project')`).run();
    expect(schemaVersion(raw)).toBe(1);
    raw.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT value FROM project_meta WHERE key = 'name'`).pluck().get()).toBe('old project');
    db.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const path = join(temp(), 'fail.biaozhu');
    const raw = new Database(path);
    migrate(raw, 1);
    // Make migration 2 fail half-way: the index it creates already exists.
    raw.exec('CREATE INDEX documents_span_count ON documents (span_count, id)');
    expect(() => migrate(raw)).toThrow();
    expect(schemaVersion(raw)).toBe(1);
    expect(raw.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents_title'`).pluck().get()).toBe(0);
    raw.close();
  });

  it('refuses a project from a newer Biaozhu and leaves the file untouched', () => {
    const path = join(temp(), 'future.biaozhu');
    const raw = new Database(path);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/newer Biaozhu/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database with a clear message', () => {
    const dir = temp();
    const path = join(dir, 'notes.biaozhu');
    copyFileSync(__filename, path);
    expect(() => openDatabase(path)).toThrow(/not a Biaozhu project/);
  });

  it('keeps migration versions contiguous', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('upgrading to version 3 counts the spans already stored, and later writes keep the counts', () => {
    const path = join(temp(), 'counts.biaozhu');
    const raw = new Database(path);
    migrate(raw, 2);
    raw.exec(`INSERT INTO documents (id, title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at)
             VALUES (1, 't', 'f', 'r', 'utf-8', 's', 10, 'now', 'now'), (2, 'u', 'f', 'r', 'utf-8', 's2', 10, 'now', 'now');
             INSERT INTO annotators (id, name, created_at) VALUES (1, 'a', 'now');
             INSERT INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at)
             VALUES (1, 'PERSON', '人物', 'Person', '#c2255c', 0, 'now', 'now')`);
    const insertSpan = `INSERT INTO annotations (document_id, start, end, label_id, annotator_id, created_at, updated_at)
             VALUES (?, ?, 2, (SELECT MIN(id) FROM labels), 1, 'now', 'now')`;
    for (const [documentId, start] of [
      [1, 0],
      [1, 1],
      [2, 0],
    ])
      raw.prepare(insertSpan).run(documentId, start);
    raw.prepare('UPDATE documents SET span_count = 99').run(); // a stale count is recomputed
    raw.close();

    const db = openDatabase(path);
    const counts = () => db.prepare('SELECT span_count FROM documents ORDER BY id').pluck().all();
    expect(counts()).toEqual([2, 1]);
    const record = {
      start: 2,
      end: 4,
      labelId: db.prepare('SELECT MIN(id) FROM labels').pluck().get() as number,
      annotatorId: 1,
      origin: 'manual' as const,
      reviewState: 'pending' as const,
      attributes: {},
      createdAt: 'now',
      updatedAt: 'now',
    };
    const id = db.transaction(() => insertAnnotation(db, { ...record, documentId: 2 }))();
    expect(counts()).toEqual([2, 2]);
    db.transaction(() =>
      insertDocumentAnnotations(db, 1, [
        { ...record, documentId: 1 },
        { ...record, documentId: 1, start: 5, end: 6 },
      ]),
    )();
    expect(counts()).toEqual([4, 2]);
    expect(db.transaction(() => deleteAnnotation(db, id))()).toBe(true);
    expect(db.transaction(() => deleteAnnotation(db, id))()).toBe(false);
    expect(counts()).toEqual([4, 1]);
    // No trigger keeps span counts (the search index's triggers, migration 015's marking of stale span digests, 014's entity mention counts and 018's dashboard counts are another matter).
    expect(
      db
        .prepare(
          "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'annotations' AND name NOT LIKE 'span_text_stale%' AND name NOT LIKE 'entity_mention_counts%' AND name NOT LIKE 'dashboard_span_%'",
        )
        .pluck()
        .get(),
    ).toBe(0);
    db.close();
  });

  it("upgrading to version 4 stores each attribute set once and keeps every span's attributes", () => {
    const path = join(temp(), 'sets.biaozhu');
    const raw = new Database(path);
    migrate(raw, 3);
    raw.exec(`INSERT INTO documents (id, title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at)
             VALUES (1, 't', 'f', 'r', 'utf-8', 's', 10, 'now', 'now');
             INSERT INTO annotators (id, name, created_at) VALUES (1, 'a', 'now');
             INSERT INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at)
             VALUES (1, 'PERSON', '人物', 'Person', '#c2255c', 0, 'now', 'now')`);
    const sets = ['{"role":"区委书记"}', '{}', '{"role":"区长","note":"a\\u001eb"}', '{"role":"区委书记"}', '{}'];
    const insertSpan = raw.prepare(`INSERT INTO annotations (document_id, start, end, label_id, annotator_id, attributes_json, created_at, updated_at)
             VALUES (1, ?, ?, 1, 1, ?, 'now', 'now')`);
    sets.forEach((json, i) => insertSpan.run(i, i + 1, json));
    raw.close();

    const db = openDatabase(path);
    expect(listAnnotations(db, 1).map((a) => a.attributes)).toEqual(sets.map((json) => JSON.parse(json)));
    expect(db.prepare('SELECT json FROM attribute_sets ORDER BY id').pluck().all()).toEqual(['{"role":"区委书记"}', '{"role":"区长","note":"a\\u001eb"}']);
    expect(db.prepare('SELECT attribute_set_id FROM annotations ORDER BY id').pluck().all()).toEqual([1, null, 2, 1, null]);
    expect(db.prepare(`SELECT COUNT(*) FROM pragma_table_info('annotations') WHERE name = 'attributes_json'`).pluck().get()).toBe(0);
    // Later writes find a stored set or add one; no attributes point at none.
    const record = {
      documentId: 1,
      start: 6,
      end: 8,
      labelId: 1,
      annotatorId: 1,
      origin: 'manual' as const,
      reviewState: 'pending' as const,
      createdAt: 'now',
      updatedAt: 'now',
    };
    db.transaction(() =>
      insertDocumentAnnotations(db, 1, [
        { ...record, attributes: { role: '区委书记' } },
        { ...record, end: 9, attributes: { role: '副区长' } },
        { ...record, end: 10, attributes: {} },
      ]),
    )();
    expect(db.prepare('SELECT attribute_set_id FROM annotations WHERE start = 6 ORDER BY id').pluck().all()).toEqual([1, 3, null]);
    expect(() => db.prepare(`INSERT INTO attribute_sets (json) VALUES ('{}')`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('answers the hot queries from indexes', () => {
    const db = createProjectFile(join(temp(), 'plans.biaozhu'));
    expect(queryPlan(db, 'SELECT * FROM annotations WHERE document_id = ? ORDER BY start, end, id', 1)).toMatch(/USING INDEX annotations_document/);
    expect(queryPlan(db, `SELECT id FROM documents WHERE status = ? ORDER BY id LIMIT 200`, 'todo')).toMatch(/USING (COVERING )?INDEX documents_status/);
    expect(queryPlan(db, 'SELECT id FROM documents WHERE text_sha256 = ?', 'x')).toMatch(/USING (COVERING )?INDEX documents_text_sha256/);
    expect(queryPlan(db, 'SELECT id FROM documents ORDER BY published_at, id LIMIT 200')).toMatch(/documents_published_at/);
    expect(queryPlan(db, 'SELECT id FROM documents ORDER BY span_count DESC, id DESC LIMIT 200')).toMatch(/documents_span_count/);
    expect(queryPlan(db, 'SELECT * FROM operations WHERE document_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1', 1)).toMatch(/operations_document/);
    expect(queryPlan(db, 'SELECT COUNT(*) FROM annotations WHERE label_id = ?', 1)).toMatch(/annotations_label/);
    // Every span written with attributes finds its set by its text; exports read sets by id.
    expect(queryPlan(db, 'SELECT id FROM attribute_sets WHERE json = ?', '{}')).toMatch(
      /USING (COVERING )?INDEX sqlite_autoindex_attribute_sets_1 \(json=\?\)/,
    );
    expect(queryPlan(db, 'SELECT id, json FROM attribute_sets WHERE id IN (SELECT value FROM json_each(?))', '[1]')).toMatch(
      /SEARCH attribute_sets USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    );
    // An export reads each batch's span lists by document, never by scanning every span.
    // Nothing is sorted, not even to group the spans by document: the index hands them over grouped.
    for (const details of ['none', 'attributes', 'all'] as const) {
      const plan = queryPlan(db, spanListsSql(details), '[1,2]');
      expect(plan).toMatch(/SEARCH annotations USING (COVERING )?INDEX annotations_document \(document_id=\?\)/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
    // The document list's span filters: one index seek per document for a page and for the total,
    // never a scan of the spans (nor of one document's spans through annotations_document).
    const spanFilterIndexes: [DocumentFilter, RegExp][] = [
      [{ withLabelId: 1 }, /SEARCH a (EXISTS )?USING COVERING INDEX annotations_label \(label_id=\? AND document_id=\?\)/],
      [{ withoutLabelId: 1 }, /SEARCH a (EXISTS )?USING COVERING INDEX annotations_label \(label_id=\? AND document_id=\?\)/],
      [{ annotatorId: 1 }, /SEARCH a (EXISTS )?USING COVERING INDEX annotations_annotator \(annotator_id=\? AND document_id=\?\)/],
      ...REVIEW_PROGRESS.map((review): [DocumentFilter, RegExp] => [
        { review },
        /SEARCH a (EXISTS )?USING COVERING INDEX annotations_review \(review_state=\? AND document_id=\?\)/,
      ]),
    ];
    for (const [filter, index] of spanFilterIndexes) {
      const { where, params } = documentFilterSql({ ...filter, status: 'todo' });
      for (const sql of [`SELECT id FROM documents ${where} ORDER BY id LIMIT 200`, `SELECT COUNT(*) FROM documents ${where}`]) {
        const plan = queryPlan(db, sql, ...params);
        expect(plan, sql).toMatch(index);
        expect(plan, sql).not.toMatch(/SCAN a\b|annotations_document/);
      }
    }
    db.close();
  });
});
