// Documents: the normalized text researchers annotate plus everything needed to trace it to its source.
import type { DocumentDraft } from '../../../shared/api/import';
import type { DocumentDetail, DocumentOriginal, DocumentStatus, DocumentSummary } from '../../../shared/model';
import type { Db } from './connection';
import { documentFilterSql, type DocumentFilter } from './document-filters';
import { nowIso, statement } from './connection';

export interface DocumentRow {
  id: number;
  external_id: string | null;
  title: string;
  published_at: string | null;
  source: string | null;
  district: string | null;
  url: string | null;
  reporters_json: string;
  file_name: string | null;
  raw_sha256: string | null;
  encoding: string | null;
  original_text: string;
  text: string;
  char_count: number;
  span_count: number;
  offset_map_json: string;
  steps_json: string;
  warnings_json: string;
  removed_json: string;
  status: DocumentStatus;
  imported_at: string;
  updated_at: string;
  /** NULL when none (migration 007); absent in an older project opened read-only. */
  note?: string | null;
}

const SUMMARY_COLUMNS = `id, title, published_at, source, district, status, char_count, span_count, encoding,
  file_name, json_array_length(warnings_json) AS warning_count, imported_at, updated_at`;

type SummaryRow = Pick<
  DocumentRow,
  'id' | 'title' | 'published_at' | 'source' | 'district' | 'status' | 'char_count' | 'span_count' | 'encoding' | 'file_name' | 'imported_at' | 'updated_at'
> & { warning_count: number };

const toSummary = (row: SummaryRow): DocumentSummary => ({
  id: row.id,
  title: row.title,
  date: row.published_at,
  source: row.source,
  district: row.district,
  status: row.status,
  charCount: row.char_count,
  spanCount: row.span_count,
  encoding: row.encoding,
  fileName: row.file_name,
  warningCount: row.warning_count,
  importedAt: row.imported_at,
  updatedAt: row.updated_at,
});

export interface NewDocument {
  draft: DocumentDraft;
  fileName: string | null;
  rawSha256: string | null;
  encoding: string | null;
  textSha256: string;
}

/** Inserts a document; returns null when the same normalized text is already in the project. */
export function insertDocument(db: Db, doc: NewDocument): number | null {
  const { draft } = doc;
  const now = nowIso();
  const result = statement(
    db,
    `INSERT INTO documents (external_id, title, published_at, source, district, url, reporters_json, file_name,
       raw_sha256, encoding, text_sha256, char_count, steps_json, warnings_json, status, note, imported_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (text_sha256) DO NOTHING`,
  ).run(
    draft.metadata.externalId,
    draft.metadata.title,
    draft.metadata.date,
    draft.metadata.source,
    draft.metadata.district,
    draft.metadata.url,
    JSON.stringify(draft.metadata.reporters),
    doc.fileName,
    doc.rawSha256,
    doc.encoding,
    doc.textSha256,
    draft.text.length,
    JSON.stringify(draft.steps),
    JSON.stringify(draft.warnings),
    draft.status ?? 'todo',
    draft.note || null,
    now,
    now,
  );
  if (result.changes === 0) return null;
  const id = Number(result.lastInsertRowid);
  statement(db, 'INSERT INTO document_texts (document_id, original_text, text, offset_map_json, removed_json) VALUES (?, ?, ?, ?, ?)').run(
    id,
    draft.originalText,
    draft.text,
    JSON.stringify(draft.offsetMap),
    JSON.stringify(draft.removed),
  );
  return id;
}

export function findDocumentByTextHash(db: Db, textSha256: string): { id: number; title: string } | null {
  return (statement(db, 'SELECT id, title FROM documents WHERE text_sha256 = ?').get(textSha256) as { id: number; title: string } | undefined) ?? null;
}

/**
 * What the reader shows of a document. The original text and offset map are left out (half the
 * bytes of a long document, read on every open): getDocumentOriginal reads them when asked.
 */
export function getDocument(db: Db, id: number): DocumentDetail | null {
  const row = statement(
    db,
    `SELECT d.*, t.text, t.removed_json, json_array_length(d.warnings_json) AS warning_count
     FROM documents d JOIN document_texts t ON t.document_id = d.id WHERE d.id = ?`,
  ).get(id) as (Omit<DocumentRow, 'original_text' | 'offset_map_json'> & { warning_count: number }) | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    url: row.url,
    reporters: JSON.parse(row.reporters_json),
    externalId: row.external_id,
    text: row.text,
    rawSha256: row.raw_sha256,
    steps: JSON.parse(row.steps_json),
    warnings: JSON.parse(row.warnings_json),
    removed: JSON.parse(row.removed_json),
    note: row.note ?? '',
  };
}

/** The imported text before normalization and the map from the normalized text back to it. */
export function getDocumentOriginal(db: Db, id: number): DocumentOriginal | null {
  const row = statement(db, 'SELECT original_text, offset_map_json FROM document_texts WHERE document_id = ?').get(id) as
    Pick<DocumentRow, 'original_text' | 'offset_map_json'> | undefined;
  return row ? { id, originalText: row.original_text, offsetMap: JSON.parse(row.offset_map_json) } : null;
}

/** Only the text, for validating offsets on every annotation write without loading the rest. */
export function getDocumentText(db: Db, id: number): string | null {
  const row = statement(db, 'SELECT text FROM document_texts WHERE document_id = ?').get(id) as { text: string } | undefined;
  return row?.text ?? null;
}

export interface DocumentQuery {
  filter: DocumentFilter;
  sort: 'id' | 'title' | 'date' | 'source' | 'status' | 'spans' | 'chars';
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const SORT_COLUMNS: Record<DocumentQuery['sort'], string> = {
  id: 'id',
  title: 'title',
  date: 'published_at',
  source: 'source',
  status: 'status',
  spans: 'span_count',
  chars: 'char_count',
};

export function listDocuments(db: Db, query: DocumentQuery): { total: number; items: DocumentSummary[] } {
  const { where: whereSql, params } = documentFilterSql(query.filter);
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const column = SORT_COLUMNS[query.sort];
  const orderSql = column === 'id' ? `ORDER BY id ${direction}` : `ORDER BY ${column} ${direction}, id ${direction}`;
  const total = (statement(db, `SELECT COUNT(*) AS n FROM documents ${whereSql}`).get(...params) as { n: number }).n;
  const rows = statement(db, `SELECT ${SUMMARY_COLUMNS} FROM documents ${whereSql} ${orderSql} LIMIT ? OFFSET ?`).all(
    ...params,
    query.limit,
    query.offset,
  ) as SummaryRow[];
  return { total, items: rows.map(toSummary) };
}

export function getDocumentSummary(db: Db, id: number): DocumentSummary | null {
  const row = statement(db, `SELECT ${SUMMARY_COLUMNS} FROM documents WHERE id = ?`).get(id) as SummaryRow | undefined;
  return row ? toSummary(row) : null;
}

export interface MetadataPatch {
  title?: string;
  date?: string | null;
  source?: string | null;
  district?: string | null;
  url?: string | null;
  reporters?: string[];
}

/** `note`: '' removes the document's note; undefined leaves it. */
export function updateDocument(db: Db, id: number, status: DocumentStatus | undefined, patch: MetadataPatch, note?: string): void {
  const sets: string[] = [];
  const params: (string | null)[] = [];
  const add = (column: string, value: string | null) => {
    sets.push(`${column} = ?`);
    params.push(value);
  };
  if (status !== undefined) add('status', status);
  if (patch.title !== undefined) add('title', patch.title);
  if (patch.date !== undefined) add('published_at', patch.date);
  if (patch.source !== undefined) add('source', patch.source);
  if (patch.district !== undefined) add('district', patch.district);
  if (patch.url !== undefined) add('url', patch.url);
  if (patch.reporters !== undefined) add('reporters_json', JSON.stringify(patch.reporters));
  if (note !== undefined) add('note', note || null);
  add('updated_at', nowIso());
  statement(db, `UPDATE documents SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
}

/** Marks a todo document in progress once someone starts labeling it. */
export function markInProgress(db: Db, id: number): void {
  statement(db, `UPDATE documents SET status = 'in_progress', updated_at = ? WHERE id = ? AND status = 'todo'`).run(nowIso(), id);
}

export function deleteDocuments(db: Db, ids: number[]): number {
  const remove = statement(db, 'DELETE FROM documents WHERE id = ?');
  return ids.reduce((n, id) => n + remove.run(id).changes, 0);
}

export function nextUnfinishedDocument(db: Db, afterId: number): number | null {
  const row =
    (statement(db, `SELECT id FROM documents WHERE status IN ('todo', 'in_progress') AND id > ? ORDER BY id LIMIT 1`).get(afterId) as
      { id: number } | undefined) ??
    (statement(db, `SELECT id FROM documents WHERE status IN ('todo', 'in_progress') AND id <= ? ORDER BY id LIMIT 1`).get(afterId) as
      { id: number } | undefined);
  return row?.id ?? null;
}

export function countDocuments(db: Db): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
}

export function countByStatus(db: Db): Record<DocumentStatus, number> {
  const counts: Record<DocumentStatus, number> = { todo: 0, in_progress: 0, done: 0, reviewed: 0 };
  for (const row of statement(db, 'SELECT status, COUNT(*) AS n FROM documents GROUP BY status').all() as { status: DocumentStatus; n: number }[]) {
    counts[row.status] = row.n;
  }
  return counts;
}
