// Read-only queries behind exports: documents matching the export filters, streamed in id order.
import type { ExportOptions } from '../../../shared/api/jobs';
import type { Db } from './connection';
import { statement } from './connection';
import type { DocumentRow } from './documents';

export function exportDocumentIds(db: Db, options: ExportOptions): number[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const inList = (column: string, values: readonly (string | number)[]) => {
    where.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  if (options.documentIds?.length) inList('id', options.documentIds);
  if (options.statuses?.length) inList('status', options.statuses);
  if (options.sources?.length) inList('source', options.sources);
  if (options.dateFrom) { where.push('published_at >= ?'); params.push(options.dateFrom); }
  if (options.dateTo) { where.push('published_at < ?'); params.push(`${options.dateTo}~`); }
  const sql = `SELECT id FROM documents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
  return (db.prepare(sql).pluck().all(...params) as number[]);
}

export function readExportDocument(db: Db, id: number): DocumentRow {
  return statement(db, 'SELECT d.*, t.* FROM documents d JOIN document_texts t ON t.document_id = d.id WHERE d.id = ?').get(id) as DocumentRow;
}

export interface ExportSpanRow {
  id: number;
  start: number;
  end: number;
  label_key: string;
  annotator: string;
  origin: 'manual' | 'suggested';
  review_state: 'pending' | 'accepted' | 'rejected';
  attributes_json: string;
  created_at: string;
  updated_at: string;
}

export function readExportSpans(db: Db, documentId: number, labelKeys: string[] | undefined, annotator: string | undefined): ExportSpanRow[] {
  const where = ['a.document_id = ?'];
  const params: (string | number)[] = [documentId];
  if (labelKeys?.length) { where.push(`l.key IN (${labelKeys.map(() => '?').join(',')})`); params.push(...labelKeys); }
  if (annotator) { where.push('an.name = ?'); params.push(annotator); }
  return statement(db, `SELECT a.id, a.start, a.end, l.key AS label_key, an.name AS annotator, a.origin, a.review_state, a.attributes_json,
         a.created_at, a.updated_at
       FROM annotations a JOIN labels l ON l.id = a.label_id JOIN annotators an ON an.id = a.annotator_id
       WHERE ${where.join(' AND ')} ORDER BY a.start, a.end, a.id`)
    .all(...params) as ExportSpanRow[];
}
