// The learned tagger as a suggestion source: trained in its worker from the coder's confirmed
// spans, stored in the project file, proposing with its confidence; stale once the spans or the
// labels change, and retrained in the background after the changes settle.
import { afterEach, describe, expect, it } from 'vitest';
import type { PreannotateReport } from '../../../shared/api/suggestions';
import { SuggestionModel } from '../../../electron/services/suggest/model';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
const models: SuggestionModel[] = [];
afterEach(() => {
  models.splice(0).forEach((m) => m.dispose());
  cores.splice(0).forEach((c) => c.dispose());
});

const NAMES = ['蔡奇', '殷勇', '陈吉宁', '尹力', '刘伟', '魏小东', '张延昆', '林海涛', '郑立新', '周明远', '宋志刚', '王宁'];

/** A project whose coder labelled every name after 书记 (a pattern a tagger learns at once). */
async function labelledProject(): Promise<{ c: TestCore; person: number; docs: number[] }> {
  const c = testCore();
  cores.push(c);
  const person = (await c.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
  const docs: number[] = [];
  for (let i = 0; i < 12; i++) {
    const a = NAMES[i]!;
    const b = NAMES[(i + 5) % NAMES.length]!;
    const text = `市委书记${a}主持会议。区委书记${b}出席并讲话。`;
    const id = addDocument(c, text, `doc${i}`);
    docs.push(id);
    await c.call('annotations:create', { documentId: id, start: 4, end: 4 + a.length, labelId: person });
    const at = text.indexOf(b, 6);
    await c.call('annotations:create', { documentId: id, start: at, end: at + b.length, labelId: person });
  }
  return { c, person, docs };
}

async function ready(c: TestCore): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const status = await c.call('model:status', {});
    if (status.state === 'ready') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the tagger did not finish training');
}

describe('the learned tagger as a source', () => {
  it('trains in the background on model:train, is stored, and proposes unseen names with a confidence', async () => {
    const { c, person } = await labelledProject();
    expect(await c.call('model:status', {})).toMatchObject({ state: 'none', trainedOn: null, version: null });
    const started = await c.call('model:train', {});
    expect(started.state).toBe('training');
    await ready(c);
    const status = await c.call('model:status', {});
    expect(status).toMatchObject({ state: 'ready', trainedOn: { spans: 24, documents: 12 }, labels: ['PERSON'], progress: null });
    expect(status.version).toMatch(/\S/);
    const doc = addDocument(c, '市委书记赵一鸣主持会议。', 'new');
    // Adding a document does not make the model stale: the confirmed spans did not change.
    expect((await c.call('model:status', {})).state).toBe('ready');
    const found = await c.call('suggestions:forDocument', { documentId: doc, sources: ['model'] });
    expect(found).toEqual([expect.objectContaining({ labelId: person, text: '赵一鸣', source: 'model', sourceId: status.version })]);
    expect(found[0]!.confidence).toBeGreaterThan(0);
    expect(found[0]!.confidence).toBeLessThanOrEqual(1);
  }, 60_000);

  it('pre-annotation: the model proposals below acceptAbove stay proposals, above it they are written with its confidence', async () => {
    const { c } = await labelledProject();
    await c.call('model:train', {});
    await ready(c);
    const docs = [addDocument(c, '市委书记赵一鸣主持会议。', 'n1'), addDocument(c, '区委书记钱多多出席并讲话。', 'n2')];
    const run = async (acceptAbove: number) => {
      const { jobId } = await c.call('suggestions:preannotate', { documentIds: docs, sources: ['model'], acceptAbove });
      const status = await c.jobs.wait(jobId);
      expect(status.state).toBe('done');
      return status.result as PreannotateReport;
    };
    expect(await run(1)).toMatchObject({ documents: 2, created: 0, proposed: 2 });
    expect(await run(0)).toMatchObject({ documents: 2, created: 2, proposed: 0, bySource: [{ source: 'model', created: 2 }] });
    const [span] = await c.call('annotations:list', { documentId: docs[0]! });
    expect(span).toMatchObject({
      start: 4,
      end: 7,
      origin: 'suggested',
      originDetail: { source: 'model', sourceId: (await c.call('model:status', {})).version },
    });
    expect(span!.originDetail!.confidence).toBeLessThan(1);
  }, 60_000);

  it('refuses to train on too few spans, naming how many', async () => {
    const c = testCore();
    cores.push(c);
    const refused = await c.registry.dispatch('model:train', {});
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/at least 20 confirmed spans .*\(there are 0\)/) },
    });
  });

  it('is stale after a label is deleted or a confirmed span changes, and the background retrains it', async () => {
    const { c, docs } = await labelledProject();
    await c.call('model:train', {});
    await ready(c);
    const first = (await c.call('model:status', {})).version;
    const target = (await c.call('labels:list', {})).find((l) => l.key === 'TARGET')!;
    await c.call('labels:delete', { id: target.id });
    expect((await c.call('model:status', {})).state).toBe('stale');
    const [span] = await c.call('annotations:list', { documentId: docs[0]! });
    await c.call('annotations:update', { id: span!.id, reviewState: 'rejected' });
    expect((await c.call('model:status', {})).state).toBe('stale');

    // Background retraining after the spans stayed unchanged for the debounce (shortened here).
    const background = new SuggestionModel(c.session);
    models.push(background);
    background.startBackground(50);
    for (let i = 0; i < 600 && (await c.call('model:status', {})).version === first; i++) await new Promise((r) => setTimeout(r, 100));
    await background.idle();
    const second = await c.call('model:status', {});
    expect(second.version).not.toBe(first);
    expect(second).toMatchObject({ state: 'ready', trainedOn: { spans: 23 } });
  }, 90_000);
});
