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

  it('applies the span filters and the scope', async () => {
    expect((await core.call('search:counts', { search: { query: '两会', label: 'SLOGAN' } })).hits).toBe(1);
    expect((await core.call('search:counts', { search: { query: '两会', unlabelled: true } })).hits).toBe(6);
    expect((await core.call('search:counts', { search: { query: '两会', scope: { dateFrom: '2024-01-01' } } })).hits).toBe(4);
    expect(await core.call('search:counts', { search: { query: '' } })).toEqual({ hits: 0, documents: 0, perDocument: [], perYear: [] });
  });
});
