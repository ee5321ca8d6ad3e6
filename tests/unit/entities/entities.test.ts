// Entities (#23) through the API on real project files: link, merge, split, rename, propose, link identical.
import { afterEach, describe, expect, it } from 'vitest';
import type { EntityMergeConflict } from '../../../shared/api/entities';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

const TEXTS = ['市委书记蔡奇到通州调研，蔡奇强调“四个意识”。', '蔡奇同志在海淀区调研。殷勇主持会议，殷勇指出要抓落实。', '副市长殷勇到昌平调研，蔡奇出席。'];

async function setup() {
  core = testCore();
  const docs = TEXTS.map((text, i) => addDocument(core, text, `doc${i}`, { date: `2024-0${i + 1}-10` }));
  const labels = await core.call('labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  const span = async (doc: number, text: string, key = 'PERSON', nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = TEXTS[doc].indexOf(text, at + 1);
    return (await core.call('annotations:create', { documentId: docs[doc], start: at, end: at + text.length, labelId: label(key) })).id;
  };
  return { docs, person: label('PERSON'), slogan: label('SLOGAN'), span };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected a failure');
};

describe('entities', () => {
  it('links three mentions of one person across documents; the panel counts them with dates, aliases grow', async () => {
    const { docs, person, span } = await setup();
    const a = await span(0, '市委书记蔡奇');
    const b = await span(1, '蔡奇同志');
    const c = await span(2, '蔡奇');
    const { entity, link } = await core.call('entities:create', { labelId: person, name: '蔡奇', annotationIds: [c] });
    expect(link).toMatchObject({ linked: 1, documentIds: [docs[2]] });
    const linked = await core.call('entities:link', { annotationIds: [a], entityId: entity.id, role: '市委书记' });
    expect(linked.upserted[0]).toMatchObject({ id: a, entityId: entity.id, attributes: { role: '市委书记' } });
    await core.call('entities:link', { annotationIds: [b], entityId: entity.id });
    const page = await core.call('entities:list', {});
    expect(page.total).toBe(1);
    expect(page.entities[0]).toMatchObject({ name: '蔡奇', mentions: 3, documents: 3, firstDate: '2024-01-10', lastDate: '2024-03-10' });
    // 市委书记 was kept as the role, 同志 dropped: both mentions read 蔡奇, which is the name, not an alias.
    expect(page.entities[0].aliases).toEqual([]);
    const detail = await core.call('entities:get', { id: entity.id });
    expect(detail.mentionList.map((m) => [m.text, m.role, m.date])).toEqual([
      ['市委书记蔡奇', '市委书记', '2024-01-10'],
      ['蔡奇同志', '', '2024-02-10'],
      ['蔡奇', '', '2024-03-10'],
    ]);
    const spans = await core.call('annotations:list', { documentId: docs[0] });
    expect(spans[0].entityId).toBe(entity.id);
    // The panel's counts follow a deleted span, a deleted document and an undo.
    await core.call('annotations:delete', { id: b });
    await core.call('documents:delete', { ids: [docs[0]] });
    expect((await core.call('entities:list', {})).entities[0]).toMatchObject({ mentions: 1, documents: 1, firstDate: '2024-03-10' });
    await core.call('history:undo', { documentId: docs[1] });
    expect(await core.call('entities:get', { id: entity.id })).toMatchObject({ mentions: 2, documents: 2, firstDate: '2024-02-10' });
    // …and a document's new date.
    await core.call('documents:update', { id: docs[2], metadata: { date: '2023-12-31' } });
    expect(await core.call('entities:get', { id: entity.id })).toMatchObject({ firstDate: '2023-12-31', lastDate: '2024-02-10' });
    await core.call('documents:update', { id: docs[2], metadata: { date: null } });
    expect(await core.call('entities:get', { id: entity.id })).toMatchObject({ firstDate: '2024-02-10', lastDate: '2024-02-10' });
  });

  it('merges two entities (names become aliases), refuses a merge with conflicting fields unless told which to keep', async () => {
    const { person, span } = await setup();
    const one = (await core.call('entities:create', { labelId: person, name: '殷勇', fields: { role: '市长' }, annotationIds: [await span(1, '殷勇')] }))
      .entity;
    const two = (await core.call('entities:create', { labelId: person, name: '殷 勇', fields: { role: '副市长' }, annotationIds: [await span(2, '殷勇')] }))
      .entity;
    const refused = await failure(core.call('entities:merge', { into: one.id, from: [two.id] }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('副市长');
    const answer = await core.registry.dispatch('entities:merge', { into: one.id, from: [two.id] });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && (answer.error.details as EntityMergeConflict).conflicts).toEqual([
      {
        field: 'role',
        values: [
          { entityId: one.id, value: '市长' },
          { entityId: two.id, value: '副市长' },
        ],
      },
    ]);
    expect((await core.call('entities:list', {})).total).toBe(2);
    const merged = await core.call('entities:merge', { into: one.id, from: [two.id], resolve: { role: '市长' } });
    expect(merged).toMatchObject({ id: one.id, name: '殷勇', mentions: 2, documents: 2, fields: { role: '市长' }, aliases: ['殷 勇'] });
    expect((await core.call('entities:list', {})).total).toBe(1);
    expect((await failure(core.call('entities:get', { id: two.id }))).code).toBe('not_found');
  });

  it('splits chosen mentions into a new entity and renames (the old name stays an alias)', async () => {
    const { person, span } = await setup();
    const ids = [await span(1, '殷勇'), await span(1, '殷勇', 'PERSON', 1), await span(2, '殷勇')];
    const { entity } = await core.call('entities:create', { labelId: person, name: '殷勇', annotationIds: ids });
    const split = await core.call('entities:split', { id: entity.id, annotationIds: [ids[2]], name: '殷勇(另一人)' });
    expect(split.from.mentions).toBe(2);
    expect(split.created).toMatchObject({ name: '殷勇(另一人)', mentions: 1, labelId: person });
    const renamed = await core.call('entities:update', { id: entity.id, name: '殷勇同志', fields: { district: '北京' }, note: '市长' });
    expect(renamed).toMatchObject({ name: '殷勇同志', aliases: ['殷勇'], fields: { district: '北京' }, note: '市长', mentions: 2 });
    expect((await failure(core.call('entities:split', { id: entity.id, annotationIds: [ids[2]], name: 'x' }))).code).toBe('invalid_input');
  });

  it('proposes the entity whose name matches the mention without its title, with the role it would keep', async () => {
    const { person, span } = await setup();
    const { entity } = await core.call('entities:create', { labelId: person, name: '蔡奇', annotationIds: [await span(2, '蔡奇')] });
    const titled = await span(0, '市委书记蔡奇');
    const proposals = await core.call('entities:propose', { annotationId: titled });
    expect(proposals).toMatchObject({ text: '市委书记蔡奇', name: '蔡奇', role: '市委书记' });
    expect(proposals.candidates.map((c) => [c.entity.id, c.matched, c.role])).toEqual([[entity.id, '蔡奇', '市委书记']]);
    const plain = await core.call('entities:propose', { annotationId: await span(1, '蔡奇同志') });
    expect(plain.candidates.map((c) => c.entity.id)).toEqual([entity.id]);
    // Another label's entity is never proposed.
    const slogan = await core.call('entities:propose', { annotationId: await span(0, '“四个意识”', 'SLOGAN') });
    expect(slogan.candidates).toEqual([]);
  });

  it('links every identical unlinked mention corpus-wide in one step, which one undo takes back (and redo puts back)', async () => {
    const { docs, person, span } = await setup();
    const first = await span(0, '蔡奇', 'PERSON', 1);
    const others = [await span(2, '蔡奇'), await span(0, '市委书记蔡奇')];
    const { entity } = await core.call('entities:create', { labelId: person, name: '蔡奇', annotationIds: [first] });
    const all = await core.call('entities:linkIdentical', { annotationId: first });
    expect(all).toMatchObject({ linked: 1, documentIds: [docs[2]] });
    expect(all.upserted.map((s) => s.id)).toEqual([others[0]]);
    expect((await core.call('entities:get', { id: entity.id })).mentions).toBe(2);
    const undone = await core.call('entities:undoLink', { batchId: all.batchId! });
    expect(undone.linked).toBe(1);
    expect((await core.call('entities:get', { id: entity.id })).mentions).toBe(1);
    expect((await failure(core.call('entities:undoLink', { batchId: all.batchId! }))).code).toBe('conflict');
    await core.call('entities:redoLink', { batchId: all.batchId! });
    expect((await core.call('entities:get', { id: entity.id })).mentions).toBe(2);
    // In the document itself it is one Ctrl+Z.
    const step = await core.call('history:undo', { documentId: docs[2] });
    expect(step).toMatchObject({ kind: 'link', upserted: [{ id: others[0] }] });
    expect(step!.upserted[0].entityId).toBeUndefined();
  });

  it('relabelling a linked span unlinks it in the same step; undo brings label and link back', async () => {
    const { docs, person, slogan, span } = await setup();
    const a = await span(2, '蔡奇');
    const { entity } = await core.call('entities:create', { labelId: person, name: '蔡奇', annotationIds: [a] });
    const relabelled = await core.call('annotations:update', { id: a, labelId: slogan });
    expect(relabelled.entityId).toBeUndefined();
    expect((await core.call('entities:get', { id: entity.id })).mentions).toBe(0);
    const step = await core.call('history:undo', { documentId: docs[2] });
    expect(step!.upserted[0]).toMatchObject({ id: a, labelId: person, entityId: entity.id });
    expect((await core.call('entities:get', { id: entity.id })).mentions).toBe(1);
  });

  it('deleting an entity unlinks its mentions; a link to another label is refused, a missing span named', async () => {
    const { docs, person, slogan, span } = await setup();
    const a = await span(2, '蔡奇');
    const { entity } = await core.call('entities:create', { labelId: person, name: '蔡奇', annotationIds: [a] });
    const wrong = await failure(core.call('entities:link', { annotationIds: [await span(0, '“四个意识”', 'SLOGAN')], entityId: entity.id }));
    expect(wrong.code).toBe('invalid_input');
    expect((await failure(core.call('entities:link', { annotationIds: [99999], entityId: entity.id }))).message).toContain('99999');
    expect(await core.call('entities:delete', { id: entity.id })).toEqual({ id: entity.id, unlinked: 1 });
    expect((await core.call('annotations:list', { documentId: docs[2] }))[0].entityId).toBeUndefined();
    // Undoing the link after the entity went leaves the span unlinked, never pointing at nothing.
    await core.call('history:undo', { documentId: docs[2] });
    await core.call('history:redo', { documentId: docs[2] });
    expect((await core.call('annotations:list', { documentId: docs[2] }))[0].entityId).toBeUndefined();
    expect(slogan).toBeGreaterThan(0);
  });
});
