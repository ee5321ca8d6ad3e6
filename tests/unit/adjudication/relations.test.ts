// Relations through adjudication (#23) on a real project file through the registry: a coder's
// relations come into gold with the spans they join (re-pointed to the gold spans, one relation for
// several coders' copies), the ones that cannot come are listed with the reason, and deciding a unit
// again the first way (adjudication's undo) brings its relations back.
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { GOLD_ANNOTATOR, type DocumentAdjudication } from '../../../shared/api/adjudication';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

// 张0三1提2出3把4方5向6谋7大8事9，10李11四12调13研14回15天16计17划18，19王20五21部22署23减24排25目26标27。28
const TEXT = '张三提出把方向谋大事，李四调研回天计划，王五部署减排目标。';

interface Setup {
  doc: number;
  label: Record<string, number>;
  span(coder: string, start: number, end: number, key: string): Promise<number>;
  relate(coder: string, type: string, fromId: number, toId: number): Promise<number>;
}

async function setup(): Promise<Setup> {
  core = testCore();
  const doc = addDocument(core, TEXT, 'shared');
  const label = Object.fromEntries((await core.call('labels:list', {})).map((l) => [l.key, l.id]));
  return {
    doc,
    label,
    async span(coder, start, end, key) {
      await core.call('projects:setAnnotator', { name: coder });
      return (await core.call('annotations:create', { documentId: doc, start, end, labelId: label[key] })).id;
    },
    async relate(coder, type, fromId, toId) {
      await core.call('projects:setAnnotator', { name: coder });
      return (await core.call('relations:create', { documentId: doc, typeKey: type, fromId, toId })).id;
    },
  };
}

/** The gold layer's relations as (type, from place, to place, review state), sorted. */
async function goldRelations(doc: number): Promise<string[]> {
  const spans = new Map((await core.call('annotations:list', { documentId: doc })).map((a) => [a.id, a]));
  const all = await core.call('relations:forDocument', { documentId: doc });
  return all
    .filter((r) => r.annotator === GOLD_ANNOTATOR)
    .map((r) => {
      const [from, to] = [spans.get(r.fromId)!, spans.get(r.toId)!];
      expect([from.annotator, to.annotator]).toEqual([GOLD_ANNOTATOR, GOLD_ANNOTATOR]);
      return `${r.typeKey} ${from.start}-${from.end}→${to.start}-${to.end} ${r.reviewState}`;
    })
    .sort();
}

const leftOut = (state: DocumentAdjudication) =>
  state.relations.leftOut.map((r) => `${r.coder} ${r.typeKey} ${r.from.text}(${r.from.state})→${r.to.text}(${r.to.state}) ${r.reason}`).sort();

describe('relations in adjudication', () => {
  test('a decision brings the chosen coder’s relations to gold; the others are listed with the reason; deciding again brings them back', async () => {
    const s = await setup();
    const coders = ['A', 'B'];
    // 张三 agreed; A's slogan is 把方向谋大事, B's only 把方向.
    const personA = await s.span('A', 0, 2, 'PERSON');
    const personB = await s.span('B', 0, 2, 'PERSON');
    const sloganA = await s.span('A', 4, 10, 'SLOGAN');
    const sloganB = await s.span('B', 4, 7, 'SLOGAN');
    await s.relate('A', '提出', personA, sloganA);
    await s.relate('B', '提出', personB, sloganB);
    const decide = (choice: object) => core.call('adjudication:decide', { documentId: s.doc, coders, start: 4, end: 10, choice: choice as never });

    let state = await core.call('adjudication:disagreements', { documentId: s.doc, coders, acceptAgreed: true });
    expect(state.relations.inGold).toBe(0);
    expect(leftOut(state)).toEqual(['A 提出 张三(adopted)→把方向谋大事(undecided) end_undecided', 'B 提出 张三(adopted)→把方向(undecided) end_undecided']);

    state = await decide({ kind: 'coder', coder: 'A' });
    expect(await goldRelations(s.doc)).toEqual(['提出 0-2→4-10 accepted']);
    expect(state.relations.inGold).toBe(1);
    expect(leftOut(state)).toEqual(['B 提出 张三(adopted)→把方向(not_adopted) end_not_adopted']);

    state = await decide({ kind: 'coder', coder: 'B' });
    expect(await goldRelations(s.doc)).toEqual(['提出 0-2→4-7 accepted']);
    expect(leftOut(state)).toEqual(['A 提出 张三(adopted)→把方向谋大事(not_adopted) end_not_adopted']);

    state = await decide({ kind: 'none' });
    expect(await goldRelations(s.doc)).toEqual([]);
    expect(state.relations.leftOut).toHaveLength(2);

    // Deciding it A's way again is the undo: A's relation is back, as it was.
    state = await decide({ kind: 'coder', coder: 'A' });
    expect(await goldRelations(s.doc)).toEqual(['提出 0-2→4-10 accepted']);

    state = await decide({ kind: 'all' });
    expect(await goldRelations(s.doc)).toEqual(['提出 0-2→4-10 accepted', '提出 0-2→4-7 accepted']);
    expect(state.relations.leftOut).toEqual([]);
    // The coders' own relations are untouched.
    const all = await core.call('relations:forDocument', { documentId: s.doc });
    expect(all.filter((r) => r.annotator !== GOLD_ANNOTATOR)).toHaveLength(2);
  });

  test('a relation waits for its other end: it comes when the second unit is decided its coder’s way', async () => {
    const s = await setup();
    const coders = ['A', 'B'];
    await s.span('B', 0, 1, 'PERSON'); // B marks 张 only: 张三 is a unit
    const personA = await s.span('A', 0, 2, 'PERSON');
    const sloganA = await s.span('A', 4, 10, 'SLOGAN'); // A only: a unit
    await s.relate('A', '提出', personA, sloganA);
    const decide = (start: number, end: number, choice: object) =>
      core.call('adjudication:decide', { documentId: s.doc, coders, start, end, choice: choice as never });
    let state = await decide(4, 10, { kind: 'coder', coder: 'A' });
    expect(await goldRelations(s.doc)).toEqual([]);
    expect(leftOut(state)).toEqual(['A 提出 张三(undecided)→把方向谋大事(adopted) end_undecided']);
    state = await decide(0, 2, { kind: 'coder', coder: 'A' });
    expect(await goldRelations(s.doc)).toEqual(['提出 0-2→4-10 accepted']);
    expect(state.relations.leftOut).toEqual([]);
    // A gold relation the reviewer deletes is listed as such, and a decision elsewhere does not bring it back.
    const gold = (await core.call('relations:forDocument', { documentId: s.doc })).find((r) => r.annotator === GOLD_ANNOTATOR)!;
    await core.call('relations:delete', { id: gold.id });
    state = await core.call('adjudication:disagreements', { documentId: s.doc, coders });
    expect(leftOut(state)).toEqual(['A 提出 张三(adopted)→把方向谋大事(adopted) not_in_gold']);
    await s.span('B', 22, 24, 'PERSON'); // a new unit
    await decide(22, 24, { kind: 'none' });
    expect(await goldRelations(s.doc)).toEqual([]);
  });

  test('coders’ copies of one relation make one gold relation; one drawn by only some coders comes pending', async () => {
    const s = await setup();
    const coders = ['A', 'B', 'C'];
    const ids: Record<string, Record<string, number>> = {};
    for (const coder of coders) {
      ids[coder] = {
        person: await s.span(coder, 11, 13, 'PERSON'), // 李四, agreed
        project: await s.span(coder, 15, 19, 'PROJECT'), // 回天计划, agreed
        target: await s.span(coder, 24, 28, 'TARGET'), // 减排目标, agreed
        zhang: await s.span(coder, 0, 2, 'PERSON'), // 张三, agreed
      };
      // A and B mark the slogan 把方向谋大事, C 把方向: a unit.
      ids[coder].slogan = coder === 'C' ? await s.span(coder, 4, 7, 'SLOGAN') : await s.span(coder, 4, 10, 'SLOGAN');
    }
    for (const coder of coders) await s.relate(coder, '调研', ids[coder].person, ids[coder].project); // all three
    await s.relate('A', '属于', ids.A.project, ids.A.target); // A alone, between agreed spans
    for (const coder of coders) await s.relate(coder, '提出', ids[coder].zhang, ids[coder].slogan);

    let state = await core.call('adjudication:disagreements', { documentId: s.doc, coders, acceptAgreed: true });
    expect(await goldRelations(s.doc)).toEqual(['属于 15-19→24-28 pending', '调研 11-13→15-19 accepted']);
    expect(state.relations.inGold).toBe(2);
    expect(leftOut(state)).toEqual([
      'A 提出 张三(adopted)→把方向谋大事(undecided) end_undecided',
      'B 提出 张三(adopted)→把方向谋大事(undecided) end_undecided',
      'C 提出 张三(adopted)→把方向(undecided) end_undecided',
    ]);
    state = await core.call('adjudication:decide', { documentId: s.doc, coders, start: 4, end: 10, choice: { kind: 'all' } });
    // A's and B's 提出 to the same slogan are one gold relation; C's goes to C's slogan.
    expect(await goldRelations(s.doc)).toEqual(['属于 15-19→24-28 pending', '提出 0-2→4-10 accepted', '提出 0-2→4-7 accepted', '调研 11-13→15-19 accepted']);
    expect(state.relations.leftOut).toEqual([]);
    // Taking A's alone: B's copy is in gold all the same (the same relation between the same places), C's is not.
    state = await core.call('adjudication:decide', { documentId: s.doc, coders, start: 4, end: 10, choice: { kind: 'coder', coder: 'A' } });
    expect(await goldRelations(s.doc)).toEqual(['属于 15-19→24-28 pending', '提出 0-2→4-10 accepted', '调研 11-13→15-19 accepted']);
    expect(leftOut(state)).toEqual(['C 提出 张三(adopted)→把方向(not_adopted) end_not_adopted']);
  });

  test('property: whatever the order of decisions, gold holds exactly the relations whose two spans were taken from their coder', async () => {
    const s = await setup();
    const coders = ['A', 'B'];
    // Units: 张三 (A 0-2, B 0-1), the slogan (A 4-10, B 4-7), 李四 (B), the project (A), the target (B 24-28, A 26-28).
    const spans: Record<string, Record<string, number>> = {
      A: {
        person: await s.span('A', 0, 2, 'PERSON'),
        slogan: await s.span('A', 4, 10, 'SLOGAN'),
        project: await s.span('A', 15, 19, 'PROJECT'),
        target: await s.span('A', 26, 28, 'TARGET'),
      },
      B: { person: await s.span('B', 0, 1, 'PERSON'), slogan: await s.span('B', 4, 7, 'SLOGAN'), target: await s.span('B', 24, 28, 'TARGET') },
    };
    await s.span('B', 11, 13, 'PERSON'); // 李四: B only, a unit without relations
    const possible = [
      ['A', '提出', 'person', 'slogan'],
      ['A', '调研', 'person', 'project'],
      ['A', '属于', 'project', 'target'],
      ['A', '部署', 'person', 'target'],
      ['B', '提出', 'person', 'slogan'],
      ['B', '部署', 'person', 'target'],
    ];
    for (const [coder, type, from, to] of possible) await s.relate(coder, type, spans[coder][from], spans[coder][to]);
    const unitPlaces = (await core.call('adjudication:disagreements', { documentId: s.doc, coders })).units.map((u) => [u.start, u.end] as const);
    expect(unitPlaces).toEqual([
      [0, 2],
      [4, 10],
      [11, 13],
      [15, 19],
      [24, 28],
    ]);
    const choice = fc.constantFrom({ kind: 'coder', coder: 'A' }, { kind: 'coder', coder: 'B' }, { kind: 'all' }, { kind: 'none' });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: unitPlaces.length - 1 }), choice), { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const [unit, c] of steps) {
          const [start, end] = unitPlaces[unit];
          await core.call('adjudication:decide', { documentId: s.doc, coders, start, end, choice: c as never });
        }
        const listed = await core.call('annotations:list', { documentId: s.doc });
        const gold = listed.filter((a) => a.annotator === GOLD_ANNOTATOR);
        const from = core.session.requireDb().prepare('SELECT adjudicated_from FROM annotations WHERE id = ?').pluck();
        const taken = (coder: string, id: number) => {
          const span = listed.find((a) => a.id === id)!;
          return gold.find(
            (g) => g.start === span.start && g.end === span.end && g.labelId === span.labelId && String(from.get(g.id)).split(',').includes(coder),
          );
        };
        const expected = new Set<string>();
        for (const r of await core.call('relations:forDocument', { documentId: s.doc })) {
          if (r.annotator === GOLD_ANNOTATOR) continue;
          const [f, t] = [taken(r.annotator, r.fromId), taken(r.annotator, r.toId)];
          if (f && t) expected.add(`${r.typeKey} ${f.start}-${f.end}→${t.start}-${t.end} accepted`);
        }
        expect(await goldRelations(s.doc)).toEqual([...expected].sort());
      }),
      { numRuns: 25 },
    );
  });
});
