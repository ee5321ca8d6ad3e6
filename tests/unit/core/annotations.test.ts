import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

const TEXT = '市委书记蔡奇到𠮷祥村调研“四个意识”落实情况，\n要求建设温榆河公园。';

async function setup() {
  core = testCore();
  const documentId = addDocument(core, TEXT);
  const labels = await core.call('labels:list', {});
  const id = (key: string) => labels.find((l) => l.key === key)!.id;
  return { documentId, person: id('PERSON'), slogan: id('SLOGAN'), project: id('PROJECT') };
}

const spans = (list: Annotation[]) => list.map((a) => [a.start, a.end, a.labelId]).sort();

describe('annotations through the API on a real project file', () => {
  it('creates the four default labels with hotkeys 1-4', async () => {
    core = testCore();
    const labels = await core.call('labels:list', {});
    expect(labels.map((l) => [l.key, l.nameZh, l.hotkey])).toEqual([
      ['PERSON', '人物', '1'],
      ['SLOGAN', '口号', '2'],
      ['PROJECT', '项目', '3'],
      ['TARGET', '目标', '4'],
    ]);
  });

  it('stores overlapping and nested spans and marks the document in progress', async () => {
    const { documentId, person, slogan } = await setup();
    await core.call('annotations:create', { documentId, start: 0, end: 6, labelId: person });
    await core.call('annotations:create', { documentId, start: 4, end: 6, labelId: person });
    await core.call('annotations:create', { documentId, start: TEXT.indexOf('“'), end: TEXT.indexOf('”') + 1, labelId: slogan });
    const list = await core.call('annotations:list', { documentId });
    expect(list.map((a) => TEXT.slice(a.start, a.end))).toEqual(['市委书记蔡奇', '蔡奇', '“四个意识”']);
    const doc = await core.call('documents:get', { id: documentId });
    expect(doc.status).toBe('in_progress');
    expect(doc.spanCount).toBe(3);
  });

  it('refuses offsets that are out of range or split a surrogate pair, saying why', async () => {
    const { documentId, person } = await setup();
    const astral = TEXT.indexOf('𠮷');
    await expect(core.call('annotations:create', { documentId, start: astral + 1, end: astral + 3, labelId: person })).rejects.toThrow(/surrogate pair/);
    await expect(core.call('annotations:create', { documentId, start: 3, end: 3, labelId: person })).rejects.toThrow(/greater than start/);
    await expect(core.call('annotations:create', { documentId, start: 0, end: TEXT.length + 1, labelId: person })).rejects.toThrow(/past the end/);
    await expect(core.call('annotations:create', { documentId, start: -1, end: 2, labelId: person })).rejects.toThrow(/Invalid annotations:create request/);
    await expect(core.call('annotations:create', { documentId: 999, start: 0, end: 2, labelId: person })).rejects.toThrow(/does not exist/);
    expect(await core.call('annotations:list', { documentId })).toEqual([]);
  });

  it('undoes and redoes create, relabel, resize, attributes and delete — also after reopening the project', async () => {
    const { documentId, person, project } = await setup();
    const a = await core.call('annotations:create', { documentId, start: 4, end: 6, labelId: person });
    await core.call('annotations:update', { id: a.id, labelId: project });
    await core.call('annotations:update', { id: a.id, start: 0 });
    await core.call('annotations:update', { id: a.id, attributes: { role: '市委书记' } });
    const b = await core.call('annotations:create', { documentId, start: 30, end: 35, labelId: project });
    await core.call('annotations:delete', { id: b.id });

    // Close and reopen: the history lives in the project file.
    core.session.close();
    core.session.open(core.projectPath);
    expect((await core.call('history:state', { documentId })).undoLabel).toBe('delete span');

    const undoDelete = await core.call('history:undo', { documentId });
    expect(undoDelete!.upserted.map((x) => x.id)).toEqual([b.id]);
    await core.call('history:undo', { documentId }); // create b
    await core.call('history:undo', { documentId }); // attributes
    let current = (await core.call('annotations:list', { documentId }))[0];
    expect(current.attributes).toEqual({});
    expect([current.start, current.end, current.labelId]).toEqual([0, 6, project]);
    await core.call('history:undo', { documentId }); // resize
    await core.call('history:undo', { documentId }); // relabel
    current = (await core.call('annotations:list', { documentId }))[0];
    expect([current.start, current.end, current.labelId]).toEqual([4, 6, person]);
    const undoCreate = await core.call('history:undo', { documentId });
    expect(undoCreate!.deletedIds).toEqual([a.id]);
    expect(undoCreate!.canUndo).toBe(false);
    expect(await core.call('history:undo', { documentId })).toBeNull();

    for (let i = 0; i < 6; i++) await core.call('history:redo', { documentId });
    const redone = await core.call('annotations:list', { documentId });
    expect(redone.map((x) => [x.id, x.start, x.end, x.labelId, x.attributes])).toEqual([[a.id, 0, 6, project, { role: '市委书记' }]]);
    expect((await core.call('history:state', { documentId })).canRedo).toBe(false);
  });

  it('forgets the redo branch when a new change is made after undo', async () => {
    const { documentId, person } = await setup();
    await core.call('annotations:create', { documentId, start: 4, end: 6, labelId: person });
    await core.call('history:undo', { documentId });
    await core.call('annotations:create', { documentId, start: 0, end: 2, labelId: person });
    expect((await core.call('history:state', { documentId })).canRedo).toBe(false);
    expect(await core.call('history:redo', { documentId })).toBeNull();
  });

  it('property: any sequence of edits undone fully leaves no spans, and redone fully restores the same spans', async () => {
    const { documentId, person, slogan, project } = await setup();
    const labelIds = [person, slogan, project];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), start: fc.nat(TEXT.length - 1), len: fc.integer({ min: 1, max: 8 }), label: fc.nat(2) }),
      fc.record({ kind: fc.constant('relabel' as const), pick: fc.nat(), label: fc.nat(2) }),
      fc.record({ kind: fc.constant('resize' as const), pick: fc.nat(), grow: fc.boolean() }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const db = core.session.requireDb();
        db.exec('DELETE FROM annotations; DELETE FROM operations; UPDATE documents SET span_count = 0;');
        for (const o of ops) {
          const list = await core.call('annotations:list', { documentId });
          const target = list.length ? list[(o as { pick?: number }).pick! % list.length] : null;
          const attempt = async () => {
            if (o.kind === 'create')
              await core.call('annotations:create', { documentId, start: o.start, end: Math.min(TEXT.length, o.start + o.len), labelId: labelIds[o.label] });
            else if (o.kind === 'relabel' && target) await core.call('annotations:update', { id: target.id, labelId: labelIds[o.label] });
            else if (o.kind === 'resize' && target) await core.call('annotations:update', { id: target.id, end: target.end + (o.grow ? 1 : -1) });
            else if (o.kind === 'delete' && target) await core.call('annotations:delete', { id: target.id });
          };
          await attempt().catch((e: { code?: string }) => {
            // Invalid offsets, and a change that would make two of one span, are refused, never stored.
            if (e.code !== 'invalid_input' && e.code !== 'conflict') throw e;
          });
        }
        const final = spans(await core.call('annotations:list', { documentId }));
        const spanCount = async () => (await core.call('documents:get', { id: documentId })).spanCount;
        expect(await spanCount()).toBe(final.length);
        while (await core.call('history:undo', { documentId }));
        expect(await core.call('annotations:list', { documentId })).toEqual([]);
        expect(await spanCount()).toBe(0);
        while (await core.call('history:redo', { documentId }));
        expect(spans(await core.call('annotations:list', { documentId }))).toEqual(final);
        expect(await spanCount()).toBe(final.length);
      }),
      { numRuns: 40 },
    );
  });
});
