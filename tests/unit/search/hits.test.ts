// search:hits on a real project through the registry: literals of 1, 2, 3 and 8 characters,
// overlapping occurrences, surrogate pairs, span filters, scope, sorts, pages, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../../shared/api/search';
import { testCore, type TestCore } from '../helpers';
import { addSearchDocument, labelIds, mark } from './fixture';

const TEXTS = [
  '区委书记张延昆到温榆河公园调研，强调要增强“四个意识”、坚定“四个自信”、做到“两个维护”。',
  '蔡奇同志指出，要坚决做到“两个维护”，推进京津冀协同发展。aaa',
  '朝阳区召开会议，传达学习两会精神。𠀋字在扩展区，𠀋𠀋连用。',
  '海淀区推进中关村科学城建设，全年目标完成率达到百分之九十五。',
];
const META = [
  { date: '2023-05-01', source: '北京日报', district: '东城区', status: 'done' as const },
  { date: '2024-02-10', source: '人民网', district: '西城区', status: 'todo' as const },
  { date: null, source: '新华社', district: '朝阳区', status: 'todo' as const },
  { date: '2022-11-30', source: null, district: '海淀区', status: 'reviewed' as const },
];

let core: TestCore;
let ids: number[];
let label: Record<string, number>;

beforeAll(async () => {
  core = testCore();
  ids = TEXTS.map((text, i) => addSearchDocument(core, { text, title: `第${i + 1}篇`, ...META[i] }));
  label = await labelIds(core);
  await mark(core, ids[0], TEXTS[0], '张延昆', label.PERSON, 'alice');
  await mark(core, ids[0], TEXTS[0], '两个维护', label.SLOGAN, 'alice');
  await mark(core, ids[1], TEXTS[1], '蔡奇', label.PERSON, 'bob');
  await mark(core, ids[1], TEXTS[1], '“两个维护”', label.SLOGAN, 'bob');
});
afterAll(() => core.dispose());

const hits = (search: SearchQuery, rest: Record<string, unknown> = {}) => core.call('search:hits', { search, ...rest });
const places = async (search: SearchQuery, rest: Record<string, unknown> = {}) =>
  (await hits(search, rest)).hits.map((h) => [ids.indexOf(h.documentId), h.start, h.end, h.text]);

describe('search:hits, literal', () => {
  it('finds 1-, 2-, 3- and 8-character strings where indexOf does, in document order', async () => {
    for (const query of ['区', '两会', '两个维护', '强调要增强“四个']) {
      const expected: unknown[] = [];
      TEXTS.forEach((text, doc) => {
        for (let at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + query.length)) expected.push([doc, at, at + query.length, query]);
      });
      expect(expected.length).toBeGreaterThan(0);
      expect(await places({ query }, { limit: 1000 })).toEqual(expected);
    }
  });

  it('counts overlapping occurrences once, left to right: aa in aaa is one hit at the first a', async () => {
    const at = TEXTS[1].indexOf('aaa');
    expect(await places({ query: 'aa' })).toEqual([[1, at, at + 2, 'aa']]);
  });

  it('keeps surrogate pairs whole in hits and contexts', async () => {
    const text = TEXTS[2];
    const found = await hits({ query: '𠀋' }, { context: 1 });
    expect(found.hits.map((h) => [h.start, h.end])).toEqual([
      [text.indexOf('𠀋'), text.indexOf('𠀋') + 2],
      [text.indexOf('𠀋𠀋'), text.indexOf('𠀋𠀋') + 2],
      [text.indexOf('𠀋𠀋') + 2, text.indexOf('𠀋𠀋') + 4],
    ]);
    // One character of context is the whole neighbouring pair, never half of it.
    expect(found.hits[1]).toMatchObject({ left: '，', text: '𠀋', right: '𠀋' });
    expect(found.hits[2]).toMatchObject({ left: '𠀋', right: '连' });
  });

  it('returns contexts of the asked width and the document metadata', async () => {
    const [hit] = (await hits({ query: '蔡奇' }, { context: 3 })).hits;
    expect(hit).toMatchObject({ documentId: ids[1], title: '第2篇', date: '2024-02-10', source: '人民网', district: '西城区' });
    expect(hit).toMatchObject({ left: '', text: '蔡奇', right: '同志指' });
    expect(hit.spans).toEqual([expect.objectContaining({ labelId: label.PERSON, annotator: 'bob', start: 0, end: 2 })]);
  });

  it('finds nothing for an empty query, and nothing (no error) for an unknown label', async () => {
    expect(await hits({ query: '' })).toEqual({ hits: [], more: false });
    expect(await hits({ query: '两个维护', label: 'NOPE' })).toEqual({ hits: [], more: false });
  });
});

describe('search:hits, span filters', () => {
  it('label: hits covered by a span of the label', async () => {
    expect(await places({ query: '两个维护', label: 'SLOGAN' })).toEqual([
      [0, TEXTS[0].indexOf('两个维护'), TEXTS[0].indexOf('两个维护') + 4, '两个维护'],
      [1, TEXTS[1].indexOf('两个维护'), TEXTS[1].indexOf('两个维护') + 4, '两个维护'],
    ]);
    expect(await places({ query: '两个维护', label: 'PERSON' })).toEqual([]);
  });

  it('an empty query with a label lists every span of it; a mention lists spans with that text', async () => {
    expect(await places({ query: '', label: 'PERSON' })).toEqual([
      [0, TEXTS[0].indexOf('张延昆'), TEXTS[0].indexOf('张延昆') + 3, '张延昆'],
      [1, 0, 2, '蔡奇'],
    ]);
    expect(await places({ query: '', mention: '“两个维护”' })).toEqual([[1, TEXTS[1].indexOf('“'), TEXTS[1].indexOf('”') + 1, '“两个维护”']]);
    expect(await places({ query: '', mention: '两个维护', label: 'PERSON' })).toEqual([]);
  });

  it('unlabelled: only hits no span overlaps; with an annotator, only that coder’s spans count', async () => {
    expect(await places({ query: '维护', unlabelled: true })).toEqual([]);
    expect(await places({ query: '四个', unlabelled: true })).toHaveLength(2);
    const ofAlice = await places({ query: '两个维护', unlabelled: true, annotator: 'alice' });
    expect(ofAlice).toEqual([[1, TEXTS[1].indexOf('两个维护'), TEXTS[1].indexOf('两个维护') + 4, '两个维护']]);
    // A coder the project does not know has no spans: every hit is unlabelled for them, none has their label.
    expect(await places({ query: '两个维护', unlabelled: true, annotator: 'nobody' })).toHaveLength(2);
    expect(await places({ query: '', label: 'PERSON', annotator: 'nobody' })).toEqual([]);
    expect(await places({ query: '', label: 'PERSON', annotator: 'bob' })).toEqual([[1, 0, 2, '蔡奇']]);
  });
});

describe('search:hits, scope', () => {
  const docsOf = async (scope: NonNullable<SearchQuery['scope']>) => [...new Set((await places({ query: '区', scope }, { limit: 1000 })).map((p) => p[0]))];

  it('limits the documents by id, status, source, district and date range', async () => {
    expect(await docsOf({ documentIds: [ids[2]] })).toEqual([2]);
    expect(await docsOf({ status: 'reviewed' })).toEqual([3]);
    expect(await docsOf({ source: '北京日报' })).toEqual([0]);
    expect(await docsOf({ district: '朝阳区' })).toEqual([2]);
    expect(await docsOf({ dateFrom: '2023-01-01' })).toEqual([0]);
    expect(await docsOf({ dateTo: '2023-05-01' })).toEqual([0, 3]);
    expect(await docsOf({ dateFrom: '2022-11-30', dateTo: '2022-11-30' })).toEqual([3]);
  });
});

describe('search:hits, sorts and pages', () => {
  it('sorts by date (undated last) and source, both directions', async () => {
    const order = async (sort: string, direction = 'asc') => [...new Set((await places({ query: '区' }, { sort, direction, limit: 1000 })).map((p) => p[0]))];
    expect(await order('date')).toEqual([3, 0, 2]);
    expect(await order('date', 'desc')).toEqual([0, 3, 2]);
    expect(await order('source')).toEqual([0, 2, 3]);
    expect(await order('document', 'desc')).toEqual([3, 2, 0]);
  });

  it('sorts by the context nearest the hit: left (1L) and right (1R)', async () => {
    const byLeft = (await hits({ query: '个' }, { sort: 'left', context: 3, limit: 1000 })).hits.map((h) => [...h.left].reverse().join(''));
    expect(byLeft).toEqual([...byLeft].sort());
    const byRight = (await hits({ query: '个' }, { sort: 'right', direction: 'desc', context: 3, limit: 1000 })).hits.map((h) => h.right);
    expect(byRight).toEqual([...byRight].sort().reverse());
    expect(byRight).toHaveLength(TEXTS.join('').split('个').length - 1);
  });

  it('pages with offset and limit and says when more hits exist', async () => {
    const all = (await hits({ query: '区' }, { limit: 1000 })).hits;
    expect(all.length).toBeGreaterThan(3);
    const first = await hits({ query: '区' }, { limit: 2 });
    expect(first.more).toBe(true);
    expect(first.hits).toEqual(all.slice(0, 2));
    const rest = await hits({ query: '区' }, { offset: 2, limit: 1000 });
    expect(rest).toEqual({ hits: all.slice(2), more: false });
    const exact = await hits({ query: '区' }, { offset: all.length - 1, limit: 1 });
    expect(exact.more).toBe(false);
    const leftPage = await hits({ query: '区' }, { sort: 'left', offset: 1, limit: 2 });
    expect(leftPage.hits).toEqual((await hits({ query: '区' }, { sort: 'left', limit: 1000 })).hits.slice(1, 3));
    expect(leftPage.more).toBe(true);
  });
});

describe('search:hits, regex', () => {
  it('matches a JavaScript regex; empty matches are no hits', async () => {
    expect((await places({ query: '四个(意识|自信)', regex: true })).map((p) => p[3])).toEqual(['四个意识', '四个自信']);
    expect(await places({ query: 'x*', regex: true })).toEqual([]);
    expect((await places({ query: '.', regex: true, scope: { documentIds: [ids[2]] } }, { limit: 1000 })).length).toBe([...TEXTS[2]].length);
  });

  it('names the problem of an invalid regex', async () => {
    await expect(hits({ query: '两个(维护', regex: true })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/search\.query: .*Unterminated group/),
    });
  });

  it('stops a regex that runs too long with a clear error, and the core keeps answering', async () => {
    addSearchDocument(core, { text: `${'a'.repeat(40)}!`, title: 'backtracking' });
    await expect(hits({ query: '(a+)+$', regex: true })).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/time limit/) });
    expect((await hits({ query: '蔡奇' })).hits).toHaveLength(1);
  }, 20_000);
});
