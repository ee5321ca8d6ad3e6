// Migration 014 (#23) on a real schema-13 project file, and the query plans the entity panel and relations rely on.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAnnotations } from '../../../electron/services/db/annotations';
import { openDatabase } from '../../../electron/services/db/connection';
import { entityPageSql } from '../../../electron/services/db/entities';
import { migrate, schemaVersion } from '../../../electron/services/db/migrations';
import { tempDir, testCore } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function queryPlan(db: Database.Database, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

/** A project file at schema 13 with one document, one coder and two spans (one with attributes). */
function schema13Project(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const path = join(t.dir, 'old.biaozhu');
  const raw = new Database(path);
  migrate(raw, 13);
  raw.exec(`INSERT INTO documents (id, title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at, published_at, span_count)
              VALUES (1, 't', 'f', 'r', 'utf-8', 's', 10, 'now', 'now', '2024-05-01', 2);
            INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES (1, '市委书记蔡奇调研', '市委书记蔡奇调研', '[0,8,0,8]');
            INSERT INTO annotators (id, name, created_at) VALUES (1, 'a', 'now');
            INSERT INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at) VALUES (1, 'PERSON', '人物', 'Person', '#c2255c', 0, 'now', 'now');
            INSERT INTO attribute_sets (id, json) VALUES (1, '{"role":"市委书记"}');
            INSERT INTO annotations (document_id, start, end, label_id, annotator_id, created_at, updated_at, attribute_set_id) VALUES (1, 0, 6, 1, 1, 'now', 'now', 1);
            INSERT INTO annotations (document_id, start, end, label_id, annotator_id, created_at, updated_at) VALUES (1, 4, 6, 1, 1, 'now', 'now');`);
  expect(schemaVersion(raw)).toBe(13);
  raw.close();
  return path;
}

describe('migration 014: entities and relations', () => {
  it('upgrades a schema-13 project: spans kept and unlinked, the four relation types seeded, entity links and relations writable', () => {
    const db = openDatabase(schema13Project());
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(14);
    const spans = listAnnotations(db, 1);
    expect(spans.map((s) => [s.start, s.end, s.attributes, s.entityId])).toEqual([
      [0, 6, { role: '市委书记' }, undefined],
      [4, 6, {}, undefined],
    ]);
    expect(db.prepare('SELECT key, from_label_key, to_label_key FROM relation_types ORDER BY id').raw().all()).toEqual([
      ['提出', 'PERSON', 'SLOGAN'],
      ['调研', 'PERSON', 'PROJECT'],
      ['部署', 'PERSON', 'TARGET'],
      ['属于', 'PROJECT', 'TARGET'],
    ]);
    db.prepare(`INSERT INTO entities (label_id, name, created_at, updated_at) VALUES (1, '蔡奇', 'now', 'now')`).run();
    db.prepare('UPDATE annotations SET entity_id = 1').run();
    expect(listAnnotations(db, 1).map((s) => s.entityId)).toEqual([1, 1]);
    // A relation from a span to itself is refused by the schema too; deleting the entity unlinks.
    expect(() =>
      db
        .prepare(`INSERT INTO relations (document_id, type_id, from_annotation_id, to_annotation_id, annotator_id, created_at) VALUES (1, 1, 1, 1, 1, 'now')`)
        .run(),
    ).toThrow(/CHECK/);
    db.prepare('DELETE FROM entities WHERE id = 1').run();
    expect(listAnnotations(db, 1).map((s) => s.entityId)).toEqual([undefined, undefined]);
    db.close();
  });

  it('the entity panel, relations and proposals read through their indexes', () => {
    const db = openDatabase(schema13Project());
    // The panel's numbers are columns kept by triggers: the first page by mentions is an index walk, no sort, no aggregate.
    const page = { labelId: 1, query: null, limit: 100, offset: 0 };
    const all = { query: null, limit: 100, offset: 0 };
    expect(queryPlan(db, entityPageSql('mentions', 'desc', true), page)).toMatch(/entities_label_mentions/);
    expect(queryPlan(db, entityPageSql('mentions', 'desc', true), page)).not.toMatch(/TEMP B-TREE|annotations/);
    expect(queryPlan(db, entityPageSql('mentions', 'desc', false), all)).toMatch(/entities_mentions/);
    expect(queryPlan(db, entityPageSql('mentions', 'desc', false), all)).not.toMatch(/TEMP B-TREE/);
    expect(queryPlan(db, entityPageSql('name', 'asc', true), page)).toMatch(/entities_label\b/);
    expect(queryPlan(db, entityPageSql('first', 'desc', false), all)).not.toMatch(/annotations/);
    // What the triggers look up per change: an entity's earliest and latest date, a document's counts.
    expect(queryPlan(db, 'SELECT MIN(date) FROM entity_mention_counts WHERE entity_id = ?', 1)).toMatch(/entity_mention_counts_date/);
    expect(queryPlan(db, 'SELECT * FROM entity_mention_counts WHERE document_id = ?', 1)).toMatch(/entity_mention_counts_document/);
    expect(queryPlan(db, 'SELECT id FROM annotations WHERE entity_id = ?', 1)).toMatch(/annotations_entity/);
    expect(queryPlan(db, 'SELECT * FROM relations WHERE document_id = ?', 1)).toMatch(/relations_document/);
    expect(queryPlan(db, 'SELECT * FROM relations WHERE from_annotation_id = ?', 1)).toMatch(/relations_from/);
    expect(queryPlan(db, 'SELECT * FROM relations WHERE to_annotation_id = ?', 1)).toMatch(/relations_to/);
    expect(queryPlan(db, 'SELECT COUNT(*) FROM relations WHERE type_id = ?', 1)).toMatch(/relations_type/);
    expect(queryPlan(db, 'SELECT entity_id FROM entity_aliases WHERE alias = ?', '蔡奇')).toMatch(/entity_aliases_alias/);
    expect(queryPlan(db, 'SELECT id FROM entities WHERE name = ?', '蔡奇')).toMatch(/entities_name/);
    expect(queryPlan(db, 'SELECT * FROM operations WHERE batch_id = ? AND kind = ?', 1, 'link')).toMatch(/operations_batch/);
    db.close();
  });

  it('a schema-13 project opened read-only (it cannot be migrated) lists its spans; the entity channels say why they cannot answer', async () => {
    const core = testCore({ create: false });
    cleanups.push(() => core.dispose());
    core.session.openReadOnly(schema13Project(), { reason: 'file', message: 'The folder is read-only.' });
    const spans = await core.call('annotations:list', { documentId: 1 });
    expect(spans.map((s) => s.entityId)).toEqual([undefined, undefined]);
    for (const [channel, input] of [
      ['entities:list', {}],
      ['relations:forDocument', { documentId: 1 }],
      ['relationTypes:list', {}],
      ['entities:propose', { annotationId: 1 }],
    ] as const) {
      const answer = await core.registry.dispatch(channel, input);
      expect(answer.ok || answer.error).toMatchObject({ code: 'read_only', message: expect.stringMatching(/predates entities and relations \(schema 13/) });
    }
    const write = await core.registry.dispatch('entities:create', { labelId: 1, name: '蔡奇' });
    expect(write.ok || write.error.code).toBe('read_only');
  });
});
