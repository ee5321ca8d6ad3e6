// search:counts: the exact totals, per document (most first) and per year (undated last).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../helpers';
import { addSearchDocument, labelIds, mark } from './fixture';

let core: TestCore;
let ids: number[];
beforeAll(async () => {
  core = testCore();
  ids = [
    addSearchDocument(core, { text: '两会召开。两会闭幕。', title: '甲', date: '2023-03-05' }),
    addSearchDocument(core, { text: '学习两会精神，两会、两会、两会。', title: '乙', date: '2024-03-12' }),
    addSearchDocument(core, { text: '没有那个词。', title: '丙', date: '2024-01-01' }),
    addSearchDocument(core, { text: '两会无日期。', title: '丁', date: null }),
  ];
  const label = await labelIds(core);
  await mark(core, ids[1], '学习两会精神，两会、两会、两会。', '两会', label.SLOGAN, 'alice', 1);
  // Two coders on one place: one hit. A second place by bob only.
  await mark(core, ids[0], '两会召开。两会闭幕。', '两会', label.PERSON, 'alice');
  await mark(core, ids[0], '两会召开。两会闭幕。', '两会', label.PERSON, 'bob');
  await mark(core, ids[0], '两会召开。两会闭幕。', '闭幕', label.PERSON, 'bob');
  await mark(core, ids[3], '两会无日期。', '无日期', label.PERSON, 'bob');
});
afterAll(() => core.dispose());

describe('search:counts', () => {
  it('counts every hit, per document most first, and per year with undated documents last', async () => {
    expect(await core.call('search:counts', { search: { query: '两会' } })).toEqual({
      hits: 7,
      documents: 3,
      perDocument: [
        { documentId: ids[1], title: '乙', hits: 4 },
        { documentId: ids[0], title: '甲', hits: 2 },
        { documentId: ids[3], title: '丁', hits: 1 },
      ],
      perYear: [
        { year: 2023, hits: 2 },
        { year: 2024, hits: 4 },
        { year: null, hits: 1 },
      ],
    });
  });

  it('counts every place holding a span of the label once, as the pages list them', async () => {
    for (const search of [
      { query: '', label: 'PERSON' },
      { query: '', label: 'PERSON', annotator: 'bob' },
      { query: '', label: 'PERSON', annotator: 'alice' },
      { query: '', label: 'PERSON', scope: { dateFrom: '2023-01-01' } },
      { query: '', label: 'NOPE' },
    ]) {
      const listed = (await core.call('search:hits', { search, limit: 1000 })).hits;
      const counts = await core.call('search:counts', { search });
      expect(counts.hits).toBe(listed.length);
      expect(counts.perDocument.map((d) => [d.documentId, d.hits])).toEqual(
        [...new Set(listed.map((h) => h.documentId))].map((id) => [id, listed.filter((h) => h.documentId === id).length]).sort((a, b) => b[1] - a[1]),
      );
    }
    expect((await core.call('search:counts', { search: { query: '', label: 'PERSON' } })).hits).toBe(3);
  });

  it('applies the span filters and the scope', async () => {
    expect((await core.call('search:counts', { search: { query: '两会', label: 'SLOGAN' } })).hits).toBe(1);
    expect((await core.call('search:counts', { search: { query: '两会', unlabelled: true } })).hits).toBe(5);
    expect((await core.call('search:counts', { search: { query: '两会', scope: { dateFrom: '2024-01-01' } } })).hits).toBe(4);
    expect(await core.call('search:counts', { search: { query: '' } })).toEqual({ hits: 0, documents: 0, perDocument: [], perYear: [] });
  });
});
