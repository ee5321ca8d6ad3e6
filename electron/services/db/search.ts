// Corpus search (#21): which documents to look in, their texts and spans. Lists of ids travel as one
// JSON array (json_each), so each statement's SQL is fixed and compiled once per connection.
import type { SearchScope } from '../../../shared/api/search';
import type { Db } from './connection';
import { statement } from './connection';
import { digestCandidatesSql, hasPendingTexts, hasSpanDigests } from './search-index';

export type DocumentOrder = 'id' | 'date' | 'source';

export interface CandidateQuery {
  scope: SearchScope;
  order: DocumentOrder;
  descending: boolean;
  /** A literal the documents must hold: narrowed here by the trigram index when it has 3+ characters (readTexts checks every text). */
  indexed?: string;
  /** Only documents with a span of this label (of `annotatorId` when given). */
  labelId?: number;
  /** Spans of this coder only (0 = a coder the project does not know: no spans). */
  annotatorId?: number;
  /** Only documents with a span this many UTF-16 units long (the mention filter). */
  spanLength?: number;
  /** A literal that must lie inside a span of `labelId`: narrowed by the label's span text digests (migration 015). */
  insideLabel?: string;
}

export interface DocumentMeta {
  id: number;
  title: string;
  date: string | null;
  source: string | null;
  district: string | null;
}

/** A span as a hit shows it: enough to name its label and coder. */
export interface SpanPlace {
  id: number;
  start: number;
  end: number;
  labelId: number;
  annotator: string;
}

/** The trigram index (migration 010) answers literals of 3+ code points; shorter ones are scanned by instr in C. */
export const TRIGRAM_MIN = 3;

const ORDER_SQL: Record<DocumentOrder, [asc: string, desc: string]> = {
  id: ['d.id', 'd.id DESC'],
  date: ['d.published_at IS NULL, d.published_at, d.id', 'd.published_at IS NULL, d.published_at DESC, d.id DESC'],
  source: ['d.source IS NULL, d.source, d.id', 'd.source IS NULL, d.source DESC, d.id DESC'],
};

/** Trigrams in one query at most: a long literal is narrowed enough by a dozen of them spread over it. */
const MAX_TRIGRAMS = 12;

/**
 * The index query for a literal: the AND of its trigrams (the index keeps no positions, so no
 * phrases), each an FTS5 string with its quotes doubled, so the query's own characters are never
 * FTS syntax. Trigrams are of code points, as the tokenizer's.
 */
export function trigramQuery(literal: string): string {
  const chars = [...literal];
  const count = chars.length - 2;
  const picks =
    count <= MAX_TRIGRAMS ? [...Array(count).keys()] : [...Array(MAX_TRIGRAMS).keys()].map((i) => Math.round((i * (count - 1)) / (MAX_TRIGRAMS - 1)));
  const trigrams = [...new Set(picks.map((at) => chars.slice(at, at + 3).join('')))];
  return trigrams.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

export function hasTrigramIndex(db: Db): boolean {
  return statement(db, `SELECT 1 FROM sqlite_master WHERE name = 'document_text_search'`).pluck().get() !== undefined;
}

function candidateSql(db: Db, query: CandidateQuery): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const { scope } = query;
  if (scope.documentIds) {
    where.push('d.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.documentIds));
  }
  for (const [column, value] of [
    ['status', scope.status],
    ['source', scope.source],
    ['district', scope.district],
  ] as const) {
    if (value === undefined) continue;
    where.push(`d.${column} = ?`);
    params.push(value);
  }
  if (scope.dateFrom) {
    where.push('d.published_at >= ?');
    params.push(scope.dateFrom);
  }
  if (scope.dateTo) {
    // '~' sorts after any time part, so the whole last day is in.
    where.push('d.published_at < ?');
    params.push(`${scope.dateTo}~`);
  }
  if (query.labelId !== undefined || query.spanLength !== undefined) {
    const conditions = ['a.document_id = d.id'];
    const spanConditions = [
      ['a.label_id = ?', query.labelId],
      ['a.annotator_id = ?', query.annotatorId],
      ['a.end - a.start = ?', query.spanLength],
    ] as const;
    for (const [condition, value] of spanConditions) {
      if (value === undefined) continue;
      conditions.push(condition);
      params.push(value);
    }
    where.push(`EXISTS (SELECT 1 FROM annotations a WHERE ${conditions.join(' AND ')})`);
  }
  if (query.insideLabel !== undefined && query.labelId !== undefined && hasSpanDigests(db)) {
    const digest = digestCandidatesSql(query.labelId, query.insideLabel);
    where.push(`d.id IN (${digest.sql})`);
    params.push(...digest.params);
  }
  if (query.indexed !== undefined && [...query.indexed].length >= TRIGRAM_MIN && hasTrigramIndex(db)) {
    // Texts not indexed yet (migration 016) are candidates too: instr decides for them.
    const pending = hasPendingTexts(db) ? ' OR d.id IN (SELECT document_id FROM search_index_pending)' : '';
    where.push(`(d.id IN (SELECT rowid FROM document_text_search WHERE document_text_search MATCH ?)${pending})`);
    params.push(trigramQuery(query.indexed));
  }
  const order = ORDER_SQL[query.order][query.descending ? 1 : 0];
  return { sql: `SELECT d.id FROM documents d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`, params };
}

/** The documents to look in, in the order their hits are listed. */
export function candidateDocuments(db: Db, query: CandidateQuery): number[] {
  const { sql, params } = candidateSql(db, query);
  return statement(db, sql)
    .pluck()
    .all(...params) as number[];
}

/** Texts of these documents; with `contains`, only those holding it (instr runs in C: the other texts never reach JavaScript). */
export function readTexts(db: Db, ids: readonly number[], contains?: string): Map<number, string> {
  const select = 'SELECT document_id, text FROM document_texts WHERE document_id IN (SELECT value FROM json_each(?))';
  const rows = (
    contains === undefined
      ? statement(db, select).raw(true).all(JSON.stringify(ids))
      : statement(db, `${select} AND instr(text, ?) > 0`).raw(true).all(JSON.stringify(ids), contains)
  ) as [number, string][];
  return new Map(rows);
}

/** Spans of these documents (of one coder when `annotatorId` is given), by document, in text order. */
export function readSpanPlaces(db: Db, ids: readonly number[], annotatorId?: number): Map<number, SpanPlace[]> {
  const sql = `SELECT a.document_id, a.id, a.start, a.end, a.label_id, an.name FROM annotations a JOIN annotators an ON an.id = a.annotator_id
    WHERE a.document_id IN (SELECT value FROM json_each(?))${annotatorId === undefined ? '' : ' AND a.annotator_id = ?'}
    ORDER BY a.document_id, a.start, a.end, a.id`;
  const params: (string | number)[] = [JSON.stringify(ids)];
  if (annotatorId !== undefined) params.push(annotatorId);
  const rows = statement(db, sql)
    .raw(true)
    .all(...params) as [number, number, number, number, number, string][];
  const byDocument = new Map<number, SpanPlace[]>();
  for (const [documentId, id, start, end, labelId, annotator] of rows) {
    let list = byDocument.get(documentId);
    if (!list) byDocument.set(documentId, (list = []));
    list.push({ id, start, end, labelId, annotator });
  }
  return byDocument;
}

/**
 * How often `literal` occurs in each of these documents that holds it: left to right, not
 * overlapping, the same count on UTF-8 bytes as on UTF-16 units (a valid UTF-8 needle matches only
 * at character boundaries). The texts come as bytes (CAST AS BLOB) and Buffer.indexOf searches them:
 * no UTF-16 decoding, no copy per match; half the CPU of counting with replace() in SQL on the bench
 * corpus. Read in batches so a string in every document never holds all texts at once.
 */
export function literalCounts(db: Db, ids: readonly number[], literal: string): [documentId: number, hits: number][] {
  const needle = Buffer.from(literal, 'utf8');
  const select = statement(
    db,
    `SELECT document_id, CAST(text AS BLOB) FROM document_texts WHERE document_id IN (SELECT value FROM json_each(?)) AND instr(text, ?) > 0`,
  ).raw(true);
  const counts: [number, number][] = [];
  for (let at = 0; at < ids.length; at += COUNT_BATCH) {
    for (const [id, bytes] of select.all(JSON.stringify(ids.slice(at, at + COUNT_BATCH)), literal) as [number, Buffer][]) {
      let n = 0;
      for (let i = bytes.indexOf(needle); i !== -1; i = bytes.indexOf(needle, i + needle.length)) n++;
      counts.push([id, n]);
    }
  }
  return counts;
}

const COUNT_BATCH = 2_000;

/** Places (start, end) holding a span of the label (of one coder when given), per document: the hits of an empty query with a label. */
export function labelPlaceCounts(db: Db, ids: readonly number[], labelId: number, annotatorId?: number): [documentId: number, hits: number][] {
  const sql = `SELECT document_id, count(*) FROM (SELECT DISTINCT a.document_id, a.start, a.end FROM annotations a
    WHERE a.label_id = ?${annotatorId === undefined ? '' : ' AND a.annotator_id = ?'} AND a.document_id IN (SELECT value FROM json_each(?)))
    GROUP BY document_id`;
  const params = [labelId, ...(annotatorId === undefined ? [] : [annotatorId]), JSON.stringify(ids)];
  return statement(db, sql)
    .raw(true)
    .all(...params) as [number, number][];
}

/** Spans of one document (of one coder when `annotatorId` is given), in text order. */
export function readDocumentSpans(db: Db, documentId: number, annotatorId?: number): SpanPlace[] {
  const sql = `SELECT a.id, a.start, a.end, a.label_id, an.name FROM annotations a JOIN annotators an ON an.id = a.annotator_id
    WHERE a.document_id = ?${annotatorId === undefined ? '' : ' AND a.annotator_id = ?'} ORDER BY a.start, a.end, a.id`;
  const rows = statement(db, sql)
    .raw(true)
    .all(...(annotatorId === undefined ? [documentId] : [documentId, annotatorId])) as [number, number, number, number, string][];
  return rows.map(([id, start, end, labelId, annotator]) => ({ id, start, end, labelId, annotator }));
}

/** Spans overlapping one place (of one coder when `annotatorId` is given), in text order. */
export function readSpansAt(db: Db, place: { documentId: number; start: number; end: number }, annotatorId?: number): SpanPlace[] {
  const sql = `SELECT a.id, a.start, a.end, a.label_id, an.name FROM annotations a JOIN annotators an ON an.id = a.annotator_id
    WHERE a.document_id = ? AND a.start < ? AND a.end > ?${annotatorId === undefined ? '' : ' AND a.annotator_id = ?'} ORDER BY a.start, a.end, a.id`;
  const params = [place.documentId, place.end, place.start, ...(annotatorId === undefined ? [] : [annotatorId])];
  const rows = statement(db, sql)
    .raw(true)
    .all(...params) as [number, number, number, number, string][];
  return rows.map(([id, start, end, labelId, annotator]) => ({ id, start, end, labelId, annotator }));
}

export function readDocumentMeta(db: Db, ids: readonly number[]): Map<number, DocumentMeta> {
  const rows = statement(db, `SELECT id, title, published_at AS date, source, district FROM documents WHERE id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as DocumentMeta[];
  return new Map(rows.map((row) => [row.id, row]));
}

export function labelIdOfKey(db: Db, key: string): number | null {
  return (statement(db, 'SELECT id FROM labels WHERE key = ?').pluck().get(key) as number | undefined) ?? null;
}

export function labelKeys(db: Db): Map<number, string> {
  return new Map(statement(db, 'SELECT id, key FROM labels').raw(true).all() as [number, string][]);
}
