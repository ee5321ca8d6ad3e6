// The hit finder of corpus search (#21), shared by the concordance, the counts and label-all.
//
// A hit is a place {documentId, start, end} in a document's normalized text (UTF-16 offsets, end
// exclusive, as spans). Occurrences of a literal are found left to right and do not overlap: 'aa'
// in 'aaa' is one hit, at 0 (as ripgrep, AntConc and String.prototype.replaceAll count). A regex
// (flags g and u) is matched the same way; empty matches are not hits. With an empty query and a
// label, or with a mention, each span (its place, once however many coders marked it) is a hit.
import { searchQuery, type SearchQuery, type SearchScope } from '../../../shared/api/search';
import { ApiFailure } from '../../../shared/api/result';
import type { Db } from '../db/connection';
import { annotatorIdByName } from '../db/document-filters';
import { candidateDocuments, labelIdOfKey, readDocumentSpans, readTexts, type DocumentOrder, type SpanPlace } from '../db/search';
import { hasSpanDigests, refreshSpanDigests } from '../db/search-index';
import { compilePattern, regexBudget, regexPlaces, type RegexBudget } from './regex';

export interface ResolvedSearch {
  query: string;
  /** The compiled pattern of a regex search. */
  pattern: RegExp | null;
  /** Hits inside a span of this label only. */
  labelId?: number;
  mention?: string;
  unlabelled: boolean;
  /** Spans of this coder only; 0 stands for a coder the project does not know (no spans at all). */
  annotatorId?: number;
  scope: SearchScope;
  /** Nothing can match: an empty query without label or mention, or a label key the project does not know. */
  none: boolean;
  /** Hits are spans (an empty query with a label, or a mention), not occurrences of the query. */
  spanHits: boolean;
}

export interface FoundHit {
  documentId: number;
  start: number;
  end: number;
  /** Spans overlapping the hit (of `annotator` when the search names one), in text order. */
  spans: SpanPlace[];
}

export interface HitOrder {
  order: DocumentOrder;
  descending: boolean;
}

export interface FindOptions extends Partial<HitOrder> {
  /**
   * false: leave `spans` empty unless a span filter needs them (the caller attaches them to the few
   * hits it shows: a page must not read the 5,000 spans of a long document to show 50 hits).
   */
  spans?: boolean;
  /** Regex matching stops with a 'cancelled' failure once it has used this (default: REGEX_TIME_LIMIT_MS). */
  regexBudget?: RegexBudget;
}

/** Return false to stop. `text` is the document's normalized text. */
export type HitVisitor = (hit: FoundHit, text: string) => boolean | void;

/** Keys and names → ids, defaults filled in, the regex compiled (an invalid one is an 'invalid_input' failure). */
export function resolveSearch(db: Db, search: SearchQuery): ResolvedSearch {
  const parsed = searchQuery.safeParse(search);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiFailure('invalid_input', `search.${issue.path.join('.')}: ${issue.message}`);
  }
  const s = parsed.data;
  const labelId = s.label === undefined ? undefined : labelIdOfKey(db, s.label);
  const spanHits = s.mention !== undefined || (s.query === '' && s.label !== undefined);
  return {
    query: s.query,
    pattern: s.regex && s.query !== '' && !spanHits ? compilePattern(s.query) : null,
    labelId: labelId ?? undefined,
    mention: s.mention,
    unlabelled: s.unlabelled,
    annotatorId: s.annotator === undefined ? undefined : (annotatorIdByName(db, s.annotator) ?? 0),
    scope: s.scope,
    none: labelId === null || (s.query === '' && !spanHits),
    spanHits,
  };
}

/** Documents read per batch: a first page usually needs only the first batch. */
const FIRST_BATCH = 8;
const MAX_BATCH = 1024;

/** Visits every hit: document by document in `order`, in text order within a document (reversed when descending). */
export function forEachHit(db: Db, search: ResolvedSearch, visit: HitVisitor, options: FindOptions = {}): void {
  if (search.none) return;
  const order = options.order ?? 'id';
  const descending = options.descending ?? false;
  const budget = options.regexBudget ?? regexBudget();
  const literal = !search.spanHits && !search.pattern ? search.query : undefined;
  const readSpans = options.spans !== false || filtersBySpans(search);
  // A literal inside a label: the label's span texts say which documents can hold a hit.
  const insideLabel = literal !== undefined && search.labelId !== undefined ? literal : undefined;
  if (insideLabel !== undefined && !db.readonly && hasSpanDigests(db)) refreshSpanDigests(db);
  const ids = candidateDocuments(db, {
    scope: search.scope,
    order,
    descending,
    indexed: literal,
    labelId: search.labelId,
    annotatorId: search.annotatorId,
    spanLength: search.mention?.length,
    insideLabel,
  });
  for (let at = 0, batch = FIRST_BATCH; at < ids.length; at += batch, batch = Math.min(batch * 2, MAX_BATCH)) {
    const chunk = ids.slice(at, at + batch);
    const texts = readTexts(db, chunk, literal);
    const present = chunk.filter((id) => texts.has(id));
    if (present.length === 0) continue;
    const matched = search.pattern
      ? regexPlaces(
          search.pattern,
          present.map((id) => texts.get(id)!),
          budget,
        )
      : null;
    for (let i = 0; i < present.length; i++) {
      const id = present[i];
      const text = texts.get(id)!;
      // Per document, when it is reached: a first page never reads the spans of documents after it.
      const documentSpans = readSpans ? readDocumentSpans(db, id, search.annotatorId) : [];
      const places = matched ? matched[i] : search.spanHits ? spanPlaces(search, text, documentSpans) : literalPlaces(text, search.query);
      // Lazily in text order: a page that ends inside a long document stops there.
      const hits = keptHits(id, places, documentSpans, search);
      for (const hit of descending ? [...hits].reverse() : hits) if (visit(hit, text) === false) return;
    }
  }
}

/** Whether spans decide which places are hits (label, mention, unlabelled). */
export const filtersBySpans = (search: ResolvedSearch): boolean => search.spanHits || search.labelId !== undefined || search.unlabelled;

/** Every hit of the search, in document order (label-all and small callers; pages use forEachHit). */
export function allHits(db: Db, search: ResolvedSearch, options: FindOptions = {}): FoundHit[] {
  const hits: FoundHit[] = [];
  forEachHit(db, search, (hit) => void hits.push(hit), options);
  return hits;
}

/** Occurrences of `query` in `text`, left to right, not overlapping, as start, end, start, end … */
export function literalPlaces(text: string, query: string): number[] {
  const places: number[] = [];
  if (query === '') return places;
  for (let at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + query.length)) places.push(at, at + query.length);
  return places;
}

/** The places of the spans that are hits: of the label and/or with the mention's text; each place once. */
function spanPlaces(search: ResolvedSearch, text: string, spans: readonly SpanPlace[]): number[] {
  const places: number[] = [];
  for (const span of spans) {
    if (search.labelId !== undefined && span.labelId !== search.labelId) continue;
    if (search.mention !== undefined && text.slice(span.start, span.end) !== search.mention) continue;
    const n = places.length;
    if (n > 0 && places[n - 2] === span.start && places[n - 1] === span.end) continue;
    places.push(span.start, span.end);
  }
  return places;
}

/**
 * The places that pass the span filters, each with the spans overlapping it. Places come sorted by
 * start and spans by start, so one sweep keeps the spans still open at the current place.
 */
function* keptHits(documentId: number, places: readonly number[], spans: readonly SpanPlace[], search: ResolvedSearch): Generator<FoundHit> {
  let open: SpanPlace[] = [];
  let next = 0;
  const labelFilter = search.spanHits ? undefined : search.labelId;
  for (let p = 0; p < places.length; p += 2) {
    const start = places[p];
    const end = places[p + 1];
    while (next < spans.length && spans[next].start < end) open.push(spans[next++]);
    open = open.filter((span) => span.end > start);
    const overlapping = open.filter((span) => span.start < end);
    if (search.unlabelled && overlapping.length > 0) continue;
    if (labelFilter !== undefined && !overlapping.some((span) => span.labelId === labelFilter && span.start <= start && span.end >= end)) continue;
    yield { documentId, start, end, spans: overlapping };
  }
}
