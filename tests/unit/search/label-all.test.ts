// Label every hit (#21) through the real handlers on a real project file: the preview counts what
// labelAll then does; hits already labelled are skipped and hits that would cut a span are listed;
// one undo removes the batch and a redo puts it back under the same ids.
import { afterEach, describe, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const TEXTS = ['蔡奇同志强调，要坚持“两个维护”。蔡奇指出，两个维护是根本。', '区委书记蔡奇到温榆河公园调研。', '这篇文章没有那个名字。'];

async function project() {
  const core = testCore();
  cores.push(core);
  const ids = TEXTS.map((text, i) => addDocument(core, text, `doc${i}`));
  const labels = await core.call('labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  return { core, ids, label };
}

const at = (text: string, s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length });

function spansTable(core: TestCore): unknown[] {
  return core.session.requireDb().prepare('SELECT * FROM annotations ORDER BY id').all();
}

describe('search:labelPreview and search:labelAll', () => {
  it('labels every hit in one batch, and the preview said so before anything was written', async () => {
    const { core, ids, label } = await project();
    const input = { search: { query: '蔡奇' }, hits: 'all' as const, labelId: label('PERSON') };
    const before = spansTable(core);
    const preview = await core.call('search:labelPreview', input);
    expect(preview).toEqual({ create: 3, alreadyLabelled: 0, conflicts: [], conflictCount: 0 });
    expect(spansTable(core)).toEqual(before);

    const result = await core.call('search:labelAll', input);
    expect(result).toMatchObject({ create: 3, alreadyLabelled: 0, conflictCount: 0, documents: 2 });
    const spans = await core.call('annotations:list', { documentId: ids[0] });
    expect(spans.map((s) => [s.start, s.end, s.labelId, s.origin])).toEqual([
      [0, 2, label('PERSON'), 'manual'],
      [TEXTS[0].lastIndexOf('蔡奇'), TEXTS[0].lastIndexOf('蔡奇') + 2, label('PERSON'), 'manual'],
    ]);
    // A to-do document's first span makes it in progress, as a span made in the reader does.
    const statuses = (await core.call('documents:list', {})).items.map((d) => [d.id, d.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        [ids[0], 'in_progress'],
        [ids[1], 'in_progress'],
        [ids[2], 'todo'],
      ]),
    );
  });

  it('skips hits that already carry the label, creates where another label is, and lists hits that would cut a span', async () => {
    const { core, ids, label } = await project();
    // 蔡奇 at the start of doc0 is PERSON already; the second 蔡奇 is inside a longer span (nested: fine);
    // in doc1 a span 书记蔡 cuts the hit 蔡奇.
    await core.call('annotations:create', { documentId: ids[0], ...at(TEXTS[0], '蔡奇'), labelId: label('PERSON') });
    await core.call('annotations:create', { documentId: ids[0], ...at(TEXTS[0], '蔡奇指出'), labelId: label('SLOGAN') });
    await core.call('annotations:create', { documentId: ids[1], ...at(TEXTS[1], '书记蔡'), labelId: label('PROJECT') });
    const input = { search: { query: '蔡奇' }, hits: 'all' as const, labelId: label('PERSON') };
    const preview = await core.call('search:labelPreview', input);
    expect(preview).toMatchObject({ create: 1, alreadyLabelled: 1, conflictCount: 1 });
    expect(preview.conflicts).toHaveLength(1);
    expect(preview.conflicts[0]).toMatchObject({ documentId: ids[1], ...at(TEXTS[1], '蔡奇'), text: '蔡奇', title: 'doc1' });
    expect(preview.conflicts[0].spans.map((s) => [s.start, s.end])).toEqual([[at(TEXTS[1], '书记蔡').start, at(TEXTS[1], '书记蔡').end]]);

    const result = await core.call('search:labelAll', input);
    expect(result).toMatchObject({ create: 1, alreadyLabelled: 1, conflictCount: 1, documents: 1 });
    expect((await core.call('annotations:list', { documentId: ids[1] })).map((s) => s.labelId)).toEqual([label('PROJECT')]);
    // Labelling again finds everything done.
    expect(await core.call('search:labelPreview', input)).toMatchObject({ create: 0, alreadyLabelled: 2, conflictCount: 1 });
  });

  it("another coder's spans neither skip nor conflict: they are that coder's layer", async () => {
    const { core, ids, label } = await project();
    await core.call('annotations:create', { documentId: ids[1], ...at(TEXTS[1], '书记蔡'), labelId: label('PROJECT') });
    await core.call('annotations:create', { documentId: ids[1], ...at(TEXTS[1], '蔡奇'), labelId: label('PERSON') });
    await core.call('projects:setAnnotator', { name: '李' });
    const preview = await core.call('search:labelPreview', { search: { query: '蔡奇' }, hits: 'all', labelId: label('PERSON') });
    expect(preview).toMatchObject({ create: 3, alreadyLabelled: 0, conflictCount: 0 });
  });

  it('labels only the checked hits, and two checked hits that cut each other give one span and one conflict', async () => {
    const { core, ids, label } = await project();
    const second = TEXTS[0].lastIndexOf('两个维护');
    const checked = [
      { documentId: ids[0], ...at(TEXTS[0], '两个维护', second) },
      { documentId: ids[0], ...at(TEXTS[0], '维护是根本') },
      { documentId: ids[0], ...at(TEXTS[0], '两个维护', second) },
    ];
    const input = { search: { query: '两个维护' }, hits: checked, labelId: label('SLOGAN') };
    expect(await core.call('search:labelPreview', input)).toMatchObject({ create: 1, alreadyLabelled: 1, conflictCount: 1 });
    const result = await core.call('search:labelAll', input);
    expect(result.create).toBe(1);
    expect((await core.call('annotations:list', { documentId: ids[0] })).map((s) => [s.start, s.end])).toEqual([[checked[0].start, checked[0].end]]);
  });

  it('refuses bad checked hits with a message naming the hit, writing nothing', async () => {
    const { core, ids, label } = await project();
    const before = spansTable(core);
    const outside = await core.registry.dispatch('search:labelAll', {
      search: { query: '蔡奇' },
      hits: [
        { documentId: ids[0], start: 0, end: 2 },
        { documentId: ids[0], start: 5, end: 500 },
      ],
      labelId: label('PERSON'),
    });
    expect(outside).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^hits\[1\]/) } });
    const missing = await core.registry.dispatch('search:labelAll', {
      search: { query: '蔡奇' },
      hits: [{ documentId: 9999, start: 0, end: 2 }],
      labelId: label('PERSON'),
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/hits\[0\].*9999/) } });
    const noLabel = await core.registry.dispatch('search:labelAll', { search: { query: '蔡奇' }, hits: 'all', labelId: 777 });
    expect(noLabel).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Label 777/) } });
    expect(spansTable(core)).toEqual(before);
  });
});

describe('search:undoLabelAll and search:redoLabelAll', () => {
  it('one undo removes the whole batch and a redo puts it back with the same ids', async () => {
    const { core, label } = await project();
    const before = spansTable(core);
    const result = await core.call('search:labelAll', { search: { query: '蔡奇' }, hits: 'all', labelId: label('PERSON') });
    const after = spansTable(core);
    expect(after).toHaveLength(3);
    expect(await core.call('search:undoLabelAll', { batchId: result.batchId })).toMatchObject({ removed: 3, leftAlone: 0 });
    expect(spansTable(core)).toEqual(before);
    expect(await core.call('search:redoLabelAll', { batchId: result.batchId })).toMatchObject({ created: 3 });
    expect(spansTable(core)).toEqual(after);
    // Twice the same way is refused: there is nothing to redo, and an unknown batch is not found.
    expect(await core.registry.dispatch('search:redoLabelAll', { batchId: result.batchId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.registry.dispatch('search:undoLabelAll', { batchId: 4242 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("the reader's history:undo in one document undoes that document's part as one step, and redo brings it back", async () => {
    const { core, ids, label } = await project();
    await core.call('annotations:create', { documentId: ids[0], ...at(TEXTS[0], '两个维护'), labelId: label('SLOGAN') });
    const result = await core.call('search:labelAll', { search: { query: '蔡奇' }, hits: 'all', labelId: label('PERSON') });
    const step = await core.call('history:undo', { documentId: ids[0] });
    expect(step?.deletedIds).toHaveLength(2);
    expect((await core.call('annotations:list', { documentId: ids[0] })).map((s) => s.labelId)).toEqual([label('SLOGAN')]);
    expect(await core.call('annotations:list', { documentId: ids[1] })).toHaveLength(1);
    const redone = await core.call('history:redo', { documentId: ids[0] });
    expect(redone?.upserted.map((s) => s.id).sort()).toEqual(step?.deletedIds.slice().sort());
    // Undo past the batch reaches the span made before it.
    await core.call('history:undo', { documentId: ids[0] });
    await core.call('history:undo', { documentId: ids[0] });
    expect(await core.call('annotations:list', { documentId: ids[0] })).toEqual([]);
    // The batch's undo then has only doc1's span left to remove.
    expect(await core.call('search:undoLabelAll', { batchId: result.batchId })).toMatchObject({ removed: 1, documentIds: [ids[1]] });
  });

  it('leaves alone the spans edited since, removes the rest, and never a span the batch did not create', async () => {
    const { core, ids, label } = await project();
    const result = await core.call('search:labelAll', { search: { query: '蔡奇' }, hits: 'all', labelId: label('PERSON') });
    const [first, second] = await core.call('annotations:list', { documentId: ids[0] });
    await core.call('annotations:update', { id: first.id, labelId: label('SLOGAN') });
    await core.call('annotations:update', { id: second.id, reviewState: 'accepted' });
    const other = await core.call('annotations:create', { documentId: ids[0], ...at(TEXTS[0], '两个维护'), labelId: label('SLOGAN') });
    expect(await core.call('search:undoLabelAll', { batchId: result.batchId })).toMatchObject({ removed: 1, leftAlone: 2 });
    expect((await core.call('annotations:list', { documentId: ids[0] })).map((s) => s.id).sort()).toEqual([first.id, second.id, other.id].sort());
    expect(await core.call('annotations:list', { documentId: ids[1] })).toEqual([]);
    // doc1's part still ended its history: the batch's undo was that document's undo step.
    expect(await core.call('history:state', { documentId: ids[1] })).toMatchObject({ canRedo: true, canUndo: false });
    expect(await core.call('search:redoLabelAll', { batchId: result.batchId })).toMatchObject({ created: 1, documentIds: [ids[1]] });
  });

  it("where a document's history moved on, the undo logs its removals as one step of that document", async () => {
    const { core, ids, label } = await project();
    const result = await core.call('search:labelAll', { search: { query: '蔡奇' }, hits: 'all', labelId: label('PERSON') });
    const batchSpans = (await core.call('annotations:list', { documentId: ids[0] })).map((s) => s.id);
    const later = await core.call('annotations:create', { documentId: ids[0], ...at(TEXTS[0], '两个维护'), labelId: label('SLOGAN') });
    expect(await core.call('search:undoLabelAll', { batchId: result.batchId })).toMatchObject({ removed: 3, leftAlone: 0 });
    expect((await core.call('annotations:list', { documentId: ids[0] })).map((s) => s.id)).toEqual([later.id]);
    // Ctrl+Z in the reader takes the removal back in one step, under the same ids.
    const step = await core.call('history:undo', { documentId: ids[0] });
    expect(step?.upserted.map((s) => s.id).sort()).toEqual(batchSpans.slice().sort());
    // The batch's redo then finds doc0's spans there already and adds only doc1's: never two of one span.
    expect(await core.call('search:redoLabelAll', { batchId: result.batchId })).toMatchObject({ created: 1, documentIds: [ids[1]] });
    expect(await core.call('annotations:list', { documentId: ids[0] })).toHaveLength(3);
  });

  it('Ctrl+F in one document: label all hits of that document only, one undo step there', async () => {
    const { core, ids, label } = await project();
    const result = await core.call('search:labelAll', { search: { query: '蔡奇', scope: { documentIds: [ids[0]] } }, hits: 'all', labelId: label('PERSON') });
    expect(result).toMatchObject({ create: 2, documents: 1 });
    expect(await core.call('annotations:list', { documentId: ids[1] })).toEqual([]);
    expect(await core.call('history:state', { documentId: ids[0] })).toMatchObject({ canUndo: true, undoKind: 'create' });
    expect((await core.call('history:undo', { documentId: ids[0] }))?.deletedIds).toHaveLength(2);
    expect(await core.call('history:state', { documentId: ids[0] })).toMatchObject({ canUndo: false, canRedo: true });
  });

  it('10,000 hits in 500 documents: one batch, one undo, one redo (the bench times this size)', async () => {
    const core = testCore();
    cores.push(core);
    const db = core.session.requireDb();
    const text = '坚持“两个维护”，'.repeat(20);
    db.transaction(() => {
      for (let i = 0; i < 500; i++) addDocument(core, `${text}${i}`, `d${i}`);
    })();
    const slogan = (await core.call('labels:list', {})).find((l) => l.key === 'SLOGAN')!.id;
    const result = await core.call('search:labelAll', { search: { query: '两个维护' }, hits: 'all', labelId: slogan });
    expect(result).toMatchObject({ create: 10_000, documents: 500, conflictCount: 0 });
    const count = () => db.prepare('SELECT COUNT(*) FROM annotations').pluck().get();
    const spanCounts = () => db.prepare('SELECT SUM(span_count) FROM documents').pluck().get();
    expect([count(), spanCounts()]).toEqual([10_000, 10_000]);
    expect(await core.call('search:undoLabelAll', { batchId: result.batchId })).toMatchObject({ removed: 10_000 });
    expect([count(), spanCounts()]).toEqual([0, 0]);
    expect(await core.call('search:redoLabelAll', { batchId: result.batchId })).toMatchObject({ created: 10_000 });
    expect([count(), spanCounts()]).toEqual([10_000, 10_000]);
  });
});
