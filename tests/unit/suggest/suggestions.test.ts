// Suggestions through the real handlers on real project files: the dictionary learns from one
// label, rejections and spans are respected, accept is one undo step, pre-annotation is a job,
// and a read-only project refuses every write.
import { afterEach, describe, expect, it } from 'vitest';
import type { PreannotateReport } from '../../../shared/api/suggestions';
import { DICTIONARY_REBUILD_IDLE_MS } from '../../../electron/services/suggest/sources';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

function core(): TestCore {
  const c = testCore();
  cores.push(c);
  return c;
}

const TEXT = '蔡奇主持会议。会上蔡奇强调，蔡奇同志指出要增强“四个意识”。市委书记蔡奇';
const places = (text: string, term: string) => {
  const out: number[] = [];
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) out.push(at);
  return out;
};

async function labelIds(c: TestCore) {
  const labels = await c.call('labels:list', {});
  return Object.fromEntries(labels.map((l) => [l.key, l.id])) as Record<string, number>;
}

describe('the project dictionary', () => {
  it('labels 蔡奇 once → proposed at its other places, not where rejected, not where a span overlaps', async () => {
    const c = core();
    const doc = addDocument(c, TEXT);
    const { PERSON } = await labelIds(c);
    const [first, second, third, fourth] = places(TEXT, '蔡奇');
    await c.call('annotations:create', { documentId: doc, start: first, end: first + 2, labelId: PERSON });
    // A span over the third place (市委书记蔡奇 … no: 蔡奇同 as a TARGET) blocks it.
    await c.call('annotations:create', { documentId: doc, start: third + 1, end: third + 3, labelId: PERSON });
    let found = (await c.call('suggestions:forDocument', { documentId: doc, sources: ['dictionary'] })).map((s) => [s.start, s.text, s.source]);
    expect(found).toEqual([
      [second, '蔡奇', 'dictionary'],
      [fourth, '蔡奇', 'dictionary'],
    ]);
    const rejected = { start: fourth, end: fourth + 2, labelId: PERSON, source: 'dictionary' as const, sourceId: '', confidence: 1 };
    await c.call('suggestions:reject', { documentId: doc, suggestion: rejected });
    found = (await c.call('suggestions:forDocument', { documentId: doc, sources: ['dictionary'] })).map((s) => [s.start, s.text, s.source]);
    expect(found).toEqual([[second, '蔡奇', 'dictionary']]);
  });

  it('a mention labelled a moment ago is proposed on the next call; a deleted one is forgotten once the dictionary is rebuilt', async () => {
    const c = core();
    const text = '蔡奇会见殷勇。蔡奇和殷勇出席。';
    const doc = addDocument(c, text);
    const { PERSON } = await labelIds(c);
    const first = await c.call('annotations:create', { documentId: doc, start: 0, end: 2, labelId: PERSON });
    const texts = async () => (await c.call('suggestions:forDocument', { documentId: doc, sources: ['dictionary'] })).map((s) => [s.start, s.text]);
    expect(await texts()).toEqual([[7, '蔡奇']]);
    await c.call('annotations:create', { documentId: doc, start: 4, end: 6, labelId: PERSON });
    expect(await texts()).toEqual([
      [7, '蔡奇'],
      [10, '殷勇'],
    ]);
    await c.call('annotations:delete', { id: first.id });
    // The rebuild runs once the calls have been quiet for a moment after the one that noticed the change.
    await texts();
    await new Promise((resolve) => setTimeout(resolve, DICTIONARY_REBUILD_IDLE_MS + 100));
    expect(await texts()).toEqual([[10, '殷勇']]);
  });

  it('patterns and the dictionary together: the quoted slogan is proposed with its quotes', async () => {
    const c = core();
    const doc = addDocument(c, TEXT);
    const found = await c.call('suggestions:forDocument', { documentId: doc });
    expect(found.map((s) => [s.text, s.source])).toContainEqual(['“四个意识”', 'pattern']);
  });
});

describe('accepting', () => {
  it('writes spans of the coder with origin and detail; one Ctrl+Z removes the whole accept', async () => {
    const c = core();
    const doc = addDocument(c, TEXT);
    const { PERSON } = await labelIds(c);
    await c.call('annotations:create', { documentId: doc, start: 0, end: 2, labelId: PERSON });
    const found = await c.call('suggestions:forDocument', { documentId: doc });
    expect(found.length).toBeGreaterThanOrEqual(4);
    const refs = found.map(({ text: _text, ...ref }) => ref);
    const accepted = await c.call('suggestions:accept', { documentId: doc, suggestions: refs });
    expect(accepted).toEqual({ created: expect.any(Array), skipped: 0 });
    expect(accepted.created).toHaveLength(refs.length);
    const spans = await c.call('annotations:list', { documentId: doc });
    const slogan = spans.find((s) => TEXT.slice(s.start, s.end) === '“四个意识”')!;
    expect(slogan).toMatchObject({ origin: 'suggested', annotator: c.session.annotator(), originDetail: { source: 'pattern', confidence: 1 } });
    expect(spans.find((s) => s.start === 0)!.originDetail).toBeUndefined();
    expect(await c.call('suggestions:forDocument', { documentId: doc })).toEqual([]);

    // Accepting again: the places are taken now.
    expect(await c.call('suggestions:accept', { documentId: doc, suggestions: refs })).toEqual({ created: [], skipped: refs.length });

    await c.call('history:undo', { documentId: doc });
    expect((await c.call('annotations:list', { documentId: doc })).map((s) => s.start)).toEqual([0]);
    await c.call('history:redo', { documentId: doc });
    const redone = await c.call('annotations:list', { documentId: doc });
    expect(redone).toHaveLength(refs.length + 1);
    expect(redone.find((s) => s.id === slogan.id)).toEqual(slogan);
  });

  it('refuses a suggestion outside the text or with an unknown label, naming which', async () => {
    const c = core();
    const doc = addDocument(c, TEXT);
    const bad = { start: 0, end: TEXT.length + 5, labelId: 1, source: 'pattern' as const, sourceId: '1', confidence: 1 };
    const refused = await c.registry.dispatch('suggestions:accept', { documentId: doc, suggestions: [bad] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^suggestions\[0\]: /) } });
    const unknown = await c.registry.dispatch('suggestions:accept', { documentId: doc, suggestions: [{ ...bad, end: 2, labelId: 999 }] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'suggestions[0]: label 999 does not exist' } });
    expect(await c.call('annotations:list', { documentId: doc })).toEqual([]);
  });
});

describe('pre-annotation', () => {
  it('runs as a job over several documents: spans at or above acceptAbove are written, the rest stay proposals', async () => {
    const c = core();
    const docs = [addDocument(c, TEXT, 'a'), addDocument(c, '蔡奇调研“两个维护”落实情况。', 'b'), addDocument(c, '没有任何线索的文本。', 'c')];
    const { PERSON } = await labelIds(c);
    await c.call('annotations:create', { documentId: docs[0], start: 0, end: 2, labelId: PERSON });
    const { jobId } = await c.call('suggestions:preannotate', { documentIds: docs, acceptAbove: 0.95, sources: ['dictionary', 'pattern'] });
    const status = await c.jobs.wait(jobId);
    expect(status).toMatchObject({ state: 'done', done: 3, total: 3 });
    const report = status.result as PreannotateReport;
    expect(report).toMatchObject({ documents: 3, skipped: 0, proposed: 0 });
    const second = await c.call('annotations:list', { documentId: docs[1] });
    expect(second.map((s) => [s.start, s.end, s.origin, s.originDetail?.source])).toEqual([
      [0, 2, 'suggested', 'dictionary'],
      [4, 10, 'suggested', 'pattern'],
    ]);
    expect(report.created).toBe(second.length + (await c.call('annotations:list', { documentId: docs[0] })).length - 1);
    expect(await c.call('annotations:list', { documentId: docs[2] })).toEqual([]);
  });

  it('writes nothing when cancelled', async () => {
    const c = core();
    const docs = Array.from({ length: 30 }, (_, i) => addDocument(c, `第${i}篇：要做到“两个维护”。`, `d${i}`));
    const { jobId } = await c.call('suggestions:preannotate', { documentIds: docs });
    await c.call('jobs:cancel', { jobId });
    expect((await c.jobs.wait(jobId)).state).toBe('cancelled');
    expect(c.session.requireDb().prepare('SELECT COUNT(*) FROM annotations').pluck().get()).toBe(0);
  });

  it('names documents that do not exist', async () => {
    const c = core();
    addDocument(c, TEXT);
    const refused = await c.registry.dispatch('suggestions:preannotate', { documentIds: [1, 77] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'documentIds: no document 77' } });
  });
});

describe('a read-only project', () => {
  it('proposes, but refuses accept, reject, pre-annotation and library edits with read_only', async () => {
    const c = core();
    const doc = addDocument(c, TEXT);
    c.session.close();
    c.session.openReadOnly(c.projectPath, { reason: 'locked', message: 'held by another Biaozhu (test)' });
    const found = await c.call('suggestions:forDocument', { documentId: doc });
    expect(found.length).toBeGreaterThan(0);
    const ref = { ...found[0], text: undefined };
    delete ref.text;
    for (const [channel, payload] of [
      ['suggestions:accept', { documentId: doc, suggestions: [ref] }],
      ['suggestions:reject', { documentId: doc, suggestion: ref }],
      ['suggestions:preannotate', {}],
      ['patterns:create', { regex: '蔡奇', labelKey: 'PERSON', name: 'x' }],
      ['gazetteers:import', { path: '/nonexistent.txt', labelKey: 'PERSON' }],
      ['model:train', {}],
    ] as const) {
      const refused = await c.registry.dispatch(channel, payload as never);
      expect(refused, channel).toMatchObject({ ok: false, error: { code: 'read_only' } });
    }
    expect(c.session.requireDb().prepare('SELECT COUNT(*) FROM annotations').pluck().get()).toBe(0);
  });
});
