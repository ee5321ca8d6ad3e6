// agreement:compute through the real registry on a real project file: which documents are
// compared, label and coder choices, and clear refusals.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { insertAnnotation } from '../../../electron/services/db/annotations';
import { nowIso } from '../../../electron/services/db/connection';
import { getLabelByKey } from '../../../electron/services/db/labels';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
beforeEach(() => (core = testCore()));
afterEach(() => core.dispose());

function addSpan(documentId: number, coder: string, start: number, end: number, label: string): void {
  const db = core.session.requireDb();
  const now = nowIso();
  insertAnnotation(db, {
    documentId,
    start,
    end,
    labelId: getLabelByKey(db, label)!.id,
    annotatorId: ensureAnnotator(db, coder),
    origin: 'manual',
    reviewState: 'pending',
    attributes: {},
    createdAt: now,
    updatedAt: now,
  });
}

const failure = async (input: object) => {
  const result = await core.registry.dispatch('agreement:compute', input);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};

describe('agreement:compute', () => {
  let shared: number;
  let onlyA: number;
  beforeEach(() => {
    shared = addDocument(core, '北京市昌平区区长张三今天宣布了新的目标。', 'shared');
    onlyA = addDocument(core, '海淀区的项目。', 'only A');
    addDocument(core, '无人标注的文章。', 'nobody');
    addSpan(shared, 'A', 5, 7, 'PERSON');
    addSpan(shared, 'A', 7, 9, 'PERSON');
    addSpan(shared, 'B', 7, 9, 'PERSON');
    addSpan(shared, 'B', 0, 3, 'PROJECT');
    addSpan(onlyA, 'A', 0, 3, 'PROJECT');
  });

  test('the adjudicated gold layer is not a coder by default, only when named', async () => {
    addSpan(shared, 'gold', 7, 9, 'PERSON');
    expect((await core.call('agreement:compute', {})).coders).toEqual(['A', 'B']);
    expect((await core.call('agreement:compute', { annotators: ['A', 'gold'] })).coders).toEqual(['A', 'gold']);
  });

  test('compares the documents every coder has spans in; the others are counted as not shared', async () => {
    const report = await core.call('agreement:compute', {});
    expect(report.coders).toEqual(['A', 'B']);
    expect(report.labels).toEqual(['PERSON', 'SLOGAN', 'PROJECT', 'TARGET']);
    expect(report.documents).toBe(1);
    expect(report.characters).toBe(20);
    expect(report.notShared).toBe(2);
    expect(report.pairs[0].exact).toMatchObject({ reference: 2, other: 2, matchedReference: 1, matchedOther: 1 });
    expect(report.perDocument.map((d) => [d.id, d.title, d.disagreeing])).toEqual([[shared, 'shared', 5]]);
    expect(report.disagreements[0].segments).toEqual([
      { start: 0, end: 3, categories: [null, 'PROJECT'] },
      { start: 5, end: 7, categories: ['PERSON', null] },
    ]);
  });

  test('labels: only the chosen ones count; a document is still shared through spans of other labels', async () => {
    const report = await core.call('agreement:compute', { labels: ['PERSON'], annotators: ['B', 'A'] });
    expect(report.coders).toEqual(['B', 'A']);
    expect(report.documents).toBe(1);
    expect(report.byLabel.map((l) => l.label)).toEqual(['PERSON']);
    expect(report.byLabel[0].spans).toEqual([1, 2]);
    expect(report.perDocument[0].disagreeing).toBe(2);
  });

  test('document filter and ids', async () => {
    expect((await core.call('agreement:compute', { documents: { ids: [onlyA] } })).documents).toBe(0);
    expect((await core.call('agreement:compute', { documents: { filter: { titleContains: 'sha' } } })).documents).toBe(1);
    expect((await core.call('agreement:compute', { perDocument: false })).perDocument).toEqual([]);
  });

  test('refusals say what was wrong', async () => {
    expect(await failure({ annotators: ['A', 'C'] })).toMatchObject({ code: 'not_found', message: expect.stringContaining('No coder named C') });
    expect(await failure({ annotators: ['A', 'A'] })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('named twice') });
    expect(await failure({ annotators: ['A'] })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('at least two coders') });
    expect(await failure({ labels: ['NOPE'] })).toMatchObject({ code: 'not_found', message: expect.stringContaining('No label NOPE') });
    expect(await failure({ documents: { ids: [-1] } })).toMatchObject({ code: 'invalid_input' });
  });
});

test('a project with spans by one coder only is refused with who has spans', async () => {
  const id = addDocument(core, '一二三四五', 'one');
  addSpan(id, 'solo', 0, 2, 'PERSON');
  expect(await failure({})).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('only solo has spans') });
});
