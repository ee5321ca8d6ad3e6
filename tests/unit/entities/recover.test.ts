// Recovery (db/recover.ts) carries entities, aliases, links, relation types and relations (#23); rows
// whose parents were lost go (counted), and a span whose entity was lost comes back unlinked.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { recoverProject } from '../../../electron/services/db/recover';
import { addDocument, testCore, type TestCore } from '../helpers';

const TEXT = '市委书记蔡奇提出“四个意识”，殷勇调研城市副中心。';
let core: TestCore;
let recovered: TestCore | undefined;
afterEach(() => {
  recovered?.dispose();
  recovered = undefined;
  core.dispose();
});

async function seeded() {
  core = testCore();
  const documentId = addDocument(core, TEXT);
  const labels = await core.call('labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  const span = async (text: string, key: string) =>
    (await core.call('annotations:create', { documentId, start: TEXT.indexOf(text), end: TEXT.indexOf(text) + text.length, labelId: label(key) })).id;
  const cai = await span('市委书记蔡奇', 'PERSON');
  const yin = await span('殷勇', 'PERSON');
  const slogan = await span('“四个意识”', 'SLOGAN');
  const project = await span('城市副中心', 'PROJECT');
  const caiEntity = (
    await core.call('entities:create', { labelId: label('PERSON'), name: '蔡奇', aliases: ['蔡奇同志'], annotationIds: [cai], role: '市委书记' })
  ).entity;
  const yinEntity = (await core.call('entities:create', { labelId: label('PERSON'), name: '殷勇', annotationIds: [yin] })).entity;
  await core.call('relations:create', { documentId, typeKey: '提出', fromId: cai, toId: slogan });
  await core.call('relations:create', { documentId, typeKey: '调研', fromId: yin, toId: project });
  await core.call('relationTypes:create', { key: '出席', fromLabelKey: 'PERSON', toLabelKey: 'PROJECT' });
  return { documentId, cai, yin, caiEntity, yinEntity };
}

async function openRecovered(): Promise<{ report: ReturnType<typeof recoverProject>; documentId: number }> {
  const out = join(core.dir, 'recovered.biaozhu');
  const report = recoverProject(core.projectPath, out);
  recovered = testCore({ create: false });
  await recovered.call('projects:open', { path: out });
  return { report, documentId: 1 };
}

test('a recovered project keeps its entities, aliases, links, relation types and relations', async () => {
  const s = await seeded();
  const before = await core.call('entities:list', { sort: 'name' });
  const relationsBefore = await core.call('relations:forDocument', { documentId: s.documentId });
  core.session.close();
  const { report } = await openRecovered();
  expect(report.tables.filter((t) => t.lost > 0)).toEqual([]);
  expect(report.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['entities', 'entity_aliases', 'relation_types', 'relations']));
  expect(await recovered!.call('entities:list', { sort: 'name' })).toEqual(before);
  expect(await recovered!.call('relations:forDocument', { documentId: s.documentId })).toEqual(relationsBefore);
  expect((await recovered!.call('relationTypes:list', {})).map((t) => t.key)).toEqual(['提出', '调研', '部署', '属于', '出席']);
});

test('links to a lost entity and relations to a lost span go, counted; the rest is consistent', async () => {
  const s = await seeded();
  core.session.close();
  // Lose rows as a damaged page would: without the cascades.
  const raw = new Database(core.projectPath);
  raw.pragma('foreign_keys = OFF');
  raw.prepare('DELETE FROM entities WHERE id = ?').run(s.yinEntity.id);
  raw.prepare('DELETE FROM annotations WHERE id = ?').run(s.cai);
  raw.close();
  const { report } = await openRecovered();
  expect(report.tables.find((t) => t.table === 'relations')).toMatchObject({ copied: 1, lost: 1 });
  expect(report.tables.find((t) => t.table === 'entity_aliases')).toMatchObject({ lost: 0 });
  const db = recovered!.session.requireDb();
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const spans = await recovered!.call('annotations:list', { documentId: s.documentId });
  expect(spans.find((a) => a.id === s.yin)!.entityId).toBeUndefined();
  expect((await recovered!.call('relations:forDocument', { documentId: s.documentId })).map((r) => r.typeKey)).toEqual(['调研']);
  expect((await recovered!.call('entities:list', {})).entities.map((e) => [e.name, e.mentions])).toEqual([['蔡奇', 0]]);
});
