// Spans per coder per document, for the document list (#20). The ids travel as one JSON array;
// annotations_document (document_id first, annotator_id in it) answers each document's count.
import type { CoderCount } from '../../../shared/api/layers';
import type { Db } from './connection';
import { statement } from './connection';

export function coderSpanCounts(db: Db, documentIds: number[]): CoderCount[] {
  return statement(
    db,
    `SELECT a.document_id AS documentId, an.name AS annotator, COUNT(*) AS count
       FROM annotations a JOIN annotators an ON an.id = a.annotator_id
      WHERE a.document_id IN (SELECT value FROM json_each(?))
      GROUP BY a.document_id, a.annotator_id
      ORDER BY a.document_id, an.name`,
  ).all(JSON.stringify(documentIds)) as CoderCount[];
}
