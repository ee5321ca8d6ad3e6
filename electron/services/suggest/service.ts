// Suggestions of one document (#22): proposing, accepting (spans of the current coder, origin
// 'suggested' with their source, one transaction, one undo step), rejecting (never again there).
import type { Suggestion, SuggestionRef, SuggestionSource } from '../../../shared/api/suggestions';
import { ApiFailure } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/model';
import { dictionarySuggestions } from '../../../shared/suggest/dictionary';
import { gazetteerSuggestions } from '../../../shared/suggest/gazetteer';
import { mergeSuggestions } from '../../../shared/suggest/merge';
import { spanProblem } from '../../../shared/text/offsets';
import * as annotations from '../db/annotations';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import { annotatorIdByName } from '../db/document-filters';
import { getDocumentText, markInProgress } from '../db/documents';
import { BULK_KEPT_COUNTS_FROM, withBulkKeptCounts } from '../db/dashboard-bulk';
import * as batches from '../db/label-batches';
import { getLabel, listLabels } from '../db/labels';
import { ensureAnnotator } from '../db/meta';
import * as operations from '../db/operations';
import { insertRejected, rejectedPlaces } from '../db/suggestions';
import { cachedCandidates, modelSuggestions, projectDictionary, projectGazetteers, projectPatternSet, storedTagger } from './sources';
import { timedPatternSuggestions, type PatternScan, type TimedOutPattern } from './timed-patterns';

export const ALL_SOURCES: readonly SuggestionSource[] = ['dictionary', 'gazetteer', 'pattern', 'model'];

function requireText(db: Db, documentId: number): string {
  const text = getDocumentText(db, documentId);
  if (text === null) throw new ApiFailure('not_found', `Document ${documentId} does not exist`);
  return text;
}

/** The enabled patterns' proposals in a document (but `skip`'s), each pattern under its time limit; kept per document like the other sources'. */
export function patternScan(db: Db, documentId: number, text: string, skip?: ReadonlySet<number>): PatternScan {
  const all = projectPatternSet(db);
  const patterns = skip?.size ? all.filter((p) => !skip.has(p.id)) : all;
  return cachedCandidates(db, documentId, 'pattern', patterns, () => timedPatternSuggestions(patterns, text));
}

/** The patterns that ran out of time in a document (they propose nothing there). */
export function timedOutPatterns(db: Db, documentId: number): TimedOutPattern[] {
  return patternScan(db, documentId, requireText(db, documentId)).timedOut;
}

export interface ProposalOptions {
  /** Patterns not to run (a pre-annotation job skips those that ran out of time in an earlier document). */
  skipPatterns?: ReadonlySet<number>;
  /** Gets the patterns that ran out of time in this document. */
  timedOut?: TimedOutPattern[];
}

/** A document's proposals for a coder, from the sources asked (all by default), merged by the one rule (shared/suggest/merge.ts). */
export function proposalsFor(
  db: Db,
  documentId: number,
  text: string,
  annotatorId: number | null,
  only: readonly SuggestionSource[] = ALL_SOURCES,
  options: ProposalOptions = {},
): SuggestionRef[] {
  const wanted = (s: SuggestionSource) => only.includes(s);
  const candidates: SuggestionRef[] = [];
  if (wanted('dictionary') && annotatorId !== null) {
    const dictionary = projectDictionary(db, annotatorId);
    candidates.push(
      ...cachedCandidates(db, documentId, `dictionary:${annotatorId}`, dictionary.version, () => dictionarySuggestions(dictionary.matcher, text)),
    );
  }
  if (wanted('gazetteer')) {
    const gazetteers = projectGazetteers(db);
    candidates.push(...cachedCandidates(db, documentId, 'gazetteer', gazetteers, () => gazetteerSuggestions(gazetteers, text)));
  }
  if (wanted('pattern')) {
    const scan = patternScan(db, documentId, text, options.skipPatterns);
    candidates.push(...scan.found);
    options.timedOut?.push(...scan.timedOut);
  }
  if (wanted('model')) {
    const tagger = storedTagger(db);
    const labels = listLabels(db)
      .map((l) => `${l.key}=${l.id}`)
      .join(',');
    if (tagger) candidates.push(...cachedCandidates(db, documentId, `model:${labels}`, tagger, () => modelSuggestions(db, text)));
  }
  const spans = annotatorId === null ? [] : batches.coderSpans(db, documentId, annotatorId).map(([start, end]) => ({ start, end }));
  return mergeSuggestions(candidates, spans, rejectedPlaces(db, documentId));
}

export function suggestionsForDocument(db: Db, annotator: string, input: { documentId: number; sources?: SuggestionSource[] }): Suggestion[] {
  const text = requireText(db, input.documentId);
  const found = proposalsFor(db, input.documentId, text, annotatorIdByName(db, annotator), input.sources);
  return found.map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
}

/** Checks a suggestion against the text and the labels: the problem names which one and where. */
function checkSuggestion(db: Db, text: string, s: SuggestionRef, where: string): void {
  const problem = spanProblem(text, s.start, s.end);
  if (problem) throw new ApiFailure('invalid_input', `${where}: [${s.start}, ${s.end}) ${problem}`);
  if (!getLabel(db, s.labelId)) throw new ApiFailure('invalid_input', `${where}: label ${s.labelId} does not exist`);
}

/**
 * Writes accepted suggestions of one document as the coder's spans, inside the caller's
 * transaction. A suggestion is skipped when the coder already has a span overlapping it (the text
 * changed under a stale list, or two accepted suggestions overlap). The changes are logged under a
 * label-all batch id (migration 011), so the document's Ctrl+Z takes them back as one step; the
 * batch row only lends its id (its label is the first suggestion's), its span list stays empty so
 * that search:undoLabelAll never touches a suggestion batch.
 */
export function writeAccepted(
  db: Db,
  documentId: number,
  text: string,
  annotator: string,
  list: readonly SuggestionRef[],
  /** Stored only when one suggestion is accepted: one coder action (#24 timing). */
  leadTimeMs?: number,
): { created: number[]; skipped: number; sources: SuggestionSource[] } {
  const annotatorId = ensureAnnotator(db, annotator);
  const occupied = batches.coderSpans(db, documentId, annotatorId).map(([start, end]) => ({ start, end }));
  const overlapsTaken = (s: SuggestionRef) => occupied.some((o) => o.start < s.end && s.start < o.end);
  const created: number[] = [];
  const sources: SuggestionSource[] = [];
  let skipped = 0;
  let batchId: number | null = null;
  const now = nowIso();
  const acceptAll = () =>
    list.forEach((s, index) => {
      checkSuggestion(db, text, s, `suggestions[${index}]`);
      if (overlapsTaken(s)) {
        skipped++;
        return;
      }
      batchId ??= batches.insertBatch(db, s.labelId, annotatorId, now);
      const originDetail = { source: s.source, sourceId: s.sourceId, confidence: s.confidence };
      const record = { documentId, start: s.start, end: s.end, labelId: s.labelId, annotatorId, origin: 'suggested' as const, reviewState: 'pending' as const };
      const lead = list.length === 1 ? leadTimeMs : undefined;
      const id = annotations.insertAnnotation(db, { ...record, attributes: {}, createdAt: now, updatedAt: now, originDetail, leadTimeMs: lead });
      const span: Annotation = { ...annotations.getAnnotation(db, id)! };
      operations.recordOperation(db, documentId, 'create', null, span, batchId);
      occupied.push({ start: s.start, end: s.end });
      created.push(id);
      sources.push(s.source);
    });
  // Accepting every suggestion above the threshold: the dashboard's kept rows once (db/dashboard-bulk.ts).
  if (list.length >= BULK_KEPT_COUNTS_FROM) withBulkKeptCounts(db, [documentId], acceptAll);
  else acceptAll();
  if (created.length > 0) markInProgress(db, documentId);
  return { created, skipped, sources };
}

export function acceptSuggestions(
  db: Db,
  annotator: string,
  input: { documentId: number; suggestions: SuggestionRef[]; leadTimeMs?: number },
): { created: number[]; skipped: number } {
  return db.transaction(() => {
    const { created, skipped } = writeAccepted(db, input.documentId, requireText(db, input.documentId), annotator, input.suggestions, input.leadTimeMs);
    return { created, skipped };
  })();
}

export function rejectSuggestion(db: Db, input: { documentId: number; suggestion: SuggestionRef }): { rejected: true } {
  return db.transaction(() => {
    const text = requireText(db, input.documentId);
    checkSuggestion(db, text, input.suggestion, 'suggestion');
    insertRejected(db, input.documentId, input.suggestion);
    return { rejected: true as const };
  })();
}
