// Label every hit (#21): search:labelPreview, search:labelAll and the batch's undo and redo.
// A batch is written in one transaction; its spans are logged per document with the batch's id, so
// the reader's Ctrl+Z undoes a document's part in one step (annotations/service.ts), while
// search:undoLabelAll and search:redoLabelAll take the whole batch back and forth.
import type { HitRef, LabelAllPreview, LabelAllResult, SearchHit, SearchQuery } from '../../../shared/api/search';
import { ApiFailure } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/model';
import { spanProblem } from '../../../shared/text/offsets';
import * as annotations from '../db/annotations';
import type { Db } from '../db/connection';
import { annotatorIdByName } from '../db/document-filters';
import { nowIso } from '../db/connection';
import { getDocumentText, markInProgress } from '../db/documents';
import * as batches from '../db/label-batches';
import { getLabel } from '../db/labels';
import { ensureAnnotator } from '../db/meta';
import * as operations from '../db/operations';
import { hasRelationTables, relationsOfSpan } from '../db/relations';
import { readSpanPlaces } from '../db/search';
import { forEachHit, resolveSearch } from './find';
import { hitsWithContext } from './service';
import { LabelPlan } from './label-plan';

/** Conflicts listed in full (with context); conflictCount counts them all. */
export const LISTED_CONFLICTS = 200;
const CONFLICT_CONTEXT = 30;

export interface LabelAllInput {
  search: SearchQuery;
  hits: 'all' | HitRef[];
  labelId: number;
}

/** `index`: where a checked hit was in the request, for messages. */
type Place = { start: number; end: number; index?: number };

/** The hits to label, by document (documents in ascending id, hits in text order). */
function hitsByDocument(db: Db, input: LabelAllInput): Map<number, Place[]> {
  const byDocument = new Map<number, Place[]>();
  const add = (documentId: number, place: Place) => {
    const list = byDocument.get(documentId);
    if (list) list.push(place);
    else byDocument.set(documentId, [place]);
  };
  if (input.hits === 'all') {
    forEachHit(db, resolveSearch(db, input.search), (hit) => add(hit.documentId, { start: hit.start, end: hit.end }));
  } else {
    // Checked hits are checked against the text, not searched again: the concordance showed them.
    input.hits.forEach((ref, index) => add(ref.documentId, { start: ref.start, end: ref.end, index }));
    for (const [documentId, places] of byDocument) {
      const text = getDocumentText(db, documentId);
      for (const { start, end, index } of places) {
        if (text === null) throw new ApiFailure('not_found', `hits[${index}]: document ${documentId} does not exist`, { index });
        const problem = spanProblem(text, start, end);
        if (problem) throw new ApiFailure('invalid_input', `hits[${index}]: [${start}, ${end}) in document ${documentId}: ${problem}`, { index });
      }
    }
  }
  const sorted = new Map([...byDocument].sort(([a], [b]) => a - b));
  for (const places of sorted.values()) places.sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted;
}

function requireLabel(db: Db, labelId: number): void {
  if (!getLabel(db, labelId)) throw new ApiFailure('invalid_input', `Label ${labelId} does not exist`);
}

function plan(db: Db, input: LabelAllInput, annotatorId: number): LabelPlan {
  requireLabel(db, input.labelId);
  const result = new LabelPlan(input.labelId);
  for (const [documentId, places] of hitsByDocument(db, input)) {
    result.addDocument(documentId, places, batches.coderSpans(db, documentId, annotatorId));
  }
  return result;
}

/** The first conflicts as concordance lines, each with the coder's spans it would cut. */
function listConflicts(db: Db, planned: LabelPlan, annotatorId: number): SearchHit[] {
  const listed = planned.conflicts.slice(0, LISTED_CONFLICTS);
  if (listed.length === 0) return [];
  const spans = readSpanPlaces(db, [...new Set(listed.map((c) => c.documentId))], annotatorId);
  const found = listed.map((c) => ({ ...c, spans: (spans.get(c.documentId) ?? []).filter((s) => s.start < c.end && c.start < s.end) }));
  return hitsWithContext(db, found, CONFLICT_CONTEXT);
}

function previewOf(db: Db, planned: LabelPlan, annotatorId: number): LabelAllPreview {
  const conflicts = listConflicts(db, planned, annotatorId);
  return { create: planned.create.length, alreadyLabelled: planned.alreadyLabelled, conflicts, conflictCount: planned.conflicts.length };
}

/** What labelAll would do, writing nothing (the coder's id is looked up, not created). */
export function previewLabelAll(db: Db, input: LabelAllInput, annotator: string): LabelAllPreview {
  return db.transaction(() => {
    const annotatorId = annotatorIdByName(db, annotator) ?? 0;
    return previewOf(db, plan(db, input, annotatorId), annotatorId);
  })();
}

/** Labels the planned hits in one transaction as one batch. */
export function labelAll(db: Db, input: LabelAllInput, annotator: string): LabelAllResult {
  return db.transaction(() => {
    const annotatorId = ensureAnnotator(db, annotator);
    const planned = plan(db, input, annotatorId);
    const now = nowIso();
    const batchId = batches.insertBatch(db, input.labelId, annotatorId, now);
    const batch = { labelId: input.labelId, annotator, createdAt: now };
    const byDocument = new Map<number, { start: number; end: number }[]>();
    for (const { documentId, start, end } of planned.create) {
      const places = byDocument.get(documentId);
      if (places) places.push({ start, end });
      else byDocument.set(documentId, [{ start, end }]);
    }
    // Per document: the spans and their count, their undo records, the batch's record, the status.
    for (const [documentId, places] of byDocument) {
      const records = places.map(({ start, end }) => ({ documentId, start, end, labelId: input.labelId, annotatorId, origin: 'manual' as const }));
      const ids = annotations.insertDocumentAnnotations(
        db,
        documentId,
        records.map((record) => ({ ...record, reviewState: 'pending' as const, attributes: {}, createdAt: now, updatedAt: now })),
      );
      const spans = places.map((place, i) => spanOf(batch, { annotationId: ids[i], documentId, ...place }));
      operations.recordBatchCreations(db, documentId, spans, batchId);
      for (const span of spans) batches.addBatchSpan(db, batchId, { annotationId: span.id, documentId, start: span.start, end: span.end });
      markInProgress(db, documentId);
    }
    return { ...previewOf(db, planned, annotatorId), batchId, documents: byDocument.size };
  })();
}

/** A span as the batch creates it, as annotations.getAnnotation reads it back (same keys, same order), without reading it back. */
function spanOf(batch: Pick<batches.LabelBatch, 'labelId' | 'annotator' | 'createdAt'>, place: batches.BatchSpan): Annotation {
  return {
    id: place.annotationId,
    documentId: place.documentId,
    start: place.start,
    end: place.end,
    labelId: batch.labelId,
    annotator: batch.annotator,
    origin: 'manual',
    reviewState: 'pending',
    attributes: {},
    note: '',
    createdAt: batch.createdAt,
    updatedAt: batch.createdAt,
  };
}

function requireBatch(db: Db, batchId: number): batches.LabelBatch {
  const batch = batches.getBatch(db, batchId);
  if (!batch) throw new ApiFailure('not_found', `Label-all batch ${batchId} does not exist`);
  return batch;
}

const isBatchRun = (step: operations.Operation[], batchId: number, kind: operations.OperationKind) =>
  step.length > 0 && step[0].batchId === batchId && step[0].kind === kind;

/**
 * Removes the batch's spans. Where the batch's creations still end a document's history, that is
 * the document's own undo step (so its Ctrl+Shift+Z brings them back); elsewhere the spans still
 * as created are deleted and the deletions logged as one step. Spans edited since are left alone.
 */
export function undoLabelAll(db: Db, batchId: number): { removed: number; leftAlone: number; documentIds: number[] } {
  return db.transaction(() => {
    const batch = requireBatch(db, batchId);
    if (batch.undone) throw new ApiFailure('conflict', `Label-all batch ${batchId} is undone already`);
    let removed = 0;
    let leftAlone = 0;
    const documentIds: number[] = [];
    for (const documentId of batches.batchSpansByDocument(db, batchId).keys()) {
      const asCreated = batches.spansStillAsCreated(db, batchId, documentId);
      const edited = batches.countBatchSpansPresent(db, batchId, documentId) - asCreated.length;
      leftAlone += edited;
      const run = operations.lastDoneStep(db, documentId);
      // Still the end of the document's history: this is its undo step (its redo brings the spans back).
      const ownStep = edited === 0 && isBatchRun(run, batchId, 'create');
      for (const id of asCreated) {
        const before = ownStep ? null : annotations.getAnnotation(db, id)!;
        // Relations made on the span since go with it, and its undo in the document brings them back (#23).
        const relations = before && hasRelationTables(db) ? relationsOfSpan(db, id) : [];
        annotations.deleteAnnotation(db, id);
        if (before) operations.recordOperation(db, documentId, 'delete', before, null, batchId, relations);
      }
      if (ownStep) for (const op of run) operations.setUndone(db, op.id, true);
      removed += asCreated.length;
      if (asCreated.length > 0) documentIds.push(documentId);
    }
    batches.setBatchUndone(db, batchId, true);
    return { removed, leftAlone, documentIds };
  })();
}

/**
 * Puts the batch's spans back under their old ids. Where the document's next redo step is the
 * batch's creations, that step is redone; elsewhere each span whose id and place are still free
 * is inserted again and logged as one step.
 */
export function redoLabelAll(db: Db, batchId: number): { created: number; documentIds: number[] } {
  return db.transaction(() => {
    const batch = requireBatch(db, batchId);
    if (!batch.undone) throw new ApiFailure('conflict', `Label-all batch ${batchId} is not undone; there is nothing to redo`);
    let created = 0;
    const documentIds: number[] = [];
    for (const [documentId, spans] of batches.batchSpansByDocument(db, batchId)) {
      const run = operations.firstUndoneStep(db, documentId);
      // The document's next redo step is the batch's: redo it; otherwise log the spans put back as a new step.
      const ownStep = isBatchRun(run, batchId, 'create');
      const back = spans
        .filter(
          (place) =>
            batches.annotationIdFree(db, place.annotationId) &&
            annotations.findSameSpan(db, { documentId, start: place.start, end: place.end, labelId: batch.labelId, annotatorId: batch.annotatorId }) === null,
        )
        .map((place) => spanOf(batch, place));
      annotations.insertDocumentAnnotations(
        db,
        documentId,
        back.map((span) => ({ ...span, annotatorId: batch.annotatorId })),
      );
      if (!ownStep && back.length > 0) operations.recordBatchCreations(db, documentId, back, batchId);
      created += back.length;
      if (ownStep) for (const op of run) operations.setUndone(db, op.id, false);
      if (back.length > 0) documentIds.push(documentId);
    }
    batches.setBatchUndone(db, batchId, false);
    return { created, documentIds };
  })();
}
