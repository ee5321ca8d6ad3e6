// Adjudication rules (#20). The gold layer is the reserved coder GOLD_ANNOTATOR's spans. Units come
// from units.ts; a decision replaces the gold spans inside its unit (agreed spans excepted) and is
// recorded, in one transaction. Decisions are not in the undo history (a history step is one span,
// a decision several spans plus its record): deciding the unit again replaces it. Gold spans bring
// their coders' relations along (relations.ts); replaced gold spans take theirs with them, and
// deciding the unit again brings them back.
import type { AdjudicationChoice, AdjudicationProgress, DisagreementUnit, DocumentAdjudication } from '../../../shared/api/adjudication';
import { GOLD_ANNOTATOR } from '../../../shared/api/adjudication';
import { ApiFailure } from '../../../shared/api/result';
import { spanProblem } from '../../../shared/text/offsets';
import * as store from '../db/adjudication';
import * as annotations from '../db/annotations';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import { getDocumentText } from '../db/documents';
import { getLabel } from '../db/labels';
import { ensureAnnotator } from '../db/meta';
import { bringCoderRelations, relationReport } from './relations';
import { agreedSpans, disagreementUnits, spanKey, type CoderSpans, type RawUnit, type UnitSpan } from './units';

function requireText(db: Db, documentId: number): string {
  const text = getDocumentText(db, documentId);
  if (text === null) throw new ApiFailure('not_found', `Document ${documentId} does not exist`);
  return text;
}

function requireCoders(db: Db, coders: readonly string[]): number[] {
  return coders.map((name) => {
    const id = store.annotatorIdOf(db, name);
    if (id === null) throw new ApiFailure('not_found', `No coder named '${name}' in this project`);
    return id;
  });
}

function coderLayers(db: Db, documentId: number, coders: readonly string[]): CoderSpans[] {
  const rows = store.coderSpans(db, documentId, coders);
  return coders.map((coder) => ({ coder, spans: rows.filter((r) => r.annotator === coder) }));
}

const inside = (span: UnitSpan, unit: { start: number; end: number }): boolean => span.start >= unit.start && span.end <= unit.end;

/** The gold spans inside the unit. `gold` is in text order, so a binary search finds the first (a filter per unit was 1,500 units × 8,500 spans). */
function goldInside<T extends UnitSpan>(gold: readonly T[], unit: { start: number; end: number }): T[] {
  let low = 0;
  let high = gold.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (gold[mid].start < unit.start) low = mid + 1;
    else high = mid;
  }
  const found: T[] = [];
  for (let i = low; i < gold.length && gold[i].start <= unit.end; i++) if (inside(gold[i], unit)) found.push(gold[i]);
  return found;
}

type Analysis = ReturnType<typeof analyse>;

function analyse(db: Db, documentId: number, coders: readonly string[]) {
  const text = requireText(db, documentId);
  requireCoders(db, coders);
  const layers = coderLayers(db, documentId, coders);
  const agreed = agreedSpans(layers);
  const agreedKeys = new Set(agreed.map(spanKey));
  const goldId = store.annotatorIdOf(db, GOLD_ANNOTATOR);
  const gold = goldId === null ? [] : store.goldSpans(db, documentId, goldId);
  return { text, layers, agreed, agreedKeys, gold };
}

function describe(
  db: Db,
  documentId: number,
  coders: readonly string[],
  analysis: Analysis = analyse(db, documentId, coders),
  withRelations = true,
): DocumentAdjudication {
  const { text, layers, agreed, agreedKeys, gold } = analysis;
  const units = disagreementUnits(layers);
  const decided = new Map(store.decisions(db, documentId).map((d) => [`${d.start}:${d.end}`, d]));
  const withText = (s: UnitSpan) => ({ start: s.start, end: s.end, labelId: s.labelId, text: text.slice(s.start, s.end) });
  const shown: DisagreementUnit[] = units.map((unit) => {
    const decision = decided.get(`${unit.start}:${unit.end}`);
    return {
      start: unit.start,
      end: unit.end,
      text: text.slice(unit.start, unit.end),
      coders: coders.map((coder, i) => ({ coder, spans: unit.spans[i].map(withText) })),
      decision: decision ? { choice: decision.choice, decidedAt: decision.decidedAt } : null,
      gold: goldInside(gold, unit)
        .filter((g) => !agreedKeys.has(spanKey(g)))
        .map((g) => ({ ...withText(g), id: g.id, adjudicatedFrom: g.adjudicatedFrom })),
    };
  });
  const goldKeys = new Set(gold.map(spanKey));
  const relations = withRelations
    ? relationReport(
        db,
        documentId,
        coders,
        text,
        gold,
        shown.map((u) => ({ start: u.start, end: u.end, decided: u.decision !== null })),
      )
    : { inGold: 0, leftOut: [] };
  return {
    documentId,
    units: shown,
    agreed: agreed.length,
    agreedInGold: agreed.filter((s) => goldKeys.has(spanKey(s))).length,
    progress: { decided: shown.filter((u) => u.decision !== null).length, total: shown.length },
    relations,
  };
}

export function disagreements(db: Db, input: { documentId: number; coders: string[]; acceptAgreed?: boolean }): DocumentAdjudication {
  if (!input.acceptAgreed) return describe(db, input.documentId, input.coders);
  return db.transaction(() => {
    const analysis = analyse(db, input.documentId, input.coders);
    const added = addAgreedToGold(db, input.documentId, input.coders, analysis);
    // Only the gold list changed (by agreed spans): read it again rather than everything.
    const gold = added > 0 ? store.goldSpans(db, input.documentId, store.annotatorIdOf(db, GOLD_ANNOTATOR)!) : analysis.gold;
    return describe(db, input.documentId, input.coders, { ...analysis, gold });
  })();
}

/** The gold spans a choice makes, each with whose span it was. */
function chosenSpans(unit: RawUnit, coders: readonly string[], choice: AdjudicationChoice): { span: UnitSpan; from: string }[] {
  switch (choice.kind) {
    case 'none':
      return [];
    case 'coder': {
      const index = coders.indexOf(choice.coder);
      if (index < 0) throw new ApiFailure('invalid_input', `'${choice.coder}' is not one of the coders being adjudicated (${coders.join(', ')})`);
      return unit.spans[index].map((span) => ({ span, from: choice.coder }));
    }
    case 'all': {
      const byKey = new Map<string, { span: UnitSpan; from: string[] }>();
      unit.spans.forEach((spans, i) => {
        for (const span of spans) {
          const entry = byKey.get(spanKey(span)) ?? { span, from: [] };
          entry.from.push(coders[i]);
          byKey.set(spanKey(span), entry);
        }
      });
      return [...byKey.values()].map(({ span, from }) => ({ span, from: from.join(',') }));
    }
    case 'edit': {
      const seen = new Set<string>();
      return choice.spans
        .filter((span) => !seen.has(spanKey(span)) && seen.add(spanKey(span)))
        .map((span) => {
          if (!inside(span, unit)) {
            throw new ApiFailure('invalid_input', `Edited span [${span.start}, ${span.end}) lies outside the unit [${unit.start}, ${unit.end})`);
          }
          return { span, from: 'edited' };
        });
    }
  }
}

export function decide(db: Db, input: { documentId: number; coders: string[]; start: number; end: number; choice: AdjudicationChoice }): DocumentAdjudication {
  return db.transaction(() => {
    const { text, agreedKeys, gold, layers } = analyse(db, input.documentId, input.coders);
    const unit = disagreementUnits(layers).find((u) => u.start === input.start && u.end === input.end);
    if (!unit) {
      throw new ApiFailure(
        'not_found',
        `No disagreement unit at [${input.start}, ${input.end}) in document ${input.documentId} between ${input.coders.join(', ')}: the coders' spans may have changed; list the units again`,
      );
    }
    const chosen = chosenSpans(unit, input.coders, input.choice);
    for (const { span } of chosen) {
      const problem = spanProblem(text, span.start, span.end);
      if (problem) throw new ApiFailure('invalid_input', `Invalid span [${span.start}, ${span.end}): ${problem}`);
      if (!getLabel(db, span.labelId)) throw new ApiFailure('invalid_input', `Label ${span.labelId} does not exist`);
    }
    for (const g of goldInside(gold, unit)) if (!agreedKeys.has(spanKey(g))) annotations.deleteAnnotation(db, g.id);
    const goldId = ensureAnnotator(db, GOLD_ANNOTATOR);
    const now = nowIso();
    const written = new Set(chosen.map(({ span, from }) => insertGold(db, input.documentId, goldId, span, from, now)));
    bringCoderRelations(db, input.documentId, goldId, input.coders, () => store.goldSpans(db, input.documentId, goldId), written);
    const choice = input.choice.kind === 'coder' ? `coder:${input.choice.coder}` : input.choice.kind;
    store.saveDecision(db, input.documentId, { start: unit.start, end: unit.end, choice, decidedAt: now });
    return describe(db, input.documentId, input.coders);
  })();
}

/** Writes (or finds) the gold span and records whose it is; answers its id. */
function insertGold(db: Db, documentId: number, goldId: number, span: UnitSpan, from: string, now: string): number {
  const existing = annotations.findSameSpan(db, { documentId, start: span.start, end: span.end, labelId: span.labelId, annotatorId: goldId });
  const id =
    existing ??
    annotations.insertAnnotation(db, {
      documentId,
      start: span.start,
      end: span.end,
      labelId: span.labelId,
      annotatorId: goldId,
      origin: 'manual',
      reviewState: 'accepted',
      attributes: {},
      createdAt: now,
      updatedAt: now,
    });
  store.setAdjudicatedFrom(db, id, from);
  return id;
}

export function acceptAgreed(db: Db, input: { documentId: number; coders: string[] }): { added: number } {
  return db.transaction(() => ({ added: addAgreedToGold(db, input.documentId, input.coders, analyse(db, input.documentId, input.coders)) }))();
}

/**
 * Writes the agreed spans not in gold yet into the gold layer, recording the coders, in one bulk
 * insert and one provenance update (a span at a time was 3 statements each, 4,359 spans on the
 * bench document); answers how many. Call inside a transaction.
 */
function addAgreedToGold(db: Db, documentId: number, coders: readonly string[], { agreed, gold }: Analysis): number {
  const goldKeys = new Set(gold.map(spanKey));
  const missing = agreed.filter((s) => !goldKeys.has(spanKey(s)));
  if (missing.length === 0) return 0;
  const goldId = ensureAnnotator(db, GOLD_ANNOTATOR);
  const now = nowIso();
  const ids = annotations.insertDocumentAnnotations(
    db,
    documentId,
    missing.map((span) => ({
      documentId,
      start: span.start,
      end: span.end,
      labelId: span.labelId,
      annotatorId: goldId,
      origin: 'manual' as const,
      reviewState: 'accepted' as const,
      attributes: {},
      createdAt: now,
      updatedAt: now,
    })),
  );
  store.setAdjudicatedFromAll(db, documentId, goldId, missing, coders.join(','));
  bringCoderRelations(db, documentId, goldId, coders, () => store.goldSpans(db, documentId, goldId), new Set(ids));
  return missing.length;
}

export function progress(db: Db, input: { coders: string[]; documentIds?: number[] }): AdjudicationProgress {
  const coderIds = requireCoders(db, input.coders);
  const docs = input.documentIds ? store.documentTitles(db, input.documentIds) : store.documentsSharedBy(db, coderIds);
  const documents = docs.map(({ id, title }) => {
    const { progress: p } = describe(db, id, input.coders, undefined, false);
    return { documentId: id, title, decided: p.decided, total: p.total };
  });
  return {
    documents,
    decided: documents.reduce((n, d) => n + d.decided, 0),
    total: documents.reduce((n, d) => n + d.total, 0),
    documentsDone: documents.filter((d) => d.decided === d.total).length,
  };
}
