// The concordance's rows: fetched a page at a time as the list scrolls (offset/limit), so 100k hits
// never load at once; the exact counts are asked separately and never hold up the first page.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchCounts, SearchHit, SearchQuery, SearchSort } from '../../../shared/api/search';
import { callOrThrow } from '../api/client';
import { errorMessage } from '../state/toasts';

export const PAGE_SIZE = 200;

/** One concordance as asked: what to find, in what order, with how much context. */
export interface ConcordanceRequest {
  search: SearchQuery;
  sort: SearchSort;
  direction: 'asc' | 'desc';
  context: number;
}

export interface SearchResults {
  /** Rows the list shows: the exact total once counted, else the hits loaded so far (plus a page when more exist). */
  rowCount: number;
  hitAt: (index: number) => SearchHit | undefined;
  counts: SearchCounts | null;
  /** Hits loaded so far, and whether more exist (until the counts arrive). */
  loaded: number;
  more: boolean;
  firstPageLoaded: boolean;
  error: string | null;
  /** The list shows rows from..to: load the pages they fall in. */
  showRange: (from: number, to: number) => void;
  /** The hits changed (labels added or removed): drop what is loaded and ask again. */
  refresh: () => void;
}

interface Loaded {
  pages: Map<number, SearchHit[]>;
  /** Hits known to exist: the end of the last page loaded, grown while `more`. */
  loaded: number;
  more: boolean;
}

const EMPTY: Loaded = { pages: new Map(), loaded: 0, more: false };

export function useSearchResults(request: ConcordanceRequest | null): SearchResults {
  const [data, setData] = useState<Loaded>(EMPTY);
  const [counts, setCounts] = useState<SearchCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const asked = useRef(new Set<number>());
  const ticket = useRef(0);

  const loadPage = useCallback(
    (page: number) => {
      if (!request || asked.current.has(page)) return;
      asked.current.add(page);
      const mine = ticket.current;
      callOrThrow('search:hits', { ...request, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (result) => {
          if (mine !== ticket.current) return;
          setData((d) => {
            const pages = new Map(d.pages).set(page, result.hits);
            const end = page * PAGE_SIZE + result.hits.length;
            const isLast = end >= d.loaded;
            return { pages, loaded: Math.max(d.loaded, end), more: isLast ? result.more : d.more };
          });
        },
        (e: unknown) => {
          if (mine !== ticket.current) return;
          asked.current.delete(page);
          setError(errorMessage(e));
        },
      );
    },
    [request],
  );

  const askCounts = useCallback(() => {
    if (!request) return;
    const mine = ticket.current;
    callOrThrow('search:counts', { search: request.search }).then(
      (c) => mine === ticket.current && setCounts(c),
      (e: unknown) => mine === ticket.current && setError(errorMessage(e)),
    );
  }, [request]);

  // A new search: forget every page, ask for the first one, then the counts.
  useEffect(() => {
    ticket.current++;
    asked.current = new Set();
    setData(EMPTY);
    setCounts(null);
    setError(null);
    if (!request) return;
    loadPage(0);
    askCounts();
  }, [request, loadPage, askCounts]);

  // A refresh keeps the rows on screen (and the scroll position) while the same pages are asked again.
  const loadedPages = useRef<number[]>([]);
  loadedPages.current = [...data.pages.keys()];
  const refreshed = useRef(0);
  useEffect(() => {
    if (generation === refreshed.current) return;
    refreshed.current = generation;
    ticket.current++;
    asked.current = new Set();
    for (const page of loadedPages.current.length ? loadedPages.current : [0]) loadPage(page);
    askCounts();
  }, [generation, loadPage, askCounts]);

  const showRange = useCallback(
    (from: number, to: number) => {
      for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(Math.max(from, to - 1) / PAGE_SIZE); page++) loadPage(page);
    },
    [loadPage],
  );

  const hitAt = useCallback((index: number) => data.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [data]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const rowCount = counts ? counts.hits : data.loaded + (data.more ? PAGE_SIZE : 0);
  return { rowCount, hitAt, counts, loaded: data.loaded, more: data.more, firstPageLoaded: data.pages.has(0), error, showRange, refresh };
}

/** Identifies one hit across pages and refreshes. */
export const hitKey = (h: { documentId: number; start: number; end: number }): string => `${h.documentId}:${h.start}:${h.end}`;
