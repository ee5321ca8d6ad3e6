// Dashboard aggregates (#24). Counts by label, month, district, source, status, coder and day are
// GROUP BYs here, over the per-document counts migration 018 keeps (dashboard_span_counts) or, in a
// project of an older schema opened read-only, over the spans themselves. Mention texts: see
// dashboard-mentions.ts (kept) and dashboard/service.ts (cut in JavaScript for older schemas).
import type { DashboardFilter } from '../../../shared/api/dashboard';
import type { DocumentStatus, ReviewState } from '../../../shared/model';
import { statement, type Db } from './connection';
import { hasEntityTables } from './entities';

export interface Where {
  sql: string;
  params: unknown[];
}

const joinWhere = (parts: string[]): string => (parts.length ? `WHERE ${parts.join(' AND ')}` : '');

/** Conditions on the spans `a` (label, coder, review state). */
function spanWhere(filter: DashboardFilter, extra: string[] = []): Where {
  const parts = [...extra];
  const params: unknown[] = [];
  if (filter.labelIds) {
    parts.push(`a.label_id IN (${filter.labelIds.map(() => '?').join(', ')})`);
    params.push(...filter.labelIds);
  }
  if (filter.annotator !== undefined) {
    parts.push('a.annotator_id = (SELECT id FROM annotators WHERE name = ?)');
    params.push(filter.annotator);
  }
  if (filter.reviewState) {
    parts.push('a.review_state = ?');
    params.push(filter.reviewState);
  }
  return { sql: joinWhere(parts), params };
}

/** Conditions on the documents `d` (dates inclusive, as the document list filters them), joined by AND; '' when none. */
export function documentConditions(filter: DashboardFilter): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => (parts.push(sql), params.push(value));
  if (filter.dateFrom) add('d.published_at >= ?', filter.dateFrom);
  if (filter.dateTo) add('d.published_at < ?', `${filter.dateTo}~`);
  if (filter.source !== undefined) add('d.source = ?', filter.source);
  if (filter.district !== undefined) add('d.district = ?', filter.district);
  if (filter.status) add('d.status = ?', filter.status);
  return { sql: parts.join(' AND '), params };
}

function documentWhere(filter: DashboardFilter): Where {
  const conditions = documentConditions(filter);
  return { sql: conditions.sql ? `WHERE ${conditions.sql}` : '', params: conditions.params };
}

/** Whether the project keeps the dashboard's counts (migration 018; an older read-only project does not). */
export function hasDashboardCounts(db: Db): boolean {
  return statement(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dashboard_span_counts'").get() !== undefined;
}

/**
 * The rows counted: the kept counts per document, label, coder, review state and day (`a.spans`
 * spans each), or the spans themselves (one each). Both have the columns spanWhere filters on.
 */
const countedRows = (kept: boolean) =>
  kept
    ? // Grouped in the order of the kept counts' unique index (document first), so no sort is needed.
      { from: 'dashboard_span_counts a', spans: 'sum(a.spans)', perDocument: 'a.document_id, a.label_id' }
    : { from: 'annotations a', spans: 'count(*)', perDocument: 'a.label_id, a.document_id' };

/**
 * Spans counted per label and document first (from the label index alone when only labels are
 * filtered), then joined to the far fewer documents: joining each of a million spans to its
 * document took 0.8 s on the bench corpus.
 */
export function perLabelDocument(filter: DashboardFilter, key: string, kept = false): { sql: string; params: unknown[] } {
  const spans = spanWhere(filter);
  const docs = documentWhere(filter);
  const rows = countedRows(kept);
  return {
    sql: `SELECT c.label_id AS labelId, ${key} AS key, sum(c.n) AS mentions, count(*) AS documents
      FROM (SELECT a.label_id, a.document_id, ${rows.spans} AS n FROM ${rows.from} ${spans.sql} GROUP BY ${rows.perDocument}) c
      JOIN documents d ON d.id = c.document_id ${docs.sql}
      GROUP BY c.label_id, key ORDER BY c.label_id, key`,
    params: [...spans.params, ...docs.params],
  };
}

export interface LabelKeyCount {
  labelId: number;
  key: string | null;
  mentions: number;
  documents: number;
}

/** Spans and documents per label and month (YYYY-MM of the publication date; null undated). */
export function mentionsPerMonth(db: Db, filter: DashboardFilter): LabelKeyCount[] {
  const { sql, params } = perLabelDocument(filter, 'substr(d.published_at, 1, 7)', hasDashboardCounts(db));
  return db.prepare(sql).all(...params) as LabelKeyCount[];
}

/** Spans and documents per label and district or source. */
export function mentionsPerDocumentField(db: Db, filter: DashboardFilter, field: 'district' | 'source'): LabelKeyCount[] {
  const { sql, params } = perLabelDocument(filter, field === 'district' ? 'd.district' : 'd.source', hasDashboardCounts(db));
  return db.prepare(sql).all(...params) as LabelKeyCount[];
}

/** Spans linked to the chosen entities, per label, entity and month. */
export function entityMentionsPerMonth(db: Db, filter: DashboardFilter, entityIds: readonly number[]): (LabelKeyCount & { entityId: number })[] {
  if (!hasEntityTables(db)) return [];
  const spans = spanWhere(filter, [`a.entity_id IN (${entityIds.map(() => '?').join(', ')})`]);
  const docs = documentWhere(filter);
  const sql = `SELECT c.label_id AS labelId, c.entity_id AS entityId, substr(d.published_at, 1, 7) AS key, sum(c.n) AS mentions, count(*) AS documents
    FROM (SELECT a.label_id, a.entity_id, a.document_id, count(*) AS n FROM annotations a ${spans.sql} GROUP BY a.label_id, a.entity_id, a.document_id) c
    JOIN documents d ON d.id = c.document_id ${docs.sql}
    GROUP BY c.label_id, c.entity_id, key ORDER BY c.label_id, c.entity_id, key`;
  return db.prepare(sql).all(...entityIds, ...spans.params, ...docs.params) as (LabelKeyCount & { entityId: number })[];
}

/** A filtered span for the mention aggregates: document, place, label, entity (0 = none), month. */
export type DashboardSpan = [documentId: number, start: number, end: number, labelId: number, entityId: number, month: string | null];

/** Every span under the filter, ordered by document (the texts are then read once per document). */
export function filteredSpans(db: Db, filter: DashboardFilter): DashboardSpan[] {
  const spans = spanWhere(filter);
  const docs = documentWhere(filter);
  const entity = hasEntityTables(db) ? 'coalesce(a.entity_id, 0)' : '0';
  const sql = `SELECT a.document_id, a.start, a.end, a.label_id, ${entity}, substr(d.published_at, 1, 7)
    FROM (SELECT a.* FROM annotations a ${spans.sql}) a JOIN documents d ON d.id = a.document_id ${docs.sql}
    ORDER BY a.document_id`;
  return db
    .prepare(sql)
    .raw(true)
    .all(...spans.params, ...docs.params) as DashboardSpan[];
}

export function documentText(db: Db, documentId: number): string {
  // Its own SQL text: the statement cache is shared, and pluck() changes the cached statement's mode.
  return (statement(db, 'SELECT dt.text FROM document_texts dt WHERE dt.document_id = ?').pluck(true).get(documentId) as string | undefined) ?? '';
}

export function entityNames(db: Db, ids: readonly number[]): Map<number, string> {
  if (!ids.length || !hasEntityTables(db)) return new Map();
  const rows = db.prepare(`SELECT id, name FROM entities WHERE id IN (SELECT value FROM json_each(?))`).raw(true).all(JSON.stringify(ids)) as [
    number,
    string,
  ][];
  return new Map(rows);
}

export function documentsByStatus(db: Db, filter: DashboardFilter): { status: DocumentStatus; documents: number }[] {
  const docs = documentWhere(filter);
  return db
    .prepare(`SELECT d.status AS status, count(*) AS documents FROM documents d ${docs.sql} GROUP BY d.status ORDER BY d.status`)
    .all(...docs.params) as {
    status: DocumentStatus;
    documents: number;
  }[];
}

/** The spans' documents narrowed by the document filter: an IN over the documents only when one is set. */
function spanDocumentCondition(filter: DashboardFilter): Where {
  const docs = documentWhere(filter);
  if (!docs.sql) return { sql: '', params: [] };
  return { sql: `a.document_id IN (SELECT d.id FROM documents d ${docs.sql})`, params: docs.params };
}

/** Conditions on the spans (or kept counts) `a`, their documents included (an IN over the documents). */
export function spansJoinedWhere(filter: DashboardFilter): Where {
  const inDocs = spanDocumentCondition(filter);
  const spans = spanWhere(filter, inDocs.sql ? [inDocs.sql] : []);
  return { sql: spans.sql, params: [...inDocs.params, ...spans.params] };
}

export function spansPerAnnotatorDay(db: Db, filter: DashboardFilter): { annotator: string; day: string; spans: number }[] {
  const where = spansJoinedWhere(filter);
  const kept = hasDashboardCounts(db);
  const rows = countedRows(kept);
  const day = kept ? 'a.day' : 'substr(a.created_at, 1, 10)';
  const sql = `SELECT n.name AS annotator, c.day AS day, c.spans AS spans
    FROM (SELECT a.annotator_id, ${day} AS day, ${rows.spans} AS spans FROM ${rows.from} ${where.sql} GROUP BY a.annotator_id, ${day}) c
    JOIN annotators n ON n.id = c.annotator_id ORDER BY n.name, c.day`;
  return db.prepare(sql).all(...where.params) as { annotator: string; day: string; spans: number }[];
}

export function reviewStatesPerLabel(db: Db, filter: DashboardFilter): { labelId: number; reviewState: ReviewState; spans: number }[] {
  const where = spansJoinedWhere(filter);
  const rows = countedRows(hasDashboardCounts(db));
  const sql = `SELECT a.label_id AS labelId, a.review_state AS reviewState, ${rows.spans} AS spans FROM ${rows.from} ${where.sql}
    GROUP BY a.label_id, a.review_state ORDER BY a.label_id, a.review_state`;
  return db.prepare(sql).all(...where.params) as { labelId: number; reviewState: ReviewState; spans: number }[];
}
