// Migration 009 on a real version-8 project file, and a version-8 project opened read-only (it
// cannot be migrated): its disagreements still list, with no gold provenance and nothing decided.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion, SCHEMA_VERSION } from '../../../electron/services/db/migrations';
import { testCore, type TestCore } from '../helpers';

let core: TestCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

function versionEightProject(path: string): Database.Database {
  const raw = new Database(path);
  migrate(raw, 8);
  raw.exec(`
    INSERT INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at) VALUES (1, 'PERSON', '人物', 'Person', '#d9480f', 0, 'now', 'now');
    INSERT INTO annotators (id, name, created_at) VALUES (1, 'A', 'now'), (2, 'B', 'now'), (3, 'gold', 'now');
    INSERT INTO documents (id, title, text_sha256, char_count, span_count, imported_at, updated_at) VALUES (1, '旧文', 'x', 4, 4, 'now', 'now');
    INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES (1, '蔡奇调研', '蔡奇调研', '[0,4,0,4]');
    INSERT INTO annotations (document_id, start, end, label_id, annotator_id, created_at, updated_at)
      VALUES (1, 0, 2, 1, 1, 't', 't'), (1, 0, 1, 1, 2, 't', 't'), (1, 0, 1, 1, 3, 't', 't'), (1, 2, 4, 1, 1, 't', 't');
  `);
  return raw;
}

describe('adjudication on older project files', () => {
  it('migration 009 adds the provenance column and the decisions, keeping every span', () => {
    core = testCore({ create: false });
    const raw = versionEightProject(join(core.dir, 'v8.biaozhu'));
    migrate(raw);
    expect(schemaVersion(raw)).toBe(SCHEMA_VERSION);
    expect(raw.prepare('SELECT COUNT(*) FROM annotations WHERE adjudicated_from IS NULL').pluck().get()).toBe(4);
    expect(raw.prepare('SELECT COUNT(*) FROM adjudication_decisions').pluck().get()).toBe(0);
    raw.close();
  });

  it('a read-only version-8 project lists its disagreements and refuses a decision plainly', async () => {
    core = testCore({ create: false });
    const path = join(core.dir, 'v8.biaozhu');
    versionEightProject(path).close();
    core.session.openReadOnly(path, { reason: 'file', message: 'The folder is read-only.' });
    const listed = await core.call('adjudication:disagreements', { documentId: 1, coders: ['A', 'B'] });
    expect(listed.units.map((u) => [u.start, u.end, u.decision, u.gold.map((g) => g.adjudicatedFrom)])).toEqual([
      [0, 2, null, [null]],
      [2, 4, null, []],
    ]);
    const refused = await core.registry.dispatch('adjudication:decide', { documentId: 1, coders: ['A', 'B'], start: 0, end: 2, choice: { kind: 'none' } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('read_only');
  });
});
