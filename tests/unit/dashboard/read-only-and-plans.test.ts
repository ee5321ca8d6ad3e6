// The dashboard (#24) on a read-only project of an older schema, and the query plans its SQL relies on.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { perLabelDocument } from '../../../electron/services/db/dashboard';
import { migrate, schemaVersion } from '../../../electron/services/db/migrations';
import { tempDir, testCore } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A schema-13 project (before entities): two documents, three spans, one of them with an astral character before it. */
function schema13Project(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const path = join(t.dir, 'old.biaozhu');
  const raw = new Database(path);
  migrate(raw, 13);
  raw.exec(`INSERT INTO documents (id, title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at, published_at, source, district, span_count)
              VALUES (1, 't', 'f', 'r', 'utf-8', 's1', 8, 'now', 'now', '2024-05-01', '北京日报', '朝阳', 2),
                     (2, 'u', 'g', 'r', 'utf-8', 's2', 9, 'now', 'now', '2024-06-03', '区融媒', NULL, 1);
            INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES
              (1, '市委书记蔡奇调研', '市委书记蔡奇调研', '[0,8,0,8]'), (2, '𠀀蔡奇讲两个维护', '𠀀蔡奇讲两个维护', '[0,9,0,9]');
            INSERT INTO annotators (id, name, created_at) VALUES (1, 'a', 'now');
            INSERT INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at) VALUES
              (1, 'PERSON', '人物', 'Person', '#c2255c', 0, 'now', 'now'), (2, 'SLOGAN', '口号', 'Slogan', '#1971c2', 1, 'now', 'now');
            INSERT INTO annotations (document_id, start, end, label_id, annotator_id, review_state, created_at, updated_at) VALUES
              (1, 4, 6, 1, 1, 'accepted', '2026-12-01T08:00:00Z', 'now'), (2, 2, 4, 1, 1, 'pending', '2026-12-02T08:00:00Z', 'now'),
              (2, 5, 9, 2, 1, 'pending', '2026-12-02T09:00:00Z', 'now');`);
  expect(schemaVersion(raw)).toBe(13);
  raw.close();
  return path;
}

describe('dashboard on an old read-only project', () => {
  it('every aggregate answers from a schema-13 project that could not be upgraded', async () => {
    const core = testCore({ create: false });
    cleanups.push(() => core.dispose());
    core.session.openReadOnly(schema13Project(), { reason: 'file', message: 'The folder is read-only.' });
    expect(await core.call('dashboard:mentionsOverTime', {})).toEqual([
      { labelId: 1, month: '2024-05', mentions: 1, documents: 1 },
      { labelId: 1, month: '2024-06', mentions: 1, documents: 1 },
      { labelId: 2, month: '2024-06', mentions: 1, documents: 1 },
    ]);
    expect(await core.call('dashboard:mentionsOverTime', { mentions: ['蔡奇'] })).toEqual([
      { labelId: 1, month: '2024-05', mention: '蔡奇', mentions: 1, documents: 1 },
      { labelId: 1, month: '2024-06', mention: '蔡奇', mentions: 1, documents: 1 },
    ]);
    expect(await core.call('dashboard:mentionsOverTime', { entityIds: [1] })).toEqual([]);
    expect(await core.call('dashboard:topMentions', { filter: { labelIds: [1] } })).toEqual([{ labelId: 1, text: '蔡奇', count: 2, documents: 2 }]);
    expect(await core.call('dashboard:breakdown', { by: 'district' })).toEqual([
      { labelId: 1, key: null, mentions: 1, documents: 1 },
      { labelId: 1, key: '朝阳', mentions: 1, documents: 1 },
      { labelId: 2, key: null, mentions: 1, documents: 1 },
    ]);
    expect(await core.call('dashboard:cooccurrence', { rowLabelId: 1, columnLabelId: 2 })).toEqual({
      rows: [{ text: '蔡奇', documents: 2 }],
      columns: [{ text: '两个维护', documents: 1 }],
      cells: [{ row: 0, column: 0, documents: 1 }],
    });
    expect(await core.call('dashboard:progress', { filter: { source: '区融媒' } })).toEqual({
      documentsByStatus: [{ status: 'todo', documents: 1 }],
      spansPerAnnotatorDay: [{ annotator: 'a', day: '2026-12-02', spans: 2 }],
      reviewStates: [
        { labelId: 1, reviewState: 'pending', spans: 1 },
        { labelId: 2, reviewState: 'pending', spans: 1 },
      ],
    });
  });

  it('bad input is refused with the field named', async () => {
    const core = testCore();
    cleanups.push(() => core.dispose());
    const answer = await core.registry.dispatch('dashboard:topMentions', { filter: { dateFrom: '2024/01/01' } });
    expect(answer.ok || answer.error).toMatchObject({ code: 'invalid_input' });
    expect(JSON.stringify(answer)).toMatch(/filter\.dateFrom/);
    const both = await core.registry.dispatch('dashboard:mentionsOverTime', { mentions: ['蔡奇'], entityIds: [1] });
    expect(both.ok || both.error.code).toBe('invalid_input');
  });
});

describe('query plans', () => {
  it('spans per label and document are counted from the label index alone, then joined to documents by id', () => {
    const core = testCore();
    cleanups.push(() => core.dispose());
    const db = core.session.requireDb();
    const { sql, params } = perLabelDocument({ labelIds: [1], dateFrom: '2024-01-01' }, 'substr(d.published_at, 1, 7)');
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING COVERING INDEX annotations_label/);
    expect(plan).toMatch(/SEARCH d USING INTEGER PRIMARY KEY/);
  });
});
