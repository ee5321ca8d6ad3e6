// Deleting a label that only the undo history still mentions used to break that document's undo
// for good (FOREIGN KEY constraint failed, while history:state still offered an undo).
import { afterEach, describe, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

describe('deleting a label the history still mentions', () => {
  it('forgets the history that would bring its spans back, and undo keeps working', async () => {
    core = testCore();
    const documentId = addDocument(core, '区委书记张延昆到温榆河公园调研。');
    const [person] = await core.call('labels:list', {});
    const org = await core.call('labels:create', { key: 'ORG', nameZh: '机构', nameEn: 'Organization', color: '#123456', hotkey: 'o', attributes: [] });
    await core.call('annotations:create', { documentId, start: 4, end: 7, labelId: person.id });
    const gone = await core.call('annotations:create', { documentId, start: 0, end: 2, labelId: org.id });
    await core.call('annotations:delete', { id: gone.id });
    await core.call('annotations:create', { documentId, start: 8, end: 13, labelId: person.id });
    await core.call('history:undo', { documentId }); // the last create is on the redo branch now

    await core.call('labels:delete', { id: org.id });
    expect(await core.call('history:state', { documentId })).toMatchObject({ canUndo: false, canRedo: false });
    expect(await core.call('history:undo', { documentId })).toBeNull();
    // Work after the deletion is undoable as usual.
    const later = await core.call('annotations:create', { documentId, start: 8, end: 13, labelId: person.id });
    const step = await core.call('history:undo', { documentId });
    expect(step?.deletedIds).toEqual([later.id]);
    expect((await core.call('annotations:list', { documentId })).map((a) => a.start)).toEqual([4]);
  });

  it('keeps the history of other documents and of changes after the label’s last mention', async () => {
    core = testCore();
    const first = addDocument(core, '区委书记张延昆到温榆河公园调研。', 'a');
    const second = addDocument(core, '区长李华参加会议。', 'b');
    const [person] = await core.call('labels:list', {});
    const org = await core.call('labels:create', { key: 'ORG', nameZh: '机构', nameEn: 'Organization', color: '#123456', hotkey: 'o', attributes: [] });
    const gone = await core.call('annotations:create', { documentId: first, start: 0, end: 2, labelId: org.id });
    await core.call('annotations:delete', { id: gone.id });
    await core.call('annotations:create', { documentId: first, start: 4, end: 7, labelId: person.id });
    await core.call('annotations:create', { documentId: second, start: 2, end: 4, labelId: person.id });

    await core.call('labels:delete', { id: org.id });
    expect((await core.call('history:undo', { documentId: first }))?.deletedIds).toHaveLength(1);
    expect(await core.call('history:undo', { documentId: first })).toBeNull();
    expect((await core.call('history:undo', { documentId: second }))?.deletedIds).toHaveLength(1);
  });
});
