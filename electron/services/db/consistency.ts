// Consistency of labelled mentions (#21): every span's place and label key, read once for the
// whole corpus; the mention strings are cut from the texts in JavaScript (SQLite's substr counts
// code points, span offsets are UTF-16 units).
import type { Db } from './connection';
import { statement } from './connection';

export type LabelledPlace = [documentId: number, start: number, end: number, labelKey: string];

/** Every span (of one coder when `annotatorId` is given), ordered by document. */
export function labelledPlaces(db: Db, annotatorId?: number): LabelledPlace[] {
  const sql = `SELECT a.document_id, a.start, a.end, l.key FROM annotations a JOIN labels l ON l.id = a.label_id
    ${annotatorId === undefined ? '' : 'WHERE a.annotator_id = ?'} ORDER BY a.document_id`;
  const params = annotatorId === undefined ? [] : [annotatorId];
  return statement(db, sql)
    .raw(true)
    .all(...params) as LabelledPlace[];
}
