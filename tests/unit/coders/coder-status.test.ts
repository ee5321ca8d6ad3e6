// Each coder's status per document (#20): a document carries one status, so the document list reads
// each merged coder's own status from what their file said, next to their span count.
import { afterEach, expect, test } from 'vitest';
import { dataOf, disposeCores, label, openCoderFile, project } from './team';

afterEach(disposeCores);

test('merging two coder files records each coder’s own status per document; merging again changes nothing', async () => {
  const main = project(2);
  const { files } = await main.call('coders:handout', { annotators: ['王', '李'], outPath: 'team/coder.biaozhu', overlap: 1 });
  const [wang, li] = files.map((f) => openCoderFile(f.path));
  const docs = (await wang!.call('documents:list', {})).items;
  expect(docs).toHaveLength(2);
  await label(wang!, docs[0]!.id, '王明远', 'PERSON');
  await wang!.call('documents:update', { id: docs[0]!.id, status: 'done' });
  // 李 marks the second document done without a span (nothing to tag there) and leaves the first to do.
  const liDocs = (await li!.call('documents:list', {})).items;
  await li!.call('documents:update', { id: liDocs[1]!.id, status: 'done' });
  wang!.session.close();
  li!.session.close();

  await main.call('coders:merge', { paths: files.map((f) => f.path) });
  const mainDocs = (await main.call('documents:list', {})).items;
  const ids = mainDocs.map((d) => d.id);
  const rows = await main.call('layers:coderCounts', { documentIds: ids });
  expect(rows).toEqual([
    { documentId: ids[0], annotator: '李', count: 0, status: 'todo' },
    { documentId: ids[0], annotator: '王', count: 1, status: 'done' },
    { documentId: ids[1], annotator: '李', count: 0, status: 'done' },
    { documentId: ids[1], annotator: '王', count: 0, status: 'todo' },
  ]);

  const data = dataOf(main);
  await main.call('coders:merge', { paths: files.map((f) => f.path) });
  expect(dataOf(main)).toBe(data);
});

test('a coder’s status only moves forward: an older file merged after a newer one leaves it', async () => {
  const main = project(1);
  const { files } = await main.call('coders:handout', { annotators: ['王'], outPath: 'team/王.biaozhu' });
  const wang = openCoderFile(files[0]!.path);
  const doc = (await wang.call('documents:list', {})).items[0]!;
  await wang.call('documents:update', { id: doc.id, status: 'done' });
  wang.session.close();
  await main.call('coders:merge', { paths: [files[0]!.path] });

  const again = openCoderFile(files[0]!.path);
  await again.call('documents:update', { id: doc.id, status: 'in_progress' });
  again.session.close();
  await main.call('coders:merge', { paths: [files[0]!.path] });
  const id = (await main.call('documents:list', {})).items[0]!.id;
  expect(await main.call('layers:coderCounts', { documentIds: [id] })).toEqual([{ documentId: id, annotator: '王', count: 0, status: 'done' }]);
});
