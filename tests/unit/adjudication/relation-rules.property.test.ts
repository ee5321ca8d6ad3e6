// Property tests of which coders' relations gold takes (#23), over random gold spans (each taken from
// some coders, or edited) and random coder relations: every gold relation is re-pointed to the gold
// spans at its coder's places taken from that coder, each once; nothing that could come is missed;
// a scope only narrows; and a relation is listed as left out exactly when gold lacks it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PlacedRelationRow } from '../../../electron/services/db/relations';
import { adoptedRelations, leftOutRelations, takenFrom, type GoldPlace } from '../../../electron/services/adjudication/relation-rules';

const CODERS = ['A', 'B', 'C'];
const place = fc.record({ start: fc.nat(30), length: fc.integer({ min: 1, max: 4 }), labelId: fc.integer({ min: 1, max: 3 }) }).map((p) => ({
  start: p.start,
  end: p.start + p.length,
  labelId: p.labelId,
}));
type Place = { start: number; end: number; labelId: number };
const key = (p: Place) => `${p.start}:${p.end}:${p.labelId}`;

const world = fc
  .record({
    places: fc.uniqueArray(place, { minLength: 2, maxLength: 12, selector: key }),
    provenance: fc.array(
      fc.oneof(
        fc.subarray(CODERS, { minLength: 1 }).map((c) => c.join(',')),
        fc.constant('edited'),
      ),
      { minLength: 12, maxLength: 12 },
    ),
    inGold: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    relations: fc.array(fc.record({ coder: fc.constantFrom(...CODERS), type: fc.integer({ min: 1, max: 3 }), from: fc.nat(), to: fc.nat() }), {
      maxLength: 25,
    }),
    scope: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  })
  .map(({ places, provenance, inGold, relations, scope }) => {
    const gold: GoldPlace[] = places.flatMap((p, i) => (inGold[i] ? [{ ...p, id: 100 + i, adjudicatedFrom: provenance[i] }] : []));
    const rows: PlacedRelationRow[] = relations
      .map((r, i) => {
        const [f, t] = [places[r.from % places.length], places[r.to % places.length]];
        return {
          id: i + 1,
          typeId: r.type,
          typeKey: `T${r.type}`,
          owner: r.coder,
          fromId: 1000 + i,
          fromStart: f.start,
          fromEnd: f.end,
          fromLabelId: f.labelId,
          toId: 2000 + i,
          toStart: t.start,
          toEnd: t.end,
          toLabelId: t.labelId,
        };
      })
      .filter((r) => `${r.fromStart}:${r.fromEnd}:${r.fromLabelId}` !== `${r.toStart}:${r.toEnd}:${r.toLabelId}`);
    const scopeIds = new Set(gold.filter((g) => scope[g.id - 100]).map((g) => g.id));
    return { gold, rows, scopeIds };
  });

const fromOf = (r: PlacedRelationRow): Place => ({ start: r.fromStart, end: r.fromEnd, labelId: r.fromLabelId });
const toOf = (r: PlacedRelationRow): Place => ({ start: r.toStart, end: r.toEnd, labelId: r.toLabelId });
/** The gold span at this place taken from this coder, if any (places are unique, so at most one). */
const takenAt = (gold: GoldPlace[], coder: string, p: Place) => gold.find((g) => key(g) === key(p) && takenFrom(g).includes(coder));

describe('relation rules', () => {
  test('gold relations are re-pointed to the gold spans taken from their coder, once each, none missed', () => {
    fc.assert(
      fc.property(world, ({ gold, rows }) => {
        const plans = adoptedRelations(rows, gold);
        const byId = new Map(gold.map((g) => [g.id, g]));
        const planKeys = plans.map((p) => `${p.typeId}:${p.fromId}:${p.toId}`);
        expect(new Set(planKeys).size).toBe(planKeys.length);
        for (const plan of plans) {
          const [from, to] = [byId.get(plan.fromId)!, byId.get(plan.toId)!];
          expect(from && to).toBeTruthy();
          // Drawn by exactly the coders whose relation of this type joins these two places, each taken from them.
          const drawers = rows.filter(
            (r) =>
              r.typeId === plan.typeId &&
              key(fromOf(r)) === key(from) &&
              key(toOf(r)) === key(to) &&
              takenAt(gold, r.owner, fromOf(r)) &&
              takenAt(gold, r.owner, toOf(r)),
          );
          expect(new Set(plan.drawnBy)).toEqual(new Set(drawers.map((r) => r.owner)));
          const both = takenFrom(from).filter((c) => takenFrom(to).includes(c));
          expect(plan.reviewState).toBe(both.every((c) => plan.drawnBy.includes(c)) ? 'accepted' : 'pending');
        }
        for (const r of rows) {
          const [f, t] = [takenAt(gold, r.owner, fromOf(r)), takenAt(gold, r.owner, toOf(r))];
          if (f && t) expect(planKeys).toContain(`${r.typeId}:${f.id}:${t.id}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a scope keeps exactly the relations with an end in it', () => {
    fc.assert(
      fc.property(world, ({ gold, rows, scopeIds }) => {
        const all = adoptedRelations(rows, gold);
        const scoped = adoptedRelations(rows, gold, scopeIds);
        const strip = (plans: typeof all) => plans.map((p) => `${p.typeId}:${p.fromId}:${p.toId}:${p.reviewState}`).sort();
        expect(strip(scoped)).toEqual(strip(all.filter((p) => scopeIds.has(p.fromId) || scopeIds.has(p.toId))));
      }),
      { numRuns: 300 },
    );
  });

  test('a coder relation is left out exactly when gold lacks it, with a reason that fits its ends', () => {
    fc.assert(
      fc.property(world, fc.boolean(), ({ gold, rows }, dropOne) => {
        const byId = new Map(gold.map((g) => [g.id, g]));
        let plans = adoptedRelations(rows, gold);
        if (dropOne) plans = plans.slice(1); // a gold relation the reviewer deleted
        const goldRows: PlacedRelationRow[] = plans.map((p, i) => {
          const [f, t] = [byId.get(p.fromId)!, byId.get(p.toId)!];
          return {
            id: 5000 + i,
            typeId: p.typeId,
            typeKey: `T${p.typeId}`,
            owner: 'gold',
            fromId: f.id,
            fromStart: f.start,
            fromEnd: f.end,
            fromLabelId: f.labelId,
            toId: t.id,
            toStart: t.start,
            toEnd: t.end,
            toLabelId: t.labelId,
          };
        });
        const undecided = (p: Place) => p.labelId === 1; // any rule will do
        const out = leftOutRelations(rows, gold, goldRows, undecided);
        const inGold = new Set(goldRows.map((g) => `${g.typeId}|${key(fromOf(g))}|${key(toOf(g))}`));
        expect(out.map((o) => o.relation.id)).toEqual(rows.filter((r) => !inGold.has(`${r.typeId}|${key(fromOf(r))}|${key(toOf(r))}`)).map((r) => r.id));
        for (const o of out) {
          const state = (p: Place) => (takenAt(gold, o.relation.owner, p) ? 'adopted' : undecided(p) ? 'undecided' : 'not_adopted');
          expect([o.from, o.to]).toEqual([state(fromOf(o.relation)), state(toOf(o.relation))]);
          const states = [o.from, o.to];
          expect(o.reason).toBe(states.includes('not_adopted') ? 'end_not_adopted' : states.includes('undecided') ? 'end_undecided' : 'not_in_gold');
        }
      }),
      { numRuns: 300 },
    );
  });
});
