// The document list's query as documents:list's filter, apart from the list's hook so it can be used
// (and tested) without the API client.
import type { DocumentListFilter } from '../../../shared/api/documents';
import type { ListQuery } from './useDocumentList';

/** The list's query as documents:list's filter (the Suggestions panel pre-annotates the listed documents with it too). */
export function toFilter(q: ListQuery): DocumentListFilter {
  const filter: DocumentListFilter = {};
  if (q.status) filter.status = q.status;
  if (q.source?.trim()) filter.source = q.source.trim();
  if (q.district?.trim()) filter.district = q.district.trim();
  if (q.titleContains?.trim()) filter.titleContains = q.titleContains.trim();
  if (q.dateFrom) filter.dateFrom = q.dateFrom;
  if (q.dateTo) filter.dateTo = q.dateTo;
  for (const key of ['withLabel', 'withoutLabel', 'annotator'] as const) if (q[key]) filter[key] = q[key];
  if (q.review) filter.review = q.review;
  for (const key of ['hasWarnings', 'hasSpans'] as const) if (q[key] !== undefined) filter[key] = q[key];
  if (q.spanReview) filter.spanReview = q.spanReview;
  for (const key of ['labels', 'mentions', 'entityIds'] as const) if (q[key]?.length) Object.assign(filter, { [key]: q[key] });
  return filter;
}
