// annotations:create answers with everything the editor shows after a label key (issue #19: one
// round trip): the span, the undo state, and the document's row when its status changed.
import { afterEach, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore | null = null;
afterEach(() => core?.dispose());

it('answers with the span, the undo state and the document row whose status the write changed', async () => {
  core = testCore();
  const documentId = addDocument(core, '区委书记张延昆到温榆河公园调研。');
  const [person, project] = await core.call('labels:list', {});
  expect((await core.call('documents:get', { id: documentId })).status).toBe('todo');

  const first = await core.call('annotations:create', { documentId, start: 4, end: 7, labelId: person.id });
  const [stored] = await core.call('annotations:list', { documentId });
  const { history, document, ...span } = first;
  expect(span).toEqual(stored);
  expect(history).toEqual(await core.call('history:state', { documentId }));
  expect(history).toMatchObject({ canUndo: true, canRedo: false, undoKind: 'create' });
  const row = (await core.call('documents:list', {})).items.find((d) => d.id === documentId);
  expect(document).toEqual(row);
  expect(document).toMatchObject({ status: 'in_progress', spanCount: 1 });

  // The status did not change this time: no row to patch.
  const second = await core.call('annotations:create', { documentId, start: 8, end: 13, labelId: project.id });
  expect(second.document).toBeNull();
  expect(second.history).toEqual(await core.call('history:state', { documentId }));

  // Undone, the next create offers no redo any more, and says so.
  await core.call('history:undo', { documentId });
  const third = await core.call('annotations:create', { documentId, start: 0, end: 2, labelId: project.id });
  expect(third.history).toMatchObject({ canUndo: true, canRedo: false });
});

it('the same span again answers with the existing span and the unchanged undo state', async () => {
  core = testCore();
  const documentId = addDocument(core, '区委书记张延昆到温榆河公园调研。');
  const [person] = await core.call('labels:list', {});
  const first = await core.call('annotations:create', { documentId, start: 4, end: 7, labelId: person.id });
  const again = await core.call('annotations:create', { documentId, start: 4, end: 7, labelId: person.id });
  expect(again.id).toBe(first.id);
  expect(again.document).toBeNull();
  expect(again.history).toEqual(first.history);
});
