// Pre-annotation (#22): proposes spans in many documents as a job. Suggestions at or above
// `acceptAbove` become the coder's spans (as if accepted in the reader: origin 'suggested', one
// undo step per document); the rest stay proposals. The job runs on the core's thread one
// document at a time, yielding between documents so that other calls are answered meanwhile, and
// writes everything in one transaction at the end: a cancelled job writes nothing. A pattern that
// runs out of its time in one document is skipped in the job's later documents too (each would
// cost its whole time limit again), and the report names it.
import type { PreannotateReport, SuggestionRef, SuggestionSource } from '../../../shared/api/suggestions';
import { ApiFailure } from '../../../shared/api/result';
import type { ProjectSession } from '../app/session';
import type { JobManager } from '../app/jobs';
import type { Db } from '../db/connection';
import { annotatorIdByName } from '../db/document-filters';
import { getDocumentText } from '../db/documents';
import { allDocumentIds, missingDocumentIds } from '../db/suggestions';
import { ALL_SOURCES, proposalsFor, writeAccepted } from './service';
import type { TimedOutPattern } from './timed-patterns';

export interface PreannotateInput {
  sources?: SuggestionSource[];
  documentIds?: number[];
  acceptAbove?: number;
}

const yieldToOtherCalls = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `annotator`: whose dictionary and whose spans (default the session's coder; the CLI's --annotator). */
export function startPreannotate(session: ProjectSession, jobs: JobManager, input: PreannotateInput, annotator = session.annotator()): { jobId: string } {
  const db = session.requireWritableDb();
  const acceptAbove = input.acceptAbove ?? 0.9;
  const sources = input.sources ?? ALL_SOURCES;
  const ids = input.documentIds ? [...new Set(input.documentIds)].sort((a, b) => a - b) : allDocumentIds(db);
  const missing = input.documentIds ? missingDocumentIds(db, ids) : [];
  if (missing.length > 0)
    throw new ApiFailure('invalid_input', `documentIds: no document ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ' …' : ''}`);
  return jobs.start('suggestions-preannotate', async (control) => {
    const annotatorId = annotatorIdByName(db, annotator);
    const toAccept: { documentId: number; suggestions: SuggestionRef[] }[] = [];
    let proposed = 0;
    const skippedPatterns = new Map<number, PreannotateReport['skippedPatterns'][number]>();
    for (let i = 0; i < ids.length; i++) {
      if (control.cancelled) throw new ApiFailure('cancelled', 'Cancelled; nothing was written.');
      const text = getDocumentText(db, ids[i]) ?? '';
      const timedOut: TimedOutPattern[] = [];
      const found = proposalsFor(db, ids[i], text, annotatorId, sources, { skipPatterns: new Set(skippedPatterns.keys()), timedOut });
      for (const skipped of skippedPatterns.values()) skipped.documents++;
      for (const { id, name, message } of timedOut)
        skippedPatterns.set(id, { id, name, documents: 1, message: `${message} (document ${ids[i]}; skipped in the job's later documents)` });
      const accepted = found.filter((s) => s.confidence >= acceptAbove);
      proposed += found.length - accepted.length;
      if (accepted.length > 0) toAccept.push({ documentId: ids[i], suggestions: accepted });
      control.progress(i + 1, ids.length, `${i + 1} of ${ids.length} documents`);
      await yieldToOtherCalls();
    }
    if (control.cancelled) throw new ApiFailure('cancelled', 'Cancelled; nothing was written.');
    return writeAll(session, db, annotator, toAccept, { documents: ids.length, proposed, skippedPatterns: [...skippedPatterns.values()] });
  });
}

function writeAll(
  session: ProjectSession,
  db: Db,
  annotator: string,
  toAccept: { documentId: number; suggestions: SuggestionRef[] }[],
  counts: Pick<PreannotateReport, 'documents' | 'proposed' | 'skippedPatterns'>,
): PreannotateReport {
  // The project may have been closed or switched while the job ran.
  if (session.requireWritableDb() !== db) throw new ApiFailure('conflict', 'The project was closed while pre-annotating; nothing was written.');
  const bySource = new Map<SuggestionSource, number>();
  let created = 0;
  let skipped = 0;
  db.transaction(() => {
    for (const { documentId, suggestions } of toAccept) {
      const text = getDocumentText(db, documentId);
      if (text === null) continue; // deleted meanwhile
      const written = writeAccepted(db, documentId, text, annotator, suggestions);
      created += written.created.length;
      skipped += written.skipped;
      for (const source of written.sources) bySource.set(source, (bySource.get(source) ?? 0) + 1);
    }
  })();
  return { ...counts, created, skipped, bySource: [...bySource].map(([source, n]) => ({ source, created: n })) };
}
