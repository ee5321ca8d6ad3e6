// Merging: label schemas that differ are confirmed as a mapping first, documents the project lacks
// are added only when asked, and nothing the project has is replaced.
import { afterEach, expect, test } from 'vitest';
import { insertAnnotation } from '../../../electron/services/db/annotations';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { dataOf, disposeCores, label, openCoderFile, project } from './team';

afterEach(disposeCores);

test('a renamed, a new and a removed label: previewed as a mapping, merged only once confirmed', async () => {
  const main = project(3);
  const { files } = await main.call('coders:handout', { annotators: ['王'], outPath: 'team/王.biaozhu' });
  const coder = openCoderFile(files[0]!.path);
  const labels = await coder.call('labels:list', {});
  await coder.call('labels:update', { id: labels.find((l) => l.key === 'PERSON')!.id, key: 'PER' });
  await coder.call('labels:delete', { id: labels.find((l) => l.key === 'SLOGAN')!.id });
  await coder.call('labels:create', { key: 'ORG', nameZh: '机构', nameEn: 'Organisation', color: '#0b7285', hotkey: 'o', attributes: [] });
  for (const doc of (await coder.call('documents:list', {})).items) {
    await label(coder, doc.id, '王明远', 'PER');
    await label(coder, doc.id, '回龙观', 'ORG');
    await label(coder, doc.id, '“智慧社区”', 'PROJECT');
  }
  coder.session.close();

  const preview = await main.call('coders:mergePreview', { paths: files.map((f) => f.path) });
  expect(preview.labels).toEqual([
    { coderKey: 'PER', kind: 'renamed', suggested: 'PERSON', spans: 3, files: [files[0]!.path] },
    { coderKey: 'ORG', kind: 'new', suggested: null, spans: 3, files: [files[0]!.path] },
    { coderKey: 'PROJECT', kind: 'same', suggested: 'PROJECT', spans: 3, files: [files[0]!.path] },
  ]);
  expect(preview.labelsOnlyInProject).toEqual(['PERSON', 'SLOGAN']);

  const data = dataOf(main);
  const unconfirmed = await main.registry.dispatch('coders:merge', { paths: [files[0]!.path] });
  expect(unconfirmed.ok).toBe(false);
  if (!unconfirmed.ok) expect(unconfirmed.error.message).toMatch(/PER → PERSON\? \(renamed; 3 spans; confirm with --map PER=PERSON\)\n.*ORG \(new; 3 spans/);
  const halfConfirmed = await main.registry.dispatch('coders:merge', { paths: [files[0]!.path], labelMap: { PER: 'PERSON' } });
  expect(halfConfirmed.ok).toBe(false);
  const wrongTarget = await main.registry.dispatch('coders:merge', { paths: [files[0]!.path], labelMap: { PER: 'NOPE' }, acceptNewLabels: true });
  expect(!wrongTarget.ok && wrongTarget.error.message).toMatch(/the project has no label NOPE/);
  const wrongSource = await main.registry.dispatch('coders:merge', {
    paths: [files[0]!.path],
    labelMap: { PER: 'PERSON', PRE: 'PERSON' },
    acceptNewLabels: true,
  });
  expect(!wrongSource.ok && wrongSource.error.message).toMatch(/--map PRE: no coder file has such a label \(theirs: PER, PROJECT, TARGET, ORG\)/);
  expect(dataOf(main)).toBe(data);

  const report = await main.call('coders:merge', { paths: [files[0]!.path], labelMap: { PER: 'PERSON' }, acceptNewLabels: true });
  expect(report.labelsCreated).toEqual(['ORG']);
  expect(report.coders[0]).toMatchObject({ spansAdded: 9, spansAlreadyPresent: 0 });
  const after = await main.call('labels:list', {});
  expect(after.map((l) => l.key)).toEqual(['PERSON', 'SLOGAN', 'PROJECT', 'TARGET', 'ORG']);
  expect(after.find((l) => l.key === 'ORG')).toMatchObject({ nameZh: '机构', hotkey: 'o', color: '#0b7285' });
  const stats = await main.call('projects:stats', {});
  expect(stats.byLabel).toEqual([
    { labelKey: 'PERSON', count: 3 },
    { labelKey: 'SLOGAN', count: 0 },
    { labelKey: 'PROJECT', count: 3 },
    { labelKey: 'TARGET', count: 0 },
    { labelKey: 'ORG', count: 3 },
  ]);
});

test('documents the project lacks are reported, and added with their spans only when asked', async () => {
  const main = project(3);
  const { files } = await main.call('coders:handout', { annotators: ['李'], outPath: 'team/李.biaozhu' });
  const coder = openCoderFile(files[0]!.path);
  for (const doc of (await coder.call('documents:list', {})).items) await label(coder, doc.id, '李华', 'PERSON');
  coder.session.close();
  await main.call('documents:delete', { ids: [2] });
  const paths = [files[0]!.path];

  const preview = await main.call('coders:mergePreview', { paths });
  expect(preview.coders[0]).toMatchObject({ documents: 3, documentsMatched: 2, documentsMissing: [{ title: '文章2' }] });
  const left = await main.call('coders:merge', { paths });
  expect(left.coders[0]).toMatchObject({ documentsMatched: 2, documentsMissing: 1, documentsAdded: 0, spansAdded: 2 });
  expect((await main.call('documents:list', {})).total).toBe(2);
  const added = await main.call('coders:merge', { paths, addMissing: true });
  expect(added.coders[0]).toMatchObject({ documentsAdded: 1, spansAdded: 1, spansAlreadyPresent: 2 });
  const docs = (await main.call('documents:list', {})).items;
  expect(docs.map((d) => [d.title, d.spanCount])).toEqual([
    ['文章1', 1],
    ['文章3', 1],
    ['文章2', 1],
  ]);
  expect((await main.call('documents:get', { id: docs[2]!.id })).text).toContain('第2篇');
});

test('nothing the project has is replaced: a span already there keeps its review, a status never goes back, a note is added to', async () => {
  const main = project(1);
  const { files } = await main.call('coders:handout', { annotators: ['王'], outPath: 'team/王.biaozhu' });
  const coder = openCoderFile(files[0]!.path);
  await label(coder, 1, '王明远', 'PERSON');
  await coder.call('documents:update', { id: 1, status: 'in_progress', note: '王的备注' });
  coder.session.close();

  // Meanwhile the project got the same span by 王, accepted, and the document was reviewed with a note.
  const db = main.session.requireDb();
  const { text } = await main.call('documents:get', { id: 1 });
  const person = (await main.call('labels:list', {})).find((l) => l.key === 'PERSON')!;
  insertAnnotation(db, {
    documentId: 1,
    start: text.indexOf('王明远'),
    end: text.indexOf('王明远') + 3,
    labelId: person.id,
    annotatorId: ensureAnnotator(db, '王'),
    origin: 'manual',
    reviewState: 'accepted',
    attributes: { role: '区委书记' },
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-02T00:00:00.000Z',
  });
  await main.call('documents:update', { id: 1, status: 'reviewed', note: '主项目备注' });

  const report = await main.call('coders:merge', { paths: [files[0]!.path] });
  expect(report.coders[0]).toMatchObject({ spansAdded: 0, spansAlreadyPresent: 1, statusesAdvanced: 0 });
  const [span] = await main.call('annotations:list', { documentId: 1 });
  expect(span).toMatchObject({ reviewState: 'accepted', attributes: { role: '区委书记' }, updatedAt: '2024-01-02T00:00:00.000Z' });
  const doc = await main.call('documents:get', { id: 1 });
  expect(doc.status).toBe('reviewed');
  expect(doc.note).toBe('主项目备注\n\n[王] 王的备注');
  await main.call('coders:merge', { paths: [files[0]!.path] });
  expect((await main.call('documents:get', { id: 1 })).note).toBe('主项目备注\n\n[王] 王的备注');
});

test('a merge backs the project up first, as an import does; a refused merge takes none', async () => {
  const main = project(2);
  const { files } = await main.call('coders:handout', { annotators: ['王'], outPath: 'team/王.biaozhu' });
  const coder = openCoderFile(files[0]!.path);
  await label(coder, 1, '王明远', 'PERSON');
  coder.session.close();
  expect((await main.call('backups:list', {})).backups).toEqual([]);
  expect((await main.registry.dispatch('coders:merge', { paths: [main.projectPath] })).ok).toBe(false);
  expect((await main.call('backups:list', {})).backups).toEqual([]);
  await main.call('coders:merge', { paths: [files[0]!.path] });
  const { backups } = await main.call('backups:list', {});
  expect(backups.map((b) => [b.reason, b.annotationCount])).toEqual([['before-import', 0]]);
});
