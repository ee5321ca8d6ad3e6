// Read-only queries behind exports: documents matching the export filters, streamed in id order.
import type { ExportOptions, ReviewFilter } from '../../../shared/api/export';
import type { SpanDetails } from '../../../shared/exchange/types';
import type { Db } from './connection';
import { statement } from './connection';
import type { DocumentRow } from './documents';

export function exportDocumentIds(db: Db, options: ExportOptions): number[] {
  const { where, params } = documentFilter(options, options.statuses);
  const sql = `SELECT id FROM documents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
  return db
    .prepare(sql)
    .pluck()
    .all(...params) as number[];
}

/** To-do documents the export's other filters keep but its statuses leave out (0 when it takes to-do). */
export function countTodoLeftOut(db: Db, options: ExportOptions): number {
  if (!options.statuses?.length || options.statuses.includes('todo')) return 0;
  const { where, params } = documentFilter(options, ['todo']);
  return db
    .prepare(`SELECT count(*) FROM documents WHERE ${where.join(' AND ')}`)
    .pluck()
    .get(...params) as number;
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
  if (options.dateFrom) {
    where.push('published_at >= ?');
    params.push(options.dateFrom);
  }
  if (options.dateTo) {
    where.push('published_at < ?');
    params.push(`${options.dateTo}~`);
  }
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
export function countReviewLeftOut(
  db: Db,
  documentIds: readonly number[],
  review: ReviewFilter,
  labelKeys: readonly string[] | null,
  annotator: string | null,
): number {
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
  return db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

/** Which span details a field is read with (see Exporter.spanDetails); absent: always. */
type ReadWith = readonly SpanDetails[];

/**
 * The fields every exported span carries from SQLite to the formats, in the order they travel.
 * Numbers come as one list per document (SQLite's format() of every number field, a third faster
 * than concatenating them), each text field as a list of its own. A field is read only with the
 * details it is listed for; otherwise it comes as 0 or ''. Adding a span field to every export is
 * a line here and its use where the formats' spans are made (see export/span-batches.ts).
 */
export const EXPORT_SPAN_FIELDS = {
  numbers: [
    { name: 'id', sql: 'id' },
    { name: 'start', sql: 'start' },
    { name: 'end', sql: 'end' },
    { name: 'labelId', sql: 'label_id' },
    { name: 'annotatorId', sql: 'annotator_id' },
    // Origin and review state as bits (see spanOrigin in span-batches.ts): working them out is a
    // third of the query, so only formats that write them read them. In SQLite | and << bind
    // equally tight, left to right: every shift needs its parentheses.
    { name: 'state', sql: `(origin = 'suggested') | ((review_state = 'accepted') << 1) | ((review_state = 'rejected') << 2)`, readWith: ['review', 'all'] },
    // NULL, no set, comes as 0.
    { name: 'attributeSetId', sql: 'attribute_set_id', readWith: ['attributes', 'review', 'all'] },
  ],
  texts: [
    { name: 'createdAt', sql: 'created_at', readWith: ['all'] },
    { name: 'updatedAt', sql: 'updated_at', readWith: ['all'] },
    // An accepted suggestion's source as JSON (migration 013), '' for hand-made spans: group_concat
    // skips NULLs, which would misalign the list. Label Studio ('attributes') writes it as predictions.
    { name: 'originDetail', sql: "coalesce(origin_detail, '')", readWith: ['attributes', 'all'], column: 'origin_detail' },
  ],
} as const satisfies {
  numbers: readonly { name: string; sql: string; readWith?: ReadWith }[];
  /** `column`: a span column a project older than its migration lacks (it opens read-only, and still exports). */
  texts: readonly { name: string; sql: string; readWith?: ReadWith; column?: string }[];
};

export type SpanNumberField = (typeof EXPORT_SPAN_FIELDS.numbers)[number]['name'];
export type SpanTextField = (typeof EXPORT_SPAN_FIELDS.texts)[number]['name'];

/** Whether `field` is read with `details`. */
export const readsField = (field: { name: string; readWith?: ReadWith }, details: SpanDetails): boolean =>
  field.readWith === undefined || field.readWith.includes(details);

/**
 * Separates the texts of a text field's list. A text that held it would be caught by the count
 * of texts (see span-batches.ts).
 */
export const LIST_SEPARATOR = '\x1e';

/**
 * One document's spans of a batch: its id, the number of spans, the numbers of every span one
 * after another ("id,start,end,…,id,start,…"), then one list per text field (null when the field
 * is not read).
 */
export type SpanList = [documentId: number, spans: number, numbers: string, ...texts: (string | null)[]];

/**
 * A batch's spans as lists SQLite writes per document, in document order (see EXPORT_SPAN_FIELDS).
 * A million spans leave SQLite as a few strings per document instead of a million row arrays:
 * reading takes half as long. Label keys, annotator names and attribute sets are looked up apart.
 *
 * Within a document the spans come in the order SQLite reads them (in practice its index:
 * start, end, id), the same in every list of the row, because each row read steps every
 * aggregate once. The lists are not sorted: exporters sort a document's spans themselves, and
 * sorting every list in SQLite was a third of the reading.
 */
export function readExportSpanLists(db: Db, documentIds: readonly number[], details: SpanDetails = 'none', review: ReviewFilter = 'all'): SpanList[] {
  const absent = EXPORT_SPAN_FIELDS.texts.flatMap((field) => ('column' in field && !spanColumnExists(db, field.column) ? [field.column] : []));
  return statement(db, spanListsSql(details, review, absent))
    .raw(true)
    .all(JSON.stringify(documentIds)) as SpanList[];
}

const spanColumnExists = (db: Db, column: string): boolean =>
  statement(db, `SELECT 1 FROM pragma_table_info('annotations') WHERE name = ?`).pluck().get(column) !== undefined;

/** The query behind readExportSpanLists (exported for the query-plan test). */
export function spanListsSql(details: SpanDetails, review: ReviewFilter = 'all', absentColumns: readonly string[] = []): string {
  const numbers = EXPORT_SPAN_FIELDS.numbers;
  const pattern = numbers.map((field) => (readsField(field, details) ? '%d' : '0')).join(',');
  const values = numbers.filter((field) => readsField(field, details)).map((field) => field.sql);
  // An absent column reads as '' for every span, so the list keeps one entry per span.
  const sqlOf = (field: (typeof EXPORT_SPAN_FIELDS.texts)[number]) => ('column' in field && absentColumns.includes(field.column) ? "''" : field.sql);
  const texts = EXPORT_SPAN_FIELDS.texts.map((field) => (readsField(field, details) ? `group_concat(${sqlOf(field)}, char(30))` : 'NULL'));
  return `SELECT document_id, count(*), group_concat(format('${pattern}', ${values.join(', ')}), ','), ${texts.join(', ')}
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
