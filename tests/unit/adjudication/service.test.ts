// Adjudication through the real registry on a real project file: two coders' spans made with the
// editor's channels, their disagreement units, each kind of decision, progress, and the gold
// layer exported through the export's annotator filter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GOLD_ANNOTATOR } from '../../../shared/api/adjudication';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
let doc: number;
let label: Record<string, number>;
const coders = ['A', 'B'];
// 0123456789...
const TEXT = '北京市昌平区区长张三今天宣布了新的目标和计划。';

async function span(coder: string, start: number, end: number, key: string): Promise<void> {
  await core.call('projects:setAnnotator', { name: coder });
  await core.call('annotations:create', { documentId: doc, start, end, labelId: label[key] });
}

const failure = async (channel: 'adjudication:decide' | 'adjudication:disagreements', input: object) => {
  const result = await core.registry.dispatch(channel, input);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};

beforeEach(async () => {
  core = testCore();
  doc = addDocument(core, TEXT, 'shared');
  label = Object.fromEntries((await core.call('labels:list', {})).map((l) => [l.key, l.id]));
  await span('A', 0, 3, 'SLOGAN'); // agreed
  await span('B', 0, 3, 'SLOGAN');
  await span('A', 8, 10, 'PERSON'); // A only
  await span('A', 15, 18, 'PROJECT'); // overlapping, different extents
  await span('B', 16, 18, 'PROJECT');
  await span('B', 19, 21, 'PROJECT'); // B only
});
afterEach(() => core.dispose());

const units = async () => (await core.call('adjudication:disagreements', { documentId: doc, coders })).units;

describe('adjudication', () => {
  test('lists the disagreement units in text order, with each coder’s spans; the agreed span is no unit', async () => {
    const found = await units();
    expect(found.map((u) => [u.start, u.end])).toEqual([
      [8, 10],
      [15, 18],
      [19, 21],
    ]);
    expect(found[0].coders).toEqual([
      { coder: 'A', spans: [{ start: 8, end: 10, labelId: label.PERSON, text: '张三' }] },
      { coder: 'B', spans: [] },
    ]);
    expect(found[1].coders.map((c) => c.spans.map((s) => [s.start, s.end]))).toEqual([[[15, 18]], [[16, 18]]]);
    expect(found.every((u) => u.decision === null && u.gold.length === 0)).toBe(true);
  });

  test('agreed spans go into gold by acceptAgreed, once', async () => {
    expect(await core.call('adjudication:acceptAgreed', { documentId: doc, coders })).toEqual({ added: 1 });
    expect(await core.call('adjudication:acceptAgreed', { documentId: doc, coders })).toEqual({ added: 0 });
    const state = await core.call('adjudication:disagreements', { documentId: doc, coders });
    expect([state.agreed, state.agreedInGold]).toEqual([1, 1]);
    const gold = (await core.call('annotations:list', { documentId: doc })).filter((a) => a.annotator === GOLD_ANNOTATOR);
    expect(gold.map((g) => [g.start, g.end, g.labelId])).toEqual([[0, 3, label.SLOGAN]]);
  });

  test('opening the view is one call: disagreements with acceptAgreed puts the agreed spans into gold once and answers as the two calls do', async () => {
    const opened = await core.call('adjudication:disagreements', { documentId: doc, coders, acceptAgreed: true });
    expect([opened.agreed, opened.agreedInGold]).toEqual([1, 1]);
    expect(opened).toEqual(await core.call('adjudication:disagreements', { documentId: doc, coders }));
    expect(await core.call('adjudication:acceptAgreed', { documentId: doc, coders })).toEqual({ added: 0 });
    const all = await core.call('annotations:list', { documentId: doc });
    expect(all.filter((a) => a.annotator === GOLD_ANNOTATOR).map((g) => [g.start, g.end, g.labelId])).toEqual([[0, 3, label.SLOGAN]]);
    // The document's span count follows, and the agreed gold span says whose it was (the decision of its unit keeps it).
    expect((await core.call('documents:list', {})).items.find((d) => d.id === doc)?.spanCount).toBe(all.length);
    const state = await core.call('adjudication:decide', { documentId: doc, coders, start: 8, end: 10, choice: { kind: 'none' } });
    expect(state.agreedInGold).toBe(1);
    const provenance = core.session
      .requireDb()
      .prepare(
        'SELECT adjudicated_from FROM annotations WHERE document_id = ? AND start = 0 AND end = 3 AND annotator_id = (SELECT id FROM annotators WHERE name = ?)',
      )
      .pluck()
      .get(doc, GOLD_ANNOTATOR);
    expect(provenance).toBe('A,B');
  });

  test('each kind of decision writes the gold spans and records whose they were; progress counts', async () => {
    const decide = (start: number, end: number, choice: object) =>
      core.call('adjudication:decide', { documentId: doc, coders, start, end, choice: choice as never });
    let state = await decide(8, 10, { kind: 'coder', coder: 'A' });
    expect(state.units[0].gold).toMatchObject([{ start: 8, end: 10, labelId: label.PERSON, adjudicatedFrom: 'A' }]);
    expect(state.units[0].decision?.choice).toBe('coder:A');
    state = await decide(15, 18, { kind: 'all' });
    expect(state.units[1].gold.map((g) => [g.start, g.end, g.adjudicatedFrom])).toEqual([
      [15, 18, 'A'],
      [16, 18, 'B'],
    ]);
    expect(state.progress).toEqual({ decided: 2, total: 3 });
    // Deciding again replaces the unit's gold.
    state = await decide(15, 18, { kind: 'edit', spans: [{ start: 15, end: 17, labelId: label.PROJECT }] });
    expect(state.units[1].gold.map((g) => [g.start, g.end, g.adjudicatedFrom])).toEqual([[15, 17, 'edited']]);
    state = await decide(19, 21, { kind: 'none' });
    expect(state.units[2].gold).toEqual([]);
    expect(state.units[2].decision?.choice).toBe('none');
    expect(state.progress).toEqual({ decided: 3, total: 3 });
    const progress = await core.call('adjudication:progress', { coders });
    expect(progress).toMatchObject({ decided: 3, total: 3, documentsDone: 1, documents: [{ documentId: doc, title: 'shared', decided: 3, total: 3 }] });
    // The coders' own spans are untouched.
    const all = await core.call('annotations:list', { documentId: doc });
    expect(all.filter((a) => a.annotator === 'A')).toHaveLength(3);
    expect(all.filter((a) => a.annotator === 'B')).toHaveLength(3);
  });

  test('bad input gets a clear refusal and changes nothing', async () => {
    expect((await failure('adjudication:decide', { documentId: doc, coders, start: 7, end: 10, choice: { kind: 'none' } })).message).toMatch(
      /No disagreement unit at \[7, 10\)/,
    );
    expect((await failure('adjudication:decide', { documentId: doc, coders, start: 8, end: 10, choice: { kind: 'coder', coder: 'C' } })).message).toMatch(
      /'C' is not one of the coders/,
    );
    expect(
      (
        await failure('adjudication:decide', {
          documentId: doc,
          coders,
          start: 8,
          end: 10,
          choice: { kind: 'edit', spans: [{ start: 5, end: 10, labelId: label.PERSON }] },
        })
      ).message,
    ).toMatch(/outside the unit \[8, 10\)/);
    expect((await failure('adjudication:disagreements', { documentId: doc, coders: ['A'] })).message).toMatch(/at least two coders/);
    expect((await failure('adjudication:disagreements', { documentId: doc, coders: ['A', 'gold'] })).message).toMatch(/gold layer/);
    expect((await failure('adjudication:disagreements', { documentId: doc, coders: ['A', 'Z'] })).message).toMatch(/No coder named 'Z'/);
    expect((await failure('adjudication:disagreements', { documentId: 999, coders })).code).toBe('not_found');
    expect((await units()).every((u) => u.decision === null)).toBe(true);
  });

  test('an export with the gold annotator filter holds exactly the gold spans', async () => {
    await core.call('adjudication:acceptAgreed', { documentId: doc, coders });
    await core.call('adjudication:decide', { documentId: doc, coders, start: 15, end: 18, choice: { kind: 'coder', coder: 'B' } });
    const outPath = join(core.dir, 'gold.jsonl');
    const { jobId } = await core.call('export:start', { format: 'biaozhu-jsonl', outPath, annotator: GOLD_ANNOTATOR });
    const status = await core.jobs.wait(jobId);
    expect(status.error ?? null).toBeNull();
    const lines = readFileSync(outPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const spans = lines.flatMap((l) => l.spans ?? l.annotations ?? []);
    expect(spans.map((s: { start: number; end: number }) => [s.start, s.end])).toEqual([
      [0, 3],
      [16, 18],
    ]);
    expect(new Set(spans.map((s: { annotator?: string }) => s.annotator))).toEqual(new Set([GOLD_ANNOTATOR]));
    // One coder's layer through the same filter.
    const coderPath = join(core.dir, 'coder-b.jsonl');
    const coderJob = await core.call('export:start', { format: 'biaozhu-jsonl', outPath: coderPath, annotator: 'B' });
    expect((await core.jobs.wait(coderJob.jobId)).error ?? null).toBeNull();
    const coderSpans = readFileSync(coderPath, 'utf8')
      .trim()
      .split('\n')
      .flatMap((l) => JSON.parse(l).spans ?? []);
    expect(coderSpans.map((s: { start: number; end: number; annotator: string }) => [s.start, s.end, s.annotator])).toEqual([
      [0, 3, 'B'],
      [16, 18, 'B'],
      [19, 21, 'B'],
    ]);
  });
});
