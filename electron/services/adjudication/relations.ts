// Relations in adjudication (#23): a decision's gold spans bring the chosen coders' relations along
// (relation-rules.ts says which), and the document's answer lists the coders' relations gold lacks,
// with why. A gold span replaced by a later decision takes its gold relations with it (ON DELETE
// CASCADE); deciding the unit again the first way brings them back, as they are made from the coders'.
import type { DocumentAdjudication, RelationEndState } from '../../../shared/api/adjudication';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import * as relations from '../db/relations';
import { GOLD_ANNOTATOR } from '../../../shared/api/adjudication';
import { adoptedRelations, fromPlace, leftOutRelations, toPlace, type GoldPlace } from './relation-rules';
import type { UnitSpan } from './units';

/**
 * Writes the gold relations the coders' relations make with an end among `scope` (gold span ids just
 * written); answers how many were new. `gold` reads the gold spans, only when a coder has relations.
 */
export function bringCoderRelations(
  db: Db,
  documentId: number,
  goldId: number,
  coders: readonly string[],
  gold: () => readonly GoldPlace[],
  scope: ReadonlySet<number>,
): number {
  if (scope.size === 0) return 0;
  const coderRelations = relations.placedRelations(db, documentId, coders);
  if (coderRelations.length === 0) return 0;
  const now = nowIso();
  let added = 0;
  for (const plan of adoptedRelations(coderRelations, gold(), scope)) {
    if (relations.findRelation(db, plan.typeId, plan.fromId, plan.toId) !== null) continue;
    relations.insertRelation(db, {
      documentId,
      typeId: plan.typeId,
      fromId: plan.fromId,
      toId: plan.toId,
      annotatorId: goldId,
      reviewState: plan.reviewState,
      createdAt: now,
    });
    added++;
  }
  return added;
}

/** The index of the unit holding the span, or -1; `units` in text order, disjoint. */
function unitOf(units: readonly { start: number; end: number }[], span: UnitSpan): number {
  let low = 0;
  let high = units.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (units[mid].start <= span.start) low = mid + 1;
    else high = mid;
  }
  const at = low - 1;
  return at >= 0 && span.end <= units[at].end ? at : -1;
}

/** The document's gold relations counted and the coders' relations gold lacks, each with its reason. */
export function relationReport(
  db: Db,
  documentId: number,
  coders: readonly string[],
  text: string,
  gold: readonly GoldPlace[],
  units: readonly { start: number; end: number; decided: boolean }[],
): DocumentAdjudication['relations'] {
  const goldRelations = relations.placedRelations(db, documentId, [GOLD_ANNOTATOR]);
  const coderRelations = relations.placedRelations(db, documentId, coders);
  // A span outside every unit is agreed: not in gold only while the agreed spans are not accepted yet.
  const pending = (span: UnitSpan) => {
    const at = unitOf(units, span);
    return at < 0 || !units[at].decided;
  };
  const withText = (span: UnitSpan, state: RelationEndState) => ({ ...span, text: text.slice(span.start, span.end), state });
  return {
    inGold: goldRelations.length,
    leftOut: leftOutRelations(coderRelations, gold, goldRelations, pending).map(({ relation, from, to, reason }) => ({
      coder: relation.owner,
      relationId: relation.id,
      typeKey: relation.typeKey,
      from: withText(fromPlace(relation), from),
      to: withText(toPlace(relation), to),
      reason,
    })),
  };
}
