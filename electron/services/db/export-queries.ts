// Read-only queries behind exports: documents matching the export filters, streamed in id order.
import type { ExportOptions, ReviewFilter } from '../../../shared/api/jobs';
import type { SpanDetails } from '../../../shared/exchange/types';
import type { Db } from './connection';
import { statement } from './connection';
import type { DocumentRow } from './documents';

export function exportDocumentIds(db: Db, options: ExportOptions): number[] {
  const { where, params } = documentFilter(options, options.statuses);
  const sql = `SELECT id FROM documents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
  return (db.prepare(sql).pluck().all(...params) as number[]);
}

/** To-do documents the export's other filters keep but its statuses leave out (0 when it takes to-do). */
export function countTodoLeftOut(db: Db, options: ExportOptions): number {
  if (!options.statuses?.length || options.statuses.includes('todo')) return 0;
  const { where, params } = documentFilter(options, ['todo']);
  return db.prepare(`SELECT count(*) FROM documents WHERE ${where.join(' AND ')}`).pluck().get(...params) as number;
}

function documentFilter(options: ExportOptions, statuses: readonly string[] | undefined): { where: string[]; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const inList = (column: string, values: readonly (string | number)[]) => {
    where.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  if (options.documentIds?.length) inList('id', options.documentIds);
  if (statuses?.length) inList('status', statuses);
  if (options.sources?.length) inList('source', options.sources);
  if (options.dateFrom) { where.push('published_at >= ?'); params.push(options.dateFrom); }
  if (options.dateTo) { where.push('published_at < ?'); params.push(`${options.dateTo}~`); }
  return { where, params };
}

/**
 * The texts come as their UTF-8 bytes: the export reader decodes them faster than SQLite's strings
 * are made (see shared/text/utf8.ts).
 */
export type ExportDocumentRow = Pick<
  DocumentRow,
  'id' | 'title' | 'published_at' | 'source' | 'district' | 'url' | 'reporters_json' | 'external_id' | 'status'
> & {
  /** NULL when none, or when not read (see readExportDocuments). */
  note: string | null;
  text: Uint8Array;
  /** With the original text read: its bytes, or null when it is the text. */
  original_text: Uint8Array | null;
  offset_map_json: string | null;
};

const EXPORT_COLUMNS = 'd.id, d.title, d.published_at, d.source, d.district, d.url, d.reporters_json, d.external_id, d.status, CAST(t.text AS BLOB) AS text';

/**
 * Documents of one batch of ids, in id order. The original text and offset map are read only when
 * the export needs them (Biaozhu JSONL, source offsets): they weigh more than the text itself. An
 * original text identical to the text (nothing was normalized) comes as NULL: the text's bytes
 * serve both, and a hundred megabytes are not copied out of SQLite twice.
 */
export function readExportDocuments(db: Db, ids: readonly number[], withOriginal: boolean, withNotes = false): ExportDocumentRow[] {
  const extra = withOriginal
    ? 'CASE WHEN t.original_text = t.text THEN NULL ELSE CAST(t.original_text AS BLOB) END AS original_text, t.offset_map_json'
    : 'NULL AS original_text, NULL AS offset_map_json';
  return statement(
    db,
    `SELECT ${EXPORT_COLUMNS}, ${withNotes ? 'd.note' : 'NULL AS note'}, ${extra} FROM documents d JOIN document_texts t ON t.document_id = d.id
     WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.id`,
  ).all(JSON.stringify(ids)) as ExportDocumentRow[];
}

const SPANS_OF_BATCH = 'FROM annotations WHERE document_id IN (SELECT value FROM json_each(?))';

/** The spans a review filter keeps, as SQL (review_state is checked by the CHECK constraint of migration 001). */
const REVIEW_KEPT: Record<ReviewFilter, string> = {
  'not-rejected': " AND review_state <> 'rejected'",
  accepted: " AND review_state = 'accepted'",
  all: '',
};

/**
 * How many spans of these documents the review filter leaves out, counting only spans of the
 * wanted labels and annotator (null: all), so the report's number is what the filter alone took.
 */
export function countReviewLeftOut(db: Db, documentIds: readonly number[], review: ReviewFilter, labelKeys: readonly string[] | null, annotator: string | null): number {
  if (review === 'all' || documentIds.length === 0) return 0;
  const left = review === 'accepted' ? "review_state <> 'accepted'" : "review_state = 'rejected'";
  const params: (string | number)[] = [JSON.stringify(documentIds)];
  let sql = `SELECT COUNT(*) FROM annotations a WHERE a.document_id IN (SELECT value FROM json_each(?)) AND ${left}`;
  if (labelKeys) {
    sql += ' AND a.label_id IN (SELECT id FROM labels WHERE key IN (SELECT value FROM json_each(?)))';
    params.push(JSON.stringify(labelKeys));
  }
  if (annotator !== null) {
    sql += ' AND a.annotator_id = (SELECT id FROM annotators WHERE name = ?)';
    params.push(annotator);
  }
  return db.prepare(sql).pluck().get(...params) as number;
}

/**
 * Separates the texts in readExportSpanPositions' times lists. A timestamp that held it would be
 * caught by count.
 */
export const LIST_SEPARATOR = '\x1e';

export type SpanPositionList = [documentId: number, spans: number, positions: string, times: string | null];

/**
 * A batch's spans as lists SQLite writes per document, in document order: the number of spans,
 * numbers "id,start,end,labelId,annotatorId,state,attributeSetId,id,start,…" (state 0 unless
 * 'all', attribute set 0 for none or with 'none'; see Exporter.spanDetails), then with 'all' the
 * created and updated time per span joined by LIST_SEPARATOR. A million spans leave SQLite as a
 * few strings per document instead of a million row arrays: reading takes half as long. Label
 * keys, annotator names and attribute sets are looked up apart.
 *
 * Within a document the spans come in the order SQLite reads them (in practice its index:
 * start, end, id), the same in every list of the row, because each row read steps every
 * aggregate once. The lists are not sorted: exporters sort a document's spans themselves, and
 * sorting every list in SQLite was a third of the reading.
 */
export function readExportSpanPositions(db: Db, documentIds: readonly number[], details: SpanDetails = 'none', review: ReviewFilter = 'all'): SpanPositionList[] {
  return statement(db, spanListsSql(details, review)).raw(true).all(JSON.stringify(documentIds)) as SpanPositionList[];
}

/** The query behind readExportSpanPositions (exported for the query-plan test). */
export function spanListsSql(details: SpanDetails, review: ReviewFilter = 'all'): string {
  // A span never edited has one time: sent once. Otherwise created U+001F updated; a time that
  // itself holds U+001F comes that way too, and is refused (see timesTable).
  const times = `CASE WHEN updated_at = created_at AND instr(created_at, char(31)) = 0 THEN created_at ELSE created_at || char(31) || updated_at END`;
  const withState = details === 'all' || details === 'review';
  const rest = details === 'all' ? `group_concat(${times}, char(30))` : 'NULL';
  // format() writes the seven numbers in one call: a third faster than concatenating them. The
  // sixth is the span's state: origin and review state as bits (see spanOrigin in packed-spans.ts),
  // read for 'all' only: working it out costs a third of the query, and only Biaozhu JSONL
  // writes it. (In SQLite | and << bind equally tight, left to right: every shift needs its
  // parentheses.) The seventh is the attribute set; %d writes NULL, no set, as 0.
  const state = withState ? `(origin = 'suggested') | ((review_state = 'accepted') << 1) | ((review_state = 'rejected') << 2)` : '';
  const set = details === 'none' ? '' : 'attribute_set_id';
  const numbers = `format('%d,%d,%d,%d,%d,${state ? '%d' : '0'},${set ? '%d' : '0'}', ${['id', 'start', 'end', 'label_id', 'annotator_id', state, set].filter(Boolean).join(', ')})`;
  return `SELECT document_id, count(*), group_concat(${numbers}, ','), ${rest}
     ${SPANS_OF_BATCH}${REVIEW_KEPT[review]} GROUP BY document_id ORDER BY document_id`;
}

/**
 * The notes of a batch's spans the review filter keeps, as [span id, note]: only spans that have
 * one, found through the partial index annotations_note (migration 007) without reading the rest.
 */
export function readExportSpanNotes(db: Db, documentIds: readonly number[], review: ReviewFilter = 'all'): [number, string][] {
  return statement(db, spanNotesSql(review)).raw(true).all(JSON.stringify(documentIds)) as [number, string][];
}

/**
 * The query behind readExportSpanNotes (exported for the query-plan test). INDEXED BY: with a
 * review filter SQLite would otherwise pick annotations_review and look up every accepted span's
 * row to see whether it has a note.
 */
export const spanNotesSql = (review: ReviewFilter): string =>
  `SELECT id, note FROM annotations INDEXED BY annotations_note WHERE document_id IN (SELECT value FROM json_each(?)) AND note IS NOT NULL${REVIEW_KEPT[review]}`;

export function annotatorNames(db: Db): Map<number, string> {
  const rows = statement(db, 'SELECT id, name FROM annotators').all() as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
