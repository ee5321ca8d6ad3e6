// Which coders' relations the gold layer takes (#23), as pure logic over places. A gold span records
// whose span it took (adjudicated_from: coder names joined by ',', or 'edited'); a coder's relation
// comes into gold when both of its spans were taken from that coder, re-pointed to those gold spans.
// Several coders' copies of one relation land on the same pair of gold spans and make one relation.
import type { RelationEndState } from '../../../shared/api/adjudication';
import type { PlacedRelationRow } from '../db/relations';
import { spanKey, type UnitSpan } from './units';

export interface GoldPlace extends UnitSpan {
  id: number;
  adjudicatedFrom: string | null;
}

export interface GoldRelationPlan {
  typeId: number;
  fromId: number;
  toId: number;
  /** Accepted when every coder both spans were taken from drew it; pending (to be reviewed) when only some did. */
  reviewState: 'accepted' | 'pending';
  /** The coders whose relation it is. */
  drawnBy: string[];
}

export const fromPlace = (r: PlacedRelationRow): UnitSpan => ({ start: r.fromStart, end: r.fromEnd, labelId: r.fromLabelId });
export const toPlace = (r: PlacedRelationRow): UnitSpan => ({ start: r.toStart, end: r.toEnd, labelId: r.toLabelId });

/** The coders a gold span was taken from ('edited' spans were taken from nobody). */
export const takenFrom = (gold: GoldPlace): string[] => (gold.adjudicatedFrom ?? '').split(',').filter((name) => name !== '' && name !== 'edited');

const coderPlaceKey = (coder: string, span: UnitSpan): string => `${coder}\u0000${spanKey(span)}`;

/** Gold spans by (coder they were taken from, place and label). */
export function goldByCoder(gold: readonly GoldPlace[]): Map<string, GoldPlace> {
  const index = new Map<string, GoldPlace>();
  for (const g of gold) for (const coder of takenFrom(g)) index.set(coderPlaceKey(coder, g), g);
  return index;
}

/**
 * The gold relations the coders' relations make, each once. With `scope` (gold span ids just
 * written), only those with an end among them: a decision brings the relations of what it adopted,
 * and does not bring back a gold relation the reviewer deleted elsewhere.
 */
export function adoptedRelations(coderRelations: readonly PlacedRelationRow[], gold: readonly GoldPlace[], scope?: ReadonlySet<number>): GoldRelationPlan[] {
  const index = goldByCoder(gold);
  const plans = new Map<string, GoldRelationPlan & { from: GoldPlace; to: GoldPlace }>();
  for (const r of coderRelations) {
    const from = index.get(coderPlaceKey(r.owner, fromPlace(r)));
    const to = index.get(coderPlaceKey(r.owner, toPlace(r)));
    if (!from || !to || from.id === to.id) continue;
    if (scope && !scope.has(from.id) && !scope.has(to.id)) continue;
    const key = `${r.typeId}:${from.id}:${to.id}`;
    const plan = plans.get(key) ?? { typeId: r.typeId, fromId: from.id, toId: to.id, reviewState: 'pending', drawnBy: [], from, to };
    if (!plan.drawnBy.includes(r.owner)) plan.drawnBy.push(r.owner);
    plans.set(key, plan);
  }
  return [...plans.values()].map(({ from, to, ...plan }) => {
    const fromCoders = new Set(takenFrom(from));
    const both = takenFrom(to).filter((coder) => fromCoders.has(coder));
    return { ...plan, reviewState: both.every((coder) => plan.drawnBy.includes(coder)) ? 'accepted' : 'pending' };
  });
}

export interface LeftOut {
  relation: PlacedRelationRow;
  from: RelationEndState;
  to: RelationEndState;
  reason: 'end_undecided' | 'end_not_adopted' | 'not_in_gold';
}

/**
 * The coders' relations gold lacks: no gold relation of the type joins gold spans at both ends'
 * places. `pending(span)` says whether a span not taken from its coder may still be (its unit is not
 * decided) or not (decided without it).
 */
export function leftOutRelations(
  coderRelations: readonly PlacedRelationRow[],
  gold: readonly GoldPlace[],
  goldRelations: readonly PlacedRelationRow[],
  pending: (span: UnitSpan) => boolean,
): LeftOut[] {
  const index = goldByCoder(gold);
  const inGold = new Set(goldRelations.map((g) => `${g.typeId}|${spanKey(fromPlace(g))}|${spanKey(toPlace(g))}`));
  const state = (coder: string, span: UnitSpan): RelationEndState =>
    index.has(coderPlaceKey(coder, span)) ? 'adopted' : pending(span) ? 'undecided' : 'not_adopted';
  const out: LeftOut[] = [];
  for (const r of coderRelations) {
    if (inGold.has(`${r.typeId}|${spanKey(fromPlace(r))}|${spanKey(toPlace(r))}`)) continue;
    const from = state(r.owner, fromPlace(r));
    const to = state(r.owner, toPlace(r));
    const reason =
      from === 'not_adopted' || to === 'not_adopted' ? 'end_not_adopted' : from === 'undecided' || to === 'undecided' ? 'end_undecided' : 'not_in_gold';
    out.push({ relation: r, from, to, reason });
  }
  return out;
}
