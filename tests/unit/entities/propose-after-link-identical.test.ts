// A proposal after "link all identical" (#23): the identical-mention search once plucked a cached
// statement that getDocumentText shares, so every later read of a document's text came back empty
// and entities:propose failed ("Cannot read properties of null").
import { afterEach, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

it('proposes 蔡奇 with the title kept for 市委书记蔡奇 after the identical mentions were linked', async () => {
  core = testCore();
  const a = '市委书记蔡奇到朝阳区调研。蔡奇提出要求。';
  const b = '随后蔡奇主持召开座谈会。';
  const docA = addDocument(core, a, 'a');
  const docB = addDocument(core, b, 'b');
  const person = (await core.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
  const titled = await core.call('annotations:create', { documentId: docA, start: 0, end: 6, labelId: person });
  const cai = await core.call('annotations:create', { documentId: docA, start: a.indexOf('蔡奇', 6), end: a.indexOf('蔡奇', 6) + 2, labelId: person });
  await core.call('annotations:create', { documentId: docB, start: b.indexOf('蔡奇'), end: b.indexOf('蔡奇') + 2, labelId: person });
  const { entity } = await core.call('entities:create', { labelId: person, name: '蔡奇', annotationIds: [cai.id] });
  expect((await core.call('entities:linkIdentical', { annotationId: cai.id })).linked).toBe(1);
  const proposal = await core.call('entities:propose', { annotationId: titled.id });
  expect(proposal).toMatchObject({ text: '市委书记蔡奇', name: '蔡奇', role: '市委书记' });
  expect(proposal.candidates.map((c) => [c.entity.id, c.role])).toEqual([[entity.id, '市委书记']]);
});
