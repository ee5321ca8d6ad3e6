// A document's note edit is a step of the document's undo history, like a span's note: undo takes
// it back (and names it), redo puts it again, and it interleaves with span edits in order.
import { afterEach, describe, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

const note = async (id: number) => (await core.call('documents:get', { id })).note;

describe('document note undo', () => {
  it('undoes and redoes note edits in order with span edits, each named by its kind', async () => {
    core = testCore();
    const id = addDocument(core, '区委书记王明远到回龙观社区调研。');
    const [person] = await core.call('labels:list', {});
    await core.call('documents:update', { id, note: '初稿' });
    await core.call('annotations:create', { documentId: id, start: 4, end: 7, labelId: person.id });
    await core.call('documents:update', { id, note: '待复核' });
    expect(await core.call('history:state', { documentId: id })).toMatchObject({ canUndo: true, undoKind: 'document_note' });

    const first = await core.call('history:undo', { documentId: id });
    expect(first).toMatchObject({
      kind: 'document_note',
      spanText: '',
      documentNote: '初稿',
      upserted: [],
      deletedIds: [],
      undoKind: 'create',
      redoKind: 'document_note',
    });
    expect(await note(id)).toBe('初稿');
    expect(await core.call('history:undo', { documentId: id })).toMatchObject({ kind: 'create', spanText: '王明远' });
    expect(await core.call('history:undo', { documentId: id })).toMatchObject({ kind: 'document_note', documentNote: '', canUndo: false });
    expect(await note(id)).toBe('');

    expect(await core.call('history:redo', { documentId: id })).toMatchObject({ kind: 'document_note', documentNote: '初稿' });
    expect(await core.call('history:redo', { documentId: id })).toMatchObject({ kind: 'create' });
    expect(await core.call('history:redo', { documentId: id })).toMatchObject({ kind: 'document_note', documentNote: '待复核', canRedo: false });
    expect(await note(id)).toBe('待复核');
  });

  it('records nothing for an unchanged note or a status or metadata edit, and a new edit drops the redo branch', async () => {
    core = testCore();
    const id = addDocument(core, '区委书记王明远到回龙观社区调研。');
    await core.call('documents:update', { id, note: '' });
    await core.call('documents:update', { id, status: 'done', metadata: { title: '调研' } });
    expect(await core.call('history:state', { documentId: id })).toMatchObject({ canUndo: false });

    await core.call('documents:update', { id, note: '甲' });
    await core.call('documents:update', { id, note: '甲' });
    await core.call('history:undo', { documentId: id });
    expect(await core.call('history:state', { documentId: id })).toMatchObject({ canUndo: false, canRedo: true });
    await core.call('documents:update', { id, note: '乙' });
    expect(await core.call('history:state', { documentId: id })).toMatchObject({ canUndo: true, canRedo: false });
    expect((await core.call('documents:get', { id })).status).toBe('done');
  });
});
