// Annotation timing rows (#24, migration 017): spans' lead times, each coder's time per document,
// and the running totals of the openings that reported it.
import type { DashboardFilter } from '../../../shared/api/dashboard';
import type { DocumentTiming } from '../../../shared/api/timing';
import { statement, type Db } from './connection';
import { documentConditions, spansJoinedWhere } from './dashboard';

/** A project older than migration 017 opened read-only has no timing tables. */
export const hasTimingTables = (db: Db): boolean =>
  statement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'document_timings'").pluck().get() !== undefined;

const TIMING_COLUMNS = `t.document_id AS documentId, an.name AS annotator, t.first_opened_at AS firstOpenedAt, t.done_at AS doneAt, t.active_ms AS activeMs`;

export function documentTiming(db: Db, documentId: number, annotatorId: number): DocumentTiming | null {
  const row = statement(
    db,
    `SELECT ${TIMING_COLUMNS} FROM document_timings t JOIN annotators an ON an.id = t.annotator_id WHERE t.document_id = ? AND t.annotator_id = ?`,
  ).get(documentId, annotatorId) as DocumentTiming | undefined;
  return row ?? null;
}

/** Every coder's timing of one document, by coder name. */
export function documentTimings(db: Db, documentId: number): DocumentTiming[] {
  if (!hasTimingTables(db)) return [];
  return statement(
    db,
    `SELECT ${TIMING_COLUMNS} FROM document_timings t JOIN annotators an ON an.id = t.annotator_id WHERE t.document_id = ? ORDER BY an.name`,
  ).all(documentId) as DocumentTiming[];
}

/**
 * Adds what a session's running total `activeMs` exceeds the largest total it reported before, so
 * that a repeated report adds nothing and a lost one is made good by the next. Call in a transaction.
 */
export function recordSessionTime(
  db: Db,
  session: { sessionId: string; documentId: number; annotatorId: number; activeMs: number; now: string; openedAt: string },
): void {
  const before = statement(db, 'SELECT active_ms FROM timing_sessions WHERE session_id = ? AND document_id = ? AND annotator_id = ?')
    .pluck()
    .get(session.sessionId, session.documentId, session.annotatorId) as number | undefined;
  const added = Math.max(0, session.activeMs - (before ?? 0));
  if (before === undefined) {
    statement(db, 'INSERT INTO timing_sessions (session_id, document_id, annotator_id, active_ms, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      session.sessionId,
      session.documentId,
      session.annotatorId,
      session.activeMs,
      session.now,
    );
  } else if (added > 0) {
    statement(db, 'UPDATE timing_sessions SET active_ms = ?, updated_at = ? WHERE session_id = ? AND document_id = ? AND annotator_id = ?').run(
      session.activeMs,
      session.now,
      session.sessionId,
      session.documentId,
      session.annotatorId,
    );
  }
  statement(
    db,
    `INSERT INTO document_timings (document_id, annotator_id, first_opened_at, active_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (document_id, annotator_id) DO UPDATE SET active_ms = active_ms + excluded.active_ms,
        first_opened_at = min(first_opened_at, excluded.first_opened_at)`,
  ).run(session.documentId, session.annotatorId, session.openedAt, added);
}

/** The first time the coder's status for the document becomes done: keeps the time and the active time then. */
export function markDone(db: Db, documentId: number, annotatorId: number, now: string): void {
  statement(
    db,
    `INSERT INTO document_timings (document_id, annotator_id, first_opened_at, done_at, active_ms, active_ms_at_done) VALUES (?, ?, ?, ?, 0, 0)
      ON CONFLICT (document_id, annotator_id) DO UPDATE SET done_at = ?, active_ms_at_done = active_ms WHERE done_at IS NULL`,
  ).run(documentId, annotatorId, now, now, now);
}

export function setLeadTime(db: Db, annotationId: number, leadTimeMs: number): void {
  statement(db, 'UPDATE annotations SET lead_time_ms = ? WHERE id = ?').run(leadTimeMs, annotationId);
}

/** A document_timings row as stored, for export, hand-out and merge. */
export interface TimingRecord {
  documentId: number;
  annotatorId: number;
  firstOpenedAt: string;
  doneAt: string | null;
  activeMs: number;
  activeMsAtDone: number | null;
}

const RECORD_COLUMNS = `document_id AS documentId, annotator_id AS annotatorId, first_opened_at AS firstOpenedAt, done_at AS doneAt,
  active_ms AS activeMs, active_ms_at_done AS activeMsAtDone`;

export function timingRecordsOf(db: Db, documentId: number): TimingRecord[] {
  if (!hasTimingTables(db)) return [];
  return statement(db, `SELECT ${RECORD_COLUMNS} FROM document_timings WHERE document_id = ? ORDER BY annotator_id`).all(documentId) as TimingRecord[];
}

/**
 * Merges a timing record from another copy of the project (a coder's file, an import): the larger
 * active time (a coder's file carries the total it was handed out with, so adding would count the
 * earlier time twice), the earlier first opening and the earlier done. Merging the same record again
 * changes nothing.
 */
export function mergeTimingRecord(db: Db, record: TimingRecord): void {
  statement(
    db,
    `INSERT INTO document_timings (document_id, annotator_id, first_opened_at, done_at, active_ms, active_ms_at_done) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (document_id, annotator_id) DO UPDATE SET
        first_opened_at = min(first_opened_at, excluded.first_opened_at),
        active_ms = max(active_ms, excluded.active_ms),
        active_ms_at_done = CASE WHEN excluded.done_at IS NOT NULL AND (done_at IS NULL OR excluded.done_at < done_at)
          THEN excluded.active_ms_at_done ELSE active_ms_at_done END,
        done_at = CASE WHEN done_at IS NULL THEN excluded.done_at ELSE min(done_at, coalesce(excluded.done_at, done_at)) END`,
  ).run(record.documentId, record.annotatorId, record.firstOpenedAt, record.doneAt, record.activeMs, record.activeMsAtDone);
}

export interface DocumentTimingDbRow extends DocumentTiming {
  title: string;
  activeMsAtDone: number | null;
}

/**
 * Per document per coder timing under the filter (documents by metadata, coders by name; labels and
 * review states concern spans and do not narrow documents), longest active time first.
 */
export function documentTimingRows(db: Db, filter: DashboardFilter, limit: number): DocumentTimingDbRow[] {
  const docs = documentConditions(filter);
  const parts = docs.sql ? [docs.sql] : [];
  const params = [...docs.params];
  if (filter.annotator !== undefined) {
    parts.push('an.name = ?');
    params.push(filter.annotator);
  }
  return statement(
    db,
    `SELECT ${TIMING_COLUMNS}, d.title AS title, t.active_ms_at_done AS activeMsAtDone
      FROM document_timings t JOIN documents d ON d.id = t.document_id JOIN annotators an ON an.id = t.annotator_id
      ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''}
      ORDER BY t.active_ms DESC, t.document_id, an.name LIMIT ?`,
  ).all(...params, limit) as DocumentTimingDbRow[];
}

/** [annotator, label id, lead time] of every span with a lead time under the filter, ordered so each group's times come sorted. */
export type LeadTimeRow = [annotator: string, labelId: number, leadTimeMs: number];

export function leadTimeRows(db: Db, filter: DashboardFilter): LeadTimeRow[] {
  const spans = spansJoinedWhere(filter);
  const where = spans.sql ? `${spans.sql} AND a.lead_time_ms IS NOT NULL` : 'WHERE a.lead_time_ms IS NOT NULL';
  return statement(
    db,
    `SELECT an.name, a.label_id, a.lead_time_ms FROM annotations a JOIN annotators an ON an.id = a.annotator_id
      ${where} ORDER BY an.name, a.label_id, a.lead_time_ms`,
  )
    .raw(true)
    .all(...spans.params) as LeadTimeRow[];
}

/** [span id, lead time] of the documents' spans that have one (through the partial index of migration 017). */
export function readExportLeadTimes(db: Db, documentIds: readonly number[]): [number, number][] {
  if (!hasTimingTables(db)) return [];
  return statement(db, 'SELECT id, lead_time_ms FROM annotations WHERE document_id IN (SELECT value FROM json_each(?)) AND lead_time_ms IS NOT NULL')
    .raw(true)
    .all(JSON.stringify(documentIds)) as [number, number][];
}

/** The documents' timing records, in document order. */
export function readExportTimings(db: Db, documentIds: readonly number[]): TimingRecord[] {
  if (!hasTimingTables(db)) return [];
  return statement(
    db,
    `SELECT ${RECORD_COLUMNS} FROM document_timings WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, annotator_id`,
  ).all(JSON.stringify(documentIds)) as TimingRecord[];
}

/** A document's timings with the coders' names, as a coder file or an export carries them (merge). */
export function namedTimingRecords(db: Db, documentId: number): (Omit<TimingRecord, 'annotatorId' | 'documentId'> & { annotator: string })[] {
  if (!hasTimingTables(db)) return [];
  return statement(
    db,
    `SELECT an.name AS annotator, t.first_opened_at AS firstOpenedAt, t.done_at AS doneAt, t.active_ms AS activeMs, t.active_ms_at_done AS activeMsAtDone
      FROM document_timings t JOIN annotators an ON an.id = t.annotator_id WHERE t.document_id = ? ORDER BY an.name`,
  ).all(documentId) as (Omit<TimingRecord, 'annotatorId' | 'documentId'> & { annotator: string })[];
}

/**
 * A hand-out file (attached project `src` → `out`) gets the coder's own timings of its documents, so
 * that the time they spend in it adds to what they had; merging takes the larger total back.
 */
export function copyCoderTimings(out: Db, coder: string, coderId: number, documentIds: readonly number[]): void {
  const sourceHasTimings = out.prepare("SELECT 1 FROM src.sqlite_schema WHERE type = 'table' AND name = 'document_timings'").pluck().get();
  if (!sourceHasTimings) return;
  out
    .prepare(
      `INSERT INTO document_timings (document_id, annotator_id, first_opened_at, done_at, active_ms, active_ms_at_done)
        SELECT t.document_id, ?, t.first_opened_at, t.done_at, t.active_ms, t.active_ms_at_done
        FROM src.document_timings t JOIN src.annotators an ON an.id = t.annotator_id
        WHERE an.name = ? AND t.document_id IN (SELECT value FROM json_each(?))`,
    )
    .run(coderId, coder, JSON.stringify(documentIds));
}
