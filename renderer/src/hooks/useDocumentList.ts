// The document list as a sparse, paged cache: pages of 200 are fetched as rows scroll into view,
// so 10,000 documents cost one page request per 200 rows actually seen.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { toFilter } from './listFilter';
import type { DOCUMENT_SORT_KEYS, ReviewProgress } from '../../../shared/api/document-query';
import type { MentionCondition } from '../../../shared/api/documents';
import type { DocumentStatus, DocumentSummary, ReviewState } from '../../../shared/model';

export const PAGE = 200;

export type SortKey = (typeof DOCUMENT_SORT_KEYS)[number];

export interface ListQuery {
  status?: DocumentStatus;
  source?: string;
  titleContains?: string;
  dateFrom?: string;
  dateTo?: string;
  /** Span filters (see shared/api/documents.ts documentFilter). */
  withLabel?: string;
  withoutLabel?: string;
  annotator?: string;
  hasWarnings?: boolean;
  hasSpans?: boolean;
  review?: ReviewProgress;
  district?: string;
  /** The dashboard's span filter (a drill from a chart): label keys, review state, mentions, entities. */
  labels?: string[];
  spanReview?: ReviewState;
  mentions?: MentionCondition[];
  entityIds?: number[];
  sort: SortKey;
  direction: 'asc' | 'desc';
}

export interface DocumentList {
  total: number | null;
  item: (index: number) => DocumentSummary | undefined;
  /** Makes sure the pages covering [from, to) are loaded or loading. */
  ensure: (from: number, to: number) => void;
  indexOf: (id: number) => number;
  /** Loads (if needed) and returns the row at index. */
  fetchIndex: (index: number) => Promise<DocumentSummary | undefined>;
  patch: (summary: DocumentSummary) => void;
  reload: () => void;
  version: number;
}

export { toFilter } from './listFilter';

export function useDocumentList(query: ListQuery, onError: (message: string) => void): DocumentList {
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const pages = useRef(new Map<number, DocumentSummary[]>());
  const loading = useRef(new Map<number, Promise<void>>());
  const generation = useRef(0);
  const queryKey = JSON.stringify(query);

  // The pages cached are of this query. Whichever asks first after the query changed (the list's own
  // effects run before this hook's) starts the new cache, so a change sends one request, not two.
  const cachedQuery = useRef(queryKey);
  const forget = useCallback(() => {
    generation.current++;
    pages.current = new Map();
    loading.current = new Map();
  }, []);

  const loadPage = useCallback(
    (page: number): Promise<void> => {
      if (cachedQuery.current !== queryKey) {
        cachedQuery.current = queryKey;
        forget();
        setTotal(null);
      }
      const existing = loading.current.get(page);
      if (existing) return existing;
      const gen = generation.current;
      const q = JSON.parse(queryKey) as ListQuery;
      const promise = api
        .call('documents:list', { filter: toFilter(q), sort: q.sort, direction: q.direction, offset: page * PAGE, limit: PAGE })
        .then((result) => {
          if (gen !== generation.current) return;
          if (!result.ok) {
            loading.current.delete(page);
            onError(result.error.message);
            return;
          }
          pages.current.set(page, result.value.items);
          setTotal(result.value.total);
          setVersion((v) => v + 1);
        });
      loading.current.set(page, promise);
      return promise;
    },
    [queryKey, onError, forget],
  );

  const reload = useCallback(() => {
    forget();
    void loadPage(0);
  }, [forget, loadPage]);

  useEffect(() => {
    void loadPage(0);
  }, [loadPage]);

  const item = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE], []);

  const ensure = useCallback(
    (from: number, to: number) => {
      for (let p = Math.floor(from / PAGE); p <= Math.floor(Math.max(from, to - 1) / PAGE); p++) {
        if (!pages.current.has(p)) void loadPage(p);
      }
    },
    [loadPage],
  );

  const indexOf = useCallback((id: number) => indexInPages(pages.current, id), []);

  const fetchIndex = useCallback(
    async (index: number) => {
      const p = Math.floor(index / PAGE);
      if (!pages.current.has(p)) await loadPage(p);
      return pages.current.get(p)?.[index % PAGE];
    },
    [loadPage],
  );

  const patch = useCallback((summary: DocumentSummary) => {
    patchPages(pages.current, summary);
    setVersion((v) => v + 1);
  }, []);

  return { total, item, ensure, indexOf, fetchIndex, patch, reload, version };
}

/** The position of document `id` in the list, among the pages loaded; -1 when not loaded. */
function indexInPages(pages: Map<number, DocumentSummary[]>, id: number): number {
  for (const [p, items] of pages) {
    const i = items.findIndex((d) => d.id === id);
    if (i !== -1) return p * PAGE + i;
  }
  return -1;
}

/** A document's summary changed (status, counts): the loaded pages show it without a refetch. */
function patchPages(pages: Map<number, DocumentSummary[]>, summary: DocumentSummary): void {
  for (const items of pages.values()) {
    const i = items.findIndex((d) => d.id === summary.id);
    if (i !== -1) items[i] = { ...items[i], ...pickSummary(summary) };
  }
}

function pickSummary(s: DocumentSummary): DocumentSummary {
  const { id, title, date, source, district, status, charCount, spanCount, encoding, fileName, warningCount, importedAt, updatedAt } = s;
  return { id, title, date, source, district, status, charCount, spanCount, encoding, fileName, warningCount, importedAt, updatedAt };
}
