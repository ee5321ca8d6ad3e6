// Relations (#23) on real project files: typed and directed, refused where the type does not allow the
// labels, undoable; a span's delete takes its relations with it and undo brings both back.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

const TEXT = '市委书记蔡奇到通州调研城市副中心建设，提出“四个意识”，\n要求到2025年完成温榆河公园建设。殷勇出席。';

async function setup() {
  core = testCore();
  const documentId = addDocument(core, TEXT);
  const other = addDocument(core, '蔡奇提出“两个维护”。', 'other');
  const labels = await core.call('labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  const span = async (text: string, key: string, doc = documentId, source = TEXT) => {
    const at = source.indexOf(text);
    return (await core.call('annotations:create', { documentId: doc, start: at, end: at + text.length, labelId: label(key) })).id;
  };
  return {
    documentId,
    other,
    person: await span('蔡奇', 'PERSON'),
    person2: await span('殷勇', 'PERSON'),
    slogan: await span('“四个意识”', 'SLOGAN'),
    project: await span('城市副中心', 'PROJECT'),
    target: await span('到2025年完成温榆河公园建设', 'TARGET'),
    otherSlogan: await span('“两个维护”', 'SLOGAN', other, '蔡奇提出“两个维护”。'),
  };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected a failure');
};

const doneChanges = (documentId: number) =>
  core.session.requireDb().prepare('SELECT COUNT(*) FROM operations WHERE document_id = ? AND undone = 0').pluck().get(documentId) as number;

/** The entity panel's numbers as the triggers keep them, and as the links and dates say they are. */
const countsKept = () => {
  const db = core.session.requireDb();
  return [
    db.prepare('SELECT entity_id, document_id, mentions, date FROM entity_mention_counts ORDER BY 1, 2').raw().all(),
    db.prepare('SELECT id, mentions, documents, first_date, last_date FROM entities ORDER BY id').raw().all(),
  ];
};
const countsOfLinks = () => {
  const db = core.session.requireDb();
  const linked = `SELECT a.entity_id, a.document_id, COUNT(*) AS n, d.published_at AS date FROM annotations a JOIN documents d ON d.id = a.document_id
    WHERE a.entity_id IS NOT NULL GROUP BY 1, 2`;
  return [
    db.prepare(`${linked} ORDER BY 1, 2`).raw().all(),
    db
      .prepare(
        `SELECT e.id, coalesce(SUM(l.n), 0), COUNT(l.document_id), MIN(l.date), MAX(l.date) FROM entities e LEFT JOIN (${linked}) l ON l.entity_id = e.id
         GROUP BY e.id ORDER BY e.id`,
      )
      .raw()
      .all(),
  ];
};

const relationsOf = async (documentId: number) =>
  (await core.call('relations:forDocument', { documentId })).map((r) => [r.id, r.typeKey, r.fromId, r.toId, r.reviewState]);

describe('relations', () => {
  it('every project has the four default types', async () => {
    core = testCore();
    expect((await core.call('relationTypes:list', {})).map((t) => [t.key, t.fromLabelKey, t.toLabelKey])).toEqual([
      ['提出', 'PERSON', 'SLOGAN'],
      ['调研', 'PERSON', 'PROJECT'],
      ['部署', 'PERSON', 'TARGET'],
      ['属于', 'PROJECT', 'TARGET'],
    ]);
  });

  it('creates by type key, refuses a pair the type does not allow, another document, a span to itself; deletes; undo and redo', async () => {
    const s = await setup();
    const created = await core.call('relations:create', { documentId: s.documentId, typeKey: '提出', fromId: s.person, toId: s.slogan });
    expect(created).toMatchObject({
      typeKey: '提出',
      fromId: s.person,
      toId: s.slogan,
      reviewState: 'pending',
      history: { canUndo: true, undoKind: 'relation_create' },
    });
    const wrongPair = await failure(core.call('relations:create', { documentId: s.documentId, typeKey: '提出', fromId: s.slogan, toId: s.person }));
    expect(wrongPair.code).toBe('invalid_input');
    expect(wrongPair.message).toContain('PERSON to SLOGAN');
    expect(
      (await failure(core.call('relations:create', { documentId: s.documentId, typeKey: '提出', fromId: s.person, toId: s.otherSlogan }))).message,
    ).toContain('one document');
    expect((await failure(core.call('relations:create', { documentId: s.documentId, typeKey: '调研', fromId: s.person, toId: s.person }))).code).toBe(
      'invalid_input',
    );
    expect(
      (await failure(core.call('relations:create', { documentId: s.documentId, typeKey: '无此类型', fromId: s.person, toId: s.slogan }))).message,
    ).toContain('提出');
    await core.call('relations:review', { id: created.id, reviewState: 'accepted' });
    await core.call('relations:delete', { id: created.id });
    expect(await relationsOf(s.documentId)).toEqual([]);
    expect(await core.call('history:undo', { documentId: s.documentId })).toMatchObject({
      kind: 'relation_delete',
      relations: { upserted: [{ id: created.id }] },
    });
    expect(await relationsOf(s.documentId)).toEqual([[created.id, '提出', s.person, s.slogan, 'accepted']]);
    await core.call('history:undo', { documentId: s.documentId });
    expect((await relationsOf(s.documentId))[0][4]).toBe('pending');
    await core.call('history:undo', { documentId: s.documentId });
    expect(await relationsOf(s.documentId)).toEqual([]);
    await core.call('history:redo', { documentId: s.documentId });
    expect(await relationsOf(s.documentId)).toEqual([[created.id, '提出', s.person, s.slogan, 'pending']]);
    expect((await failure(core.call('relationTypes:delete', { id: created.typeId }))).code).toBe('conflict');
  });

  it('deleting a span removes its relations, and one undo restores both', async () => {
    const s = await setup();
    const r1 = await core.call('relations:create', { documentId: s.documentId, typeKey: '提出', fromId: s.person, toId: s.slogan });
    const r2 = await core.call('relations:create', { documentId: s.documentId, typeKey: '调研', fromId: s.person, toId: s.project });
    const r3 = await core.call('relations:create', { documentId: s.documentId, typeKey: '属于', fromId: s.project, toId: s.target });
    await core.call('annotations:delete', { id: s.person });
    expect((await relationsOf(s.documentId)).map((r) => r[0])).toEqual([r3.id]);
    const step = await core.call('history:undo', { documentId: s.documentId });
    expect(step).toMatchObject({ kind: 'delete', upserted: [{ id: s.person }] });
    expect(step!.relations!.upserted.map((r) => r.id)).toEqual([r1.id, r2.id]);
    expect((await relationsOf(s.documentId)).map((r) => r[0])).toEqual([r1.id, r2.id, r3.id]);
    const again = await core.call('history:redo', { documentId: s.documentId });
    expect(again!.relations!.deletedIds).toEqual([r1.id, r2.id]);
    expect((await relationsOf(s.documentId)).map((r) => r[0])).toEqual([r3.id]);
  });

  it('a new label that a relation does not allow is refused, naming the relation; one it allows goes through', async () => {
    const s = await setup();
    const r = await core.call('relations:create', { documentId: s.documentId, typeKey: '提出', fromId: s.person, toId: s.slogan });
    const labels = await core.call('labels:list', {});
    const label = (key: string) => labels.find((l) => l.key === key)!.id;
    const refused = await failure(core.call('annotations:update', { id: s.slogan, labelId: label('TARGET') }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain(`relation ${r.id}`);
    expect((await core.call('annotations:list', { documentId: s.documentId })).find((a) => a.id === s.slogan)!.labelId).toBe(label('SLOGAN'));
    // A span no relation hangs on changes its label freely.
    await core.call('annotations:update', { id: s.project, labelId: label('TARGET') });
  });

  it("undoing a label-all batch takes a relation made on its span since, and the document's undo brings both back", async () => {
    const s = await setup();
    const project = (await core.call('labels:list', {})).find((l) => l.key === 'PROJECT')!.id;
    const batch = await core.call('search:labelAll', { search: { query: '通州' }, hits: 'all', labelId: project });
    expect(batch.create).toBe(1);
    const tongzhou = (await core.call('annotations:list', { documentId: s.documentId })).find((a) => TEXT.slice(a.start, a.end) === '通州')!;
    const r = await core.call('relations:create', { documentId: s.documentId, typeKey: '调研', fromId: s.person, toId: tongzhou.id });
    expect(await core.call('search:undoLabelAll', { batchId: batch.batchId })).toMatchObject({ removed: 1 });
    expect(await relationsOf(s.documentId)).toEqual([]);
    await core.call('history:undo', { documentId: s.documentId });
    expect(await relationsOf(s.documentId)).toEqual([[r.id, '调研', s.person, tongzhou.id, 'pending']]);
  });

  it('relation types: create, rename, refuse a taken key, change the pair only while unused, delete', async () => {
    core = testCore();
    const type = await core.call('relationTypes:create', { key: 'INSPECTED', fromLabelKey: 'PERSON', toLabelKey: 'PROJECT' });
    expect(type).toMatchObject({ key: 'INSPECTED', name: 'INSPECTED', relations: 0 });
    expect((await failure(core.call('relationTypes:create', { key: '提出', fromLabelKey: 'PERSON', toLabelKey: 'SLOGAN' }))).code).toBe('conflict');
    expect(await core.call('relationTypes:update', { id: type.id, changes: { name: '视察', toLabelKey: 'TARGET' } })).toMatchObject({
      name: '视察',
      toLabelKey: 'TARGET',
    });
    await core.call('relationTypes:delete', { id: type.id });
    expect((await core.call('relationTypes:list', {})).length).toBe(4);
  });

  it('random sequences of span, link and relation edits: undo walks back through every state they passed, redo forward again', async () => {
    const s = await setup();
    const spans = [s.person, s.person2, s.slogan, s.project, s.target];
    const startSpans = await core.call('annotations:list', { documentId: s.documentId });
    const op = fc.oneof(
      // Allowed pairs (spans: 0, 1 PERSON, 2 SLOGAN, 3 PROJECT, 4 TARGET), and any pair, mostly refused.
      fc
        .constantFrom(['提出', 0, 2], ['提出', 1, 2], ['调研', 0, 3], ['部署', 1, 4], ['属于', 3, 4])
        .map(([type, from, to]) => ({ kind: 'relate' as const, type: type as string, from: from as number, to: to as number })),
      fc.record({ kind: fc.constant('relate' as const), type: fc.constantFrom('提出', '调研', '部署', '属于'), from: fc.nat(4), to: fc.nat(4) }),
      fc.record({ kind: fc.constant('deleteSpan' as const), span: fc.nat(4) }),
      fc.record({ kind: fc.constant('deleteRelation' as const), nth: fc.nat(10) }),
      fc.record({ kind: fc.constant('review' as const), nth: fc.nat(10), state: fc.constantFrom('accepted' as const, 'rejected' as const) }),
      fc.record({ kind: fc.constant('link' as const), span: fc.nat(4) }),
    );
    const { entity } = await core.call('entities:create', { labelId: (await core.call('labels:list', {}))[0].id, name: '某人' });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const state = async () => [await core.call('annotations:list', { documentId: s.documentId }), await relationsOf(s.documentId)];
        const doneAtStart = doneChanges(s.documentId);
        // The document as it was after each logged change, by how many changes were done then.
        const snapshots = new Map([[doneAtStart, await state()]]);
        for (const o of ops) {
          const relations = await core.call('relations:forDocument', { documentId: s.documentId });
          const live = new Set((await core.call('annotations:list', { documentId: s.documentId })).map((a) => a.id));
          const answer =
            o.kind === 'relate'
              ? await core.registry.dispatch('relations:create', { documentId: s.documentId, typeKey: o.type, fromId: spans[o.from], toId: spans[o.to] })
              : o.kind === 'deleteSpan'
                ? live.has(spans[o.span]) && (await core.registry.dispatch('annotations:delete', { id: spans[o.span] }))
                : o.kind === 'deleteRelation'
                  ? relations.length > 0 && (await core.registry.dispatch('relations:delete', { id: relations[o.nth % relations.length].id }))
                  : o.kind === 'review'
                    ? relations.length > 0 &&
                      (await core.registry.dispatch('relations:review', { id: relations[o.nth % relations.length].id, reviewState: o.state }))
                    : live.has(spans[o.span]) &&
                      (await core.registry.dispatch('entities:link', { annotationIds: [spans[o.span]], entityId: entity.id, role: '书记' }));
          if (answer && !answer.ok) expect(['invalid_input', 'not_found']).toContain(answer.error.code);
          snapshots.set(doneChanges(s.documentId), await state());
        }
        const doneAtEnd = doneChanges(s.documentId);
        // Undo walks back through every state (a refused call, a relation that existed already or a link that changed nothing log nothing)…
        while (doneChanges(s.documentId) > doneAtStart) {
          await core.call('history:undo', { documentId: s.documentId });
          expect(await state()).toEqual(snapshots.get(doneChanges(s.documentId)));
        }
        // …and redo forward through them again.
        while (doneChanges(s.documentId) < doneAtEnd) {
          await core.call('history:redo', { documentId: s.documentId });
          expect(await state()).toEqual(snapshots.get(doneChanges(s.documentId)));
        }
        // The entity panel's counts, kept by triggers, agree with the links at every end.
        expect(countsKept()).toEqual(countsOfLinks());
        // The next run starts from the start again (its first change forgets this run's redo branch).
        while (doneChanges(s.documentId) > doneAtStart) await core.call('history:undo', { documentId: s.documentId });
        return ops.length > 0;
      }),
      { numRuns: 40 },
    );
    expect(startSpans.length).toBe(5);
  });
});
