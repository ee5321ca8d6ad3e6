// Annotation timing (#24): the activity clock's reports, done times, and the dashboard's rows.
import type { DashboardTimingInput, DocumentTiming, LeadTimeStats, TimingDashboard, TimingRecordInput } from '../../../shared/api/timing';
import { LEAD_TIME_BIN_EDGES_MS } from '../../../shared/api/timing';
import { ApiFailure } from '../../../shared/api/result';
import { nowIso, type Db } from '../db/connection';
import { getDocumentSummary } from '../db/documents';
import { ensureAnnotator } from '../db/meta';
import * as timing from '../db/timing';

/** Adds a session's active time on a document for `annotator` (see timing:record). */
export function recordTime(db: Db, annotator: string, input: TimingRecordInput, projectPath: string): DocumentTiming {
  if (input.project !== undefined && input.project !== projectPath) {
    throw new ApiFailure('conflict', `This time was spent in ${input.project}, not in the open project ${projectPath}; it was not recorded.`);
  }
  return db.transaction(() => {
    if (!getDocumentSummary(db, input.documentId)) throw new ApiFailure('not_found', `Document ${input.documentId} does not exist`);
    const annotatorId = ensureAnnotator(db, annotator);
    const now = Date.now();
    const openedAt = new Date(now - (input.openedMsAgo ?? 0)).toISOString();
    const { documentId, sessionId, activeMs } = input;
    timing.recordSessionTime(db, { documentId, sessionId, activeMs, annotatorId, now: new Date(now).toISOString(), openedAt });
    return timing.documentTiming(db, input.documentId, annotatorId)!;
  })();
}

/** The coder set the document's status: the first done is kept with the active time at that moment. */
export function statusChanged(db: Db, documentId: number, annotator: string, status: string): void {
  if (status !== 'done' || !timing.hasTimingTables(db)) return;
  db.transaction(() => timing.markDone(db, documentId, ensureAnnotator(db, annotator), nowIso()))();
}

/** The value at quantile q of sorted values (nearest rank, so always one of them). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The histogram bin of a lead time: the last edge at or below it. */
export function binOf(ms: number): number {
  let bin = 0;
  while (bin + 1 < LEAD_TIME_BIN_EDGES_MS.length && ms >= LEAD_TIME_BIN_EDGES_MS[bin + 1]) bin++;
  return bin;
}

function stats(annotator: string, labelId: number, sorted: number[]): LeadTimeStats {
  const histogram = LEAD_TIME_BIN_EDGES_MS.map(() => 0);
  let sum = 0;
  for (const ms of sorted) {
    histogram[binOf(ms)]++;
    sum += ms;
  }
  return {
    annotator,
    labelId,
    spans: sorted.length,
    medianMs: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    meanMs: Math.round(sum / sorted.length),
    histogram,
  };
}

export function dashboardTiming(db: Db, input: DashboardTimingInput): TimingDashboard {
  if (!timing.hasTimingTables(db)) return { documents: [], documentsTruncated: false, leadTimes: [], binEdgesMs: LEAD_TIME_BIN_EDGES_MS };
  const rows = timing.documentTimingRows(db, input.filter, input.documentLimit + 1);
  const documents = rows
    .slice(0, input.documentLimit)
    .map(({ activeMsAtDone, ...row }) => ({ ...row, activeMsToDone: row.doneAt === null ? null : activeMsAtDone }));
  const leadTimes: LeadTimeStats[] = [];
  let group: number[] = [];
  let key: [string, number] | null = null;
  for (const [annotator, labelId, ms] of timing.leadTimeRows(db, input.filter)) {
    if (!key || key[0] !== annotator || key[1] !== labelId) {
      if (key) leadTimes.push(stats(key[0], key[1], group));
      key = [annotator, labelId];
      group = [];
    }
    group.push(ms);
  }
  if (key) leadTimes.push(stats(key[0], key[1], group));
  return { documents, documentsTruncated: rows.length > input.documentLimit, leadTimes, binEdgesMs: LEAD_TIME_BIN_EDGES_MS };
}
