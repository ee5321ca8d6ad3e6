// Migration 018 on a real schema-17 project: the kept dashboard counts are filled from the spans
// already there (a document with an astral character keeps its texts for JavaScript to cut), writes
// after it keep them; recovery rebuilds them instead of copying them; and their hot statements
// (the dashboard's reads and the triggers' look-ups) read indexes, never every span.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { perLabelDocument } from '../../../electron/services/db/dashboard';
import { topMentionTotalsSql } from '../../../electron/services/db/dashboard-mentions';
import { migrate, schemaVersion } from '../../../electron/services/db/migrations';
import { recoverProject } from '../../../electron/services/db/recover';
import { tempDir, testCore } from '../helpers';
import { expectKeptEqualsRecount } from './kept-recount';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function temp(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Schema 17: three documents (the second with 𠀀 before its spans), spans of two coders, one linked to an entity. */
function schema17Project(path: string): Database.Database {
  const db = new Database(path);
  migrate(db, 17);
  db.exec(`INSERT INTO documents (id, title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at, published_at, source, district, span_count)
              VALUES (1, 't', 'f', 'r', 'utf-8', 's1', 8, 'now', 'now', '2024-05-01', '北京日报', '朝阳', 3),
                     (2, 'u', 'g', 'r', 'utf-8', 's2', 9, 'now', 'now', '2024-06-03', '区融媒', NULL, 2),
                     (3, 'v', 'h', 'r', 'utf-8', 's3', 5, 'now', 'now', NULL, NULL, NULL, 1);
            INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES
              (1, '市委书记蔡奇调研', '市委书记蔡奇调研', '[0,8,0,8]'), (2, '𠀀蔡奇讲两个维护', '𠀀蔡奇讲两个维护', '[0,9,0,9]'),
              (3, '蔡奇讲蔡奇', '蔡奇讲蔡奇', '[0,6,0,6]');
            INSERT INTO annotators (id, name, created_at) VALUES (1, 'a', 'now'), (2, 'b', 'now');
            INSERT OR IGNORE INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at) VALUES
              (1, 'PERSON', '人物', 'Person', '#c2255c', 0, 'now', 'now'), (2, 'SLOGAN', '口号', 'Slogan', '#1971c2', 1, 'now', 'now');
            INSERT INTO entities (id, label_id, name, created_at, updated_at) VALUES (1, 1, '蔡奇', 'now', 'now');
            INSERT INTO annotations (document_id, start, end, label_id, annotator_id, review_state, created_at, updated_at, entity_id) VALUES
              (1, 4, 6, 1, 1, 'accepted', '2026-12-01T08:00:00Z', 'now', NULL), (1, 4, 6, 1, 2, 'pending', '2026-12-01T09:00:00Z', 'now', NULL),
              (1, 0, 4, 1, 1, 'pending', '2026-12-02T08:00:00Z', 'now', 1),
              (2, 2, 4, 1, 1, 'pending', '2026-12-02T08:00:00Z', 'now', NULL), (2, 5, 9, 2, 1, 'pending', '2026-12-02T09:00:00Z', 'now', 1),
              (3, 3, 5, 1, 2, 'rejected', '2026-12-03T08:00:00Z', 'now', NULL);`);
  expect(schemaVersion(db)).toBe(17);
  return db;
}

const queryPlan = (db: Database.Database, sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 018: kept dashboard counts', () => {
  it('fills them from the spans of a schema-17 project, and later writes keep them', () => {
    const db = schema17Project(join(temp(), 'old.biaozhu'));
    migrate(db);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(18);
    expectKeptEqualsRecount(db);
    expect(db.prepare('SELECT document_id FROM dashboard_astral_documents').pluck().all()).toEqual([2]);
    expect(db.prepare("SELECT spans, documents FROM dashboard_mention_totals WHERE label_id = 1 AND mention = '蔡奇'").raw().get()).toEqual([3, 2]);
    db.exec(`INSERT INTO annotations (document_id, start, end, label_id, annotator_id, created_at, updated_at) VALUES (3, 0, 2, 1, 1, '2026-12-04T08:00:00Z', 'now');
             UPDATE annotations SET review_state = 'accepted', entity_id = 1 WHERE id = 2;
             DELETE FROM annotations WHERE id = 4;`);
    expectKeptEqualsRecount(db);
    // Deleting an entity unlinks its spans (ON DELETE SET NULL, which fires the update triggers); a document takes its spans.
    db.pragma('foreign_keys = ON');
    db.exec('DELETE FROM entities WHERE id = 1');
    expect(db.prepare('SELECT count(*) FROM annotations WHERE entity_id IS NOT NULL').pluck().get()).toBe(0);
    expectKeptEqualsRecount(db);
    db.exec('DELETE FROM documents WHERE id = 1');
    expect(db.prepare('SELECT count(*) FROM annotations WHERE document_id = 1').pluck().get()).toBe(0);
    expectKeptEqualsRecount(db);
    db.close();
  });

  it('recovery rebuilds them from the recovered spans instead of copying them', () => {
    const dir = temp();
    const source = schema17Project(join(dir, 'source.biaozhu'));
    migrate(source);
    // Kept rows that no span explains: copied, they would stay wrong in the recovered project.
    source.exec(`INSERT INTO dashboard_mention_totals (label_id, entity_id, mention, spans, documents) VALUES (4, 0, '幽灵', 9, 9);
                 UPDATE dashboard_span_counts SET spans = 99;`);
    source.close();
    const out = join(dir, 'recovered.biaozhu');
    const report = recoverProject(join(dir, 'source.biaozhu'), out);
    expect(report.tables.map((t) => t.table)).not.toContain('dashboard_span_counts');
    const recovered = new Database(out);
    expect(recovered.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(6);
    expectKeptEqualsRecount(recovered);
    recovered.close();
  });

  it('reads indexes for the hot statements', () => {
    const core = testCore();
    cleanups.push(() => core.dispose());
    const db = core.session.requireDb();
    // Over time, breakdowns: the kept counts in their unique index's order (no sort per document).
    const { sql, params } = perLabelDocument({}, 'substr(d.published_at, 1, 7)', true);
    const paint = queryPlan(db, sql, ...params);
    expect(paint).toMatch(/CO-ROUTINE c \| SCAN a USING INDEX sqlite_autoindex_dashboard_span_counts_1 \| SCAN c/);
    expect(paint).toMatch(/SEARCH d USING INTEGER PRIMARY KEY/);
    expect(paint).not.toMatch(/annotations/);
    // Top mentions: one index seek per label, rows already in order; their ties another seek.
    for (const orderBy of ['count', 'documents'] as const) {
      const top = topMentionTotalsSql(orderBy);
      const index = orderBy === 'count' ? 'dashboard_mention_totals_spans' : 'dashboard_mention_totals_documents';
      expect(queryPlan(db, top.top, 1, 20)).toMatch(new RegExp(`SEARCH dashboard_mention_totals USING INDEX ${index} \\(label_id=\\?\\)`));
      expect(queryPlan(db, top.top, 1, 20)).not.toMatch(/TEMP B-TREE/);
      expect(queryPlan(db, top.ties, 1, 5)).toMatch(new RegExp(`USING INDEX ${index} \\(label_id=\\? AND`));
    }
    // The triggers' look-ups: whether another span of the mention is in the document, and the kept rows by key.
    expect(
      queryPlan(
        db,
        'SELECT 1 FROM dashboard_span_mentions o WHERE o.label_id = ? AND o.entity_id = 0 AND o.text = ? AND o.document_id = ? AND o.annotation_id <> ?',
        1,
        'x',
        1,
        1,
      ),
    ).toMatch(/SEARCH o USING COVERING INDEX dashboard_span_mentions_key \(label_id=\? AND entity_id=\? AND text=\? AND document_id=\?\)/);
    expect(
      queryPlan(
        db,
        'SELECT 1 FROM dashboard_span_mentions o WHERE o.entity_id = ? AND o.entity_id > 0 AND o.document_id = ? AND +o.label_id = ? AND o.annotation_id <> ?',
        1,
        1,
        1,
        1,
      ),
    ).toMatch(/SEARCH o USING COVERING INDEX dashboard_span_mentions_entity \(entity_id=\? AND document_id=\?\)/);
    expect(queryPlan(db, 'UPDATE dashboard_mention_totals SET spans = spans - 1 WHERE label_id = ? AND entity_id = ? AND mention = ?', 1, 0, 'x')).toMatch(
      /sqlite_autoindex_dashboard_mention_totals_1 \(label_id=\? AND entity_id=\? AND mention=\?\)/,
    );
    expect(queryPlan(db, 'SELECT 1 FROM dashboard_span_mentions WHERE text IS NULL AND entity_id = 0 LIMIT 1')).toMatch(/dashboard_span_mentions_uncut/);
  });
});
