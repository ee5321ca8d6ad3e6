// WHERE clauses of the document list. Each span filter is a correlated EXISTS answered by one
// index seek per document (annotations_label, annotations_annotator, annotations_review: each
// (x, document_id), migration 008), so a page of 200 reads a few hundred index entries and the
// total costs one seek per document, never a scan of every span.
import type { ReviewProgress } from '../../../shared/api/documents';
import type { DocumentStatus, ReviewState } from '../../../shared/model';
import type { Db } from './connection';
import { statement } from './connection';

export interface DocumentFilter {
  status?: DocumentStatus;
  source?: string;
  titleContains?: string;
  dateFrom?: string;
  dateTo?: string;
  /** Resolved from keys and names by the handler; null (a key or name the project does not know) matches no span. */
  withLabelId?: number | null;
  withoutLabelId?: number | null;
  annotatorId?: number | null;
  hasWarnings?: boolean;
  hasSpans?: boolean;
  review?: ReviewProgress;
  district?: string;
  /** Keys resolved to ids by the handler (unknown keys left out: an empty list matches no span). */
  labelIds?: number[];
  spanReview?: ReviewState;
  /** Per text mention, the documents holding it (resolved in JavaScript: see mentionSpanCandidates). */
  mentionDocumentIds?: number[][];
  /** Spans linked to each of these entities, of the label when given (null: a label the project does not know); only where the entity tables exist. */
  entities?: { entityId: number; labelId?: number | null }[];
}

/** The dashboard's span conditions, met by one span: any of the labels, the coder, the review state. */
export interface SpanConditions {
  labelIds?: number[];
  annotatorId?: number | null;
  spanReview?: ReviewState;
}

export function spanConditionsSql(conditions: SpanConditions): { sql: string[]; params: (string | number | null)[] } {
  const sql: string[] = [];
  const params: (string | number | null)[] = [];
  if (conditions.labelIds) {
    sql.push(conditions.labelIds.length ? `a.label_id IN (${conditions.labelIds.map(() => '?').join(', ')})` : '0');
    params.push(...conditions.labelIds);
  }
  if (conditions.annotatorId !== undefined) {
    sql.push('a.annotator_id = ?');
    params.push(conditions.annotatorId);
  }
  if (conditions.spanReview) {
    sql.push('a.review_state = ?');
    params.push(conditions.spanReview);
  }
  return { sql, params };
}

const spanExists = (condition: string) => `EXISTS (SELECT 1 FROM annotations a WHERE a.document_id = documents.id AND ${condition})`;
// Two seeks (accepted, rejected) rather than review_state <> 'pending', which no index answers.
const REVIEWED = spanExists(`a.review_state IN ('accepted', 'rejected')`);
const PENDING = spanExists(`a.review_state = 'pending'`);

export function documentFilterSql(filter: DocumentFilter): { where: string; params: (string | number | null)[] } {
  const where: string[] = [];
  const params: (string | number | null)[] = [];
  if (filter.status) {
    where.push('status = ?');
    params.push(filter.status);
  }
  if (filter.source) {
    where.push('source = ?');
    params.push(filter.source);
  }
  if (filter.titleContains) {
    where.push('instr(title, ?) > 0');
    params.push(filter.titleContains);
  }
  if (filter.dateFrom) {
    where.push('published_at >= ?');
    params.push(filter.dateFrom);
  }
  if (filter.dateTo) {
    where.push('published_at < ?');
    params.push(`${filter.dateTo}~`);
  }
  if (filter.withLabelId !== undefined) {
    where.push(spanExists('a.label_id = ?'));
    params.push(filter.withLabelId);
  }
  if (filter.withoutLabelId !== undefined) {
    where.push(`NOT ${spanExists('a.label_id = ?')}`);
    params.push(filter.withoutLabelId);
  }
  if (filter.annotatorId !== undefined) {
    where.push(spanExists('a.annotator_id = ?'));
    params.push(filter.annotatorId);
  }
  if (filter.hasWarnings !== undefined) where.push(`json_array_length(warnings_json) ${filter.hasWarnings ? '>' : '='} 0`);
  if (filter.hasSpans !== undefined) where.push(filter.hasSpans ? 'span_count > 0' : 'span_count = 0');
  if (filter.district) {
    where.push('district = ?');
    params.push(filter.district);
  }
  const span = spanConditionsSql(filter);
  const oneSpan = filter.labelIds !== undefined || filter.spanReview !== undefined;
  if (oneSpan && !filter.mentionDocumentIds?.length && !filter.entities?.length) {
    where.push(spanExists(span.sql.join(' AND ')));
    params.push(...span.params);
  }
  for (const ids of filter.mentionDocumentIds ?? []) {
    where.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(ids));
  }
  for (const { entityId, labelId } of filter.entities ?? []) {
    const label = labelId === undefined ? [] : ['a.label_id IS ?'];
    where.push(spanExists(['a.entity_id = ?', ...label, ...span.sql].join(' AND ')));
    params.push(entityId, ...(labelId === undefined ? [] : [labelId]), ...span.params);
  }
  if (filter.review === 'all_reviewed') where.push(`span_count > 0 AND NOT ${PENDING}`);
  else if (filter.review === 'some_pending') where.push(PENDING);
  else if (filter.review === 'none_reviewed') where.push(`span_count > 0 AND NOT ${REVIEWED}`);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * Spans that may have this exact text: of its UTF-16 length (span offsets are UTF-16 units, which
 * SQLite's substr does not count), meeting the span conditions, in documents that may hold it —
 * with `digests`, those whose span text digests (migration 015) of the span's possible labels hold
 * it, and every stale document; without, those whose text holds it (a scan of every text: 0.45 s
 * over the bench corpus, against a few ms for the digests). The caller compares each span's text
 * exactly, and asks `unlinked` only where entity tables exist.
 */
export function mentionSpanCandidates(
  db: Db,
  text: string,
  conditions: SpanConditions & { labelId?: number | null; unlinked?: boolean },
  digests: boolean,
): [documentId: number, start: number, end: number][] {
  const span = spanConditionsSql(conditions);
  const extra: string[] = [];
  const params: (string | number | null)[] = [];
  if (conditions.labelId !== undefined) (extra.push('a.label_id IS ?'), params.push(conditions.labelId));
  if (conditions.unlinked) extra.push('a.entity_id IS NULL');
  const where = ['a.end - a.start = ?', ...extra, ...span.sql].join(' AND ');
  const labels = conditions.labelId !== undefined ? [conditions.labelId] : conditions.labelIds;
  const candidates = digests
    ? `SELECT g.document_id FROM span_text_digests g WHERE ${labels ? `g.label_id IN (SELECT value FROM json_each(?)) AND ` : ''}instr(g.texts, ?) > 0
       UNION SELECT document_id FROM span_text_stale`
    : 'SELECT t.document_id FROM document_texts t WHERE instr(t.text, ?) > 0';
  return db
    .prepare(`SELECT a.document_id, a.start, a.end FROM annotations a WHERE ${where} AND a.document_id IN (${candidates}) ORDER BY a.document_id`)
    .raw(true)
    .all(text.length, ...params, ...span.params, ...(digests && labels ? [JSON.stringify(labels)] : []), text) as [number, number, number][];
}

export function annotatorIdByName(db: Db, name: string): number | null {
  return (statement(db, 'SELECT id FROM annotators WHERE name = ?').get(name) as { id: number } | undefined)?.id ?? null;
}

/** Distinct districts or sources, most documents first (a scan of the documents table: 20,000 rows). */
export function documentFieldValues(db: Db, field: 'district' | 'source'): { value: string; documents: number }[] {
  const column = field === 'district' ? 'district' : 'source';
  return statement(
    db,
    `SELECT ${column} AS value, count(*) AS documents FROM documents WHERE ${column} IS NOT NULL AND ${column} <> '' GROUP BY ${column} ORDER BY documents DESC, value`,
  ).all() as { value: string; documents: number }[];
}
