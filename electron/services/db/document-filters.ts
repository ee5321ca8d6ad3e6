// WHERE clauses of the document list. Each span filter is a correlated EXISTS answered by one
// index seek per document (annotations_label, annotations_annotator, annotations_review: each
// (x, document_id), migration 008), so a page of 200 reads a few hundred index entries and the
// total costs one seek per document, never a scan of every span.
import type { ReviewProgress } from '../../../shared/api/documents';
import type { DocumentStatus } from '../../../shared/model';
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
  if (filter.review === 'all_reviewed') where.push(`span_count > 0 AND NOT ${PENDING}`);
  else if (filter.review === 'some_pending') where.push(PENDING);
  else if (filter.review === 'none_reviewed') where.push(`span_count > 0 AND NOT ${REVIEWED}`);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function annotatorIdByName(db: Db, name: string): number | null {
  return (statement(db, 'SELECT id FROM annotators WHERE name = ?').get(name) as { id: number } | undefined)?.id ?? null;
}
