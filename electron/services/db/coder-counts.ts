// Spans and status per coder per document, for the document list (#20). The ids travel as one JSON
// array; annotations_document (document_id first, annotator_id in it) answers each document's count,
// coder_statuses' primary key its statuses. A coder appears with a status and no span when their
// file marked the document without tagging anything in it.
import type { CoderCount } from '../../../shared/api/layers';
import type { Db } from './connection';
import { statement } from './connection';

const hasCoderStatuses = (db: Db): boolean =>
  statement(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'coder_statuses'`).pluck().get() !== undefined;

export function coderSpanCounts(db: Db, documentIds: number[]): CoderCount[] {
  // A project older than migration 012, open read-only, has no statuses to show.
  const statuses = hasCoderStatuses(db)
    ? 'SELECT document_id, annotator_id, status FROM coder_statuses WHERE document_id IN (SELECT id FROM asked)'
    : 'SELECT NULL AS document_id, NULL AS annotator_id, NULL AS status WHERE 0';
  return statement(
    db,
    `WITH asked (id) AS (SELECT value FROM json_each(?)),
          counts AS (SELECT document_id, annotator_id, COUNT(*) AS n FROM annotations
                      WHERE document_id IN (SELECT id FROM asked) GROUP BY document_id, annotator_id),
          statuses AS (${statuses}),
          coders AS (SELECT document_id, annotator_id FROM counts UNION SELECT document_id, annotator_id FROM statuses)
     SELECT k.document_id AS documentId, an.name AS annotator, COALESCE(c.n, 0) AS count, s.status AS status
       FROM coders k JOIN annotators an ON an.id = k.annotator_id
       LEFT JOIN counts c ON c.document_id = k.document_id AND c.annotator_id = k.annotator_id
       LEFT JOIN statuses s ON s.document_id = k.document_id AND s.annotator_id = k.annotator_id
      ORDER BY k.document_id, an.name`,
  ).all(JSON.stringify(documentIds)) as CoderCount[];
}
