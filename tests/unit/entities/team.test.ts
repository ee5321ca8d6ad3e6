// Team work keeps entities and relations (#23): a hand-out file carries the project's entity table
// and relation types; merging a coder file brings the coder's links and relations onto the merged
// spans, recognises the project's entities, adds the coder's new ones, and never replaces a project link.
import { afterEach, expect, test } from 'vitest';
import { cores, disposeCores, label, openCoderFile, project, teamDir, textOf } from '../coders/team';

afterEach(disposeCores);

const spanId = async (core: ReturnType<typeof project>, documentId: number, mention: string) => {
  const text = textOf(documentId);
  return (await core.call('annotations:list', { documentId })).find((a) => text.slice(a.start, a.end) === mention)!.id;
};

test('hand-out carries entities and relation types; merge brings back links, new entities and relations', async () => {
  const main = project(2);
  const person = (await main.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
  const wang = (await main.call('entities:create', { labelId: person, name: '王明远', fields: { role: '区委书记' } })).entity;
  await main.call('relationTypes:create', { key: '视察', fromLabelKey: 'PERSON', toLabelKey: 'PROJECT' });
  // The project's own mention of him (document 2): the hand-out holds no spans, so none there.
  await label(main, 2, '王明远', 'PERSON');
  await main.call('entities:link', { annotationIds: [await spanId(main, 2, '王明远')], entityId: wang.id });
  const handout = await main.call('coders:handout', { annotators: ['王'], overlap: 0, seed: 1, outPath: 'team/{annotator}.biaozhu' });
  expect(handout.files[0].path).toBe(teamDir(main, '王.biaozhu'));

  const coder = openCoderFile(handout.files[0].path);
  expect((await coder.call('entities:list', {})).entities.map((e) => [e.id, e.name, e.mentions])).toEqual([[wang.id, '王明远', 0]]);
  expect((await coder.call('relationTypes:list', {})).map((t) => t.key)).toContain('视察');
  await label(coder, 1, '区委书记王明远', 'PERSON');
  await label(coder, 1, '李华', 'PERSON');
  await label(coder, 1, '“智慧社区”', 'PROJECT');
  const coderWang = await spanId(coder, 1, '区委书记王明远');
  const coderLi = await spanId(coder, 1, '李华');
  await coder.call('entities:link', { annotationIds: [coderWang], entityId: wang.id, role: '区委书记' });
  await coder.call('entities:create', { labelId: person, name: '李华', annotationIds: [coderLi] });
  await coder.call('relations:create', { documentId: 1, typeKey: '视察', fromId: coderWang, toId: await spanId(coder, 1, '“智慧社区”') });
  await coder.call('relations:create', { documentId: 1, typeKey: '调研', fromId: coderLi, toId: await spanId(coder, 1, '“智慧社区”') });
  coder.session.close();
  cores.splice(cores.indexOf(coder), 1);
  coder.dispose();

  const report = await main.call('coders:merge', { paths: [handout.files[0].path] });
  expect(report.coders[0].entities).toEqual({
    entitiesCreated: 1,
    linksAdded: 2,
    linksKept: 0,
    relationsAdded: 2,
    relationsAlreadyPresent: 0,
    relationsSkipped: 0,
    relationTypesAdded: [],
  });
  const list = await main.call('entities:list', { sort: 'name', direction: 'asc' });
  expect(list.entities.map((e) => [e.name, e.mentions])).toEqual([
    ['李华', 1],
    ['王明远', 2],
  ]);
  expect((await main.call('entities:get', { id: wang.id })).mentionList.map((m) => [m.text, m.role])).toEqual([
    ['区委书记王明远', '区委书记'],
    ['王明远', ''],
  ]);
  expect((await main.call('relations:forDocument', { documentId: 1 })).map((r) => r.typeKey)).toEqual(['视察', '调研']);

  // Merging again adds nothing and doubles nothing.
  const again = await main.call('coders:merge', { paths: [handout.files[0].path] });
  expect(again.coders[0].entities).toMatchObject({ entitiesCreated: 0, linksAdded: 0, relationsAdded: 0, relationsAlreadyPresent: 2 });
  expect((await main.call('entities:list', {})).total).toBe(2);
});
