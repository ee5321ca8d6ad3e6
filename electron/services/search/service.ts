// Corpus search (#21): a page of the concordance, the exact counts, the concordance as a file.
import type { z } from 'zod';
import type { SearchCounts, SearchHit, SearchPage, SearchSort, searchInputs } from '../../../shared/api/search';
import type { Db } from '../db/connection';
import { candidateDocuments, labelKeys, labelPlaceCounts, literalCounts, readDocumentMeta, readSpansAt, readTexts, type DocumentOrder } from '../db/search';
import { concordanceText, lineOf, sortByContext, toSearchHit, type Line } from './concordance';
import type { LiteralCounter } from './count-host';
import { filtersBySpans, forEachHit, resolveSearch, type ResolvedSearch } from './find';

type HitsInput = z.output<(typeof searchInputs)['search:hits']>;
type CountsInput = z.output<(typeof searchInputs)['search:counts']>;
type FileInput = z.output<(typeof searchInputs)['search:concordanceFile']>;

/** Sorts answered by the order documents are read in (so a page stops early); left/right need every hit. */
const DOCUMENT_ORDERS: Partial<Record<SearchSort, DocumentOrder>> = { document: 'id', date: 'date', source: 'source' };

interface Window {
  offset: number;
  /** Lines wanted from `offset` on; Infinity = all. */
  limit: number;
}

/** Lines of the hits in the requested order: [offset, offset + limit), plus whether more exist. */
function orderedLines(
  db: Db,
  search: ResolvedSearch,
  input: { sort: SearchSort; direction: 'asc' | 'desc'; context: number },
  window: Window,
): { lines: Line[]; more: boolean } {
  const descending = input.direction === 'desc';
  const order = DOCUMENT_ORDERS[input.sort];
  const lines: Line[] = [];
  if (order) {
    let seen = 0;
    let more = false;
    const end = window.offset + window.limit;
    forEachHit(
      db,
      search,
      (hit, text) => {
        if (seen >= end) {
          more = true;
          return false;
        }
        if (seen++ >= window.offset) lines.push(lineOf(hit, text, input.context));
      },
      { order, descending, spans: false },
    );
    return { lines: withSpans(db, search, lines), more };
  }
  forEachHit(db, search, (hit, text) => void lines.push(lineOf(hit, text, input.context)), { spans: false });
  const sorted = sortByContext(lines, input.sort as 'left' | 'right', descending);
  const page = sorted.slice(window.offset, window.offset + window.limit);
  return { lines: withSpans(db, search, page), more: sorted.length > window.offset + window.limit };
}

/** Spans on the hits shown, when the search did not read them (no span filter). */
function withSpans(db: Db, search: ResolvedSearch, lines: Line[]): Line[] {
  if (filtersBySpans(search)) return lines;
  return lines.map((line) => ({ ...line, hit: { ...line.hit, spans: readSpansAt(db, line.hit, search.annotatorId) } }));
}

function withMetadata(db: Db, lines: readonly Line[]): SearchHit[] {
  const meta = readDocumentMeta(db, [...new Set(lines.map((line) => line.hit.documentId))]);
  return lines.map((line) => toSearchHit(line, meta.get(line.hit.documentId)));
}

export function searchHits(db: Db, input: HitsInput): SearchPage {
  const search = resolveSearch(db, input.search);
  const { lines, more } = orderedLines(db, search, input, { offset: input.offset, limit: input.limit });
  return { hits: withMetadata(db, lines), more };
}

/** Documents listed in perDocument. */
const PER_DOCUMENT_MAX = 1_000;

/** `counter` splits a plain literal's count over two threads (count-host.ts); without it the core thread counts alone. */
export async function searchCounts(db: Db, input: CountsInput, counter?: LiteralCounter): Promise<SearchCounts> {
  const search = resolveSearch(db, input.search);
  const perDocument = new Map<number, number>();
  let hits = 0;
  if (isPlainLiteral(search)) {
    // No span decides which occurrences count: SQLite counts them without handing texts to JavaScript.
    const ids = candidateDocuments(db, { scope: search.scope, order: 'id', descending: false, indexed: search.query });
    const counts = counter ? await counter.count(db, ids, search.query) : literalCounts(db, ids, search.query);
    for (const [id, count] of counts) {
      hits += count;
      perDocument.set(id, count);
    }
    return countsOf(db, hits, perDocument);
  }
  if (isLabelListing(search)) {
    // Every span of the label is a hit: counted in SQLite, without reading a text.
    const ids = candidateDocuments(db, { scope: search.scope, order: 'id', descending: false, labelId: search.labelId, annotatorId: search.annotatorId });
    for (const [id, count] of labelPlaceCounts(db, ids, search.labelId!, search.annotatorId)) {
      hits += count;
      perDocument.set(id, count);
    }
    return countsOf(db, hits, perDocument);
  }
  forEachHit(
    db,
    search,
    (hit) => {
      hits++;
      perDocument.set(hit.documentId, (perDocument.get(hit.documentId) ?? 0) + 1);
    },
    { spans: false },
  );
  return countsOf(db, hits, perDocument);
}

const isLabelListing = (s: ResolvedSearch) => !s.none && s.spanHits && s.mention === undefined && s.labelId !== undefined && !s.unlabelled;

const isPlainLiteral = (s: ResolvedSearch) => !s.none && !s.spanHits && !s.pattern && s.labelId === undefined && !s.unlabelled && s.mention === undefined;

function countsOf(db: Db, hits: number, perDocument: Map<number, number>): SearchCounts {
  const meta = readDocumentMeta(db, [...perDocument.keys()]);
  const perYear = new Map<number | null, number>();
  for (const [id, count] of perDocument) {
    const year = Number.parseInt(meta.get(id)?.date?.slice(0, 4) ?? '', 10);
    const key = Number.isNaN(year) ? null : year;
    perYear.set(key, (perYear.get(key) ?? 0) + count);
  }
  const rows = [...perDocument].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, PER_DOCUMENT_MAX);
  return {
    hits,
    documents: perDocument.size,
    perDocument: rows.map(([documentId, count]) => ({ documentId, title: meta.get(documentId)?.title ?? '', hits: count })),
    // Years in order; documents without a date last.
    perYear: [...perYear].sort((a, b) => (a[0] ?? Infinity) - (b[0] ?? Infinity)).map(([year, count]) => ({ year, hits: count })),
  };
}

export function concordanceFile(db: Db, input: FileInput): { text: string; hits: number } {
  const search = resolveSearch(db, input.search);
  const { lines } = orderedLines(db, search, input, { offset: 0, limit: Infinity });
  return { text: concordanceText(withMetadata(db, lines), labelKeys(db), input.format), hits: lines.length };
}

// Re-read texts of a page's documents: kept for callers that hold only hit places (label-all's conflicts).
export function hitsWithContext(db: Db, places: readonly Line['hit'][], context: number): SearchHit[] {
  const texts = readTexts(db, [...new Set(places.map((p) => p.documentId))]);
  return withMetadata(
    db,
    places.filter((p) => texts.has(p.documentId)).map((p) => lineOf(p, texts.get(p.documentId)!, context)),
  );
}
