// An undo or redo says what it undid in words the UI can translate: the kind of change and the
// span's text, not an English sentence.
import { afterEach, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore | null = null;
afterEach(() => core?.dispose());

it('names the kind of change and the text of the span it touched', async () => {
  core = testCore();
  const text = '区委书记张延昆到温榆河公园调研。';
  const documentId = addDocument(core, text);
  const [person, project] = await core.call('labels:list', {});
  const span = await core.call('annotations:create', { documentId, start: 4, end: 7, labelId: person.id });
  await core.call('annotations:update', { id: span.id, end: 6 });
  await core.call('annotations:update', { id: span.id, labelId: project.id });
  expect(await core.call('history:state', { documentId })).toMatchObject({ undoKind: 'relabel', redoKind: null });
  expect(await core.call('history:undo', { documentId })).toMatchObject({ kind: 'relabel', spanText: '张延', undoKind: 'resize', redoKind: 'relabel' });
  expect(await core.call('history:undo', { documentId })).toMatchObject({ kind: 'resize', spanText: '张延昆' });
  expect(await core.call('history:undo', { documentId })).toMatchObject({ kind: 'create', spanText: '张延昆' });
  expect(await core.call('history:redo', { documentId })).toMatchObject({ kind: 'create', spanText: '张延昆' });
});
