// The dashboard's kept rows (migration 018) for spans written in bulk, once per document by
// set-based statements instead of the per-span triggers (migration 019 skips them while the
// document is listed in dashboard_bulk_documents). Exact: the new spans are those of the document
// without a kept mention yet, and each is counted exactly as the triggers would count it.
import { MENTION, SPAN_TEXT } from './migrations/018-dashboard-counts';
import type { Db } from './connection';
import { statement } from './connection';

/** Fewer new spans in a document than this go through the per-span triggers instead. */
export const BULK_KEPT_COUNTS_FROM = 8;

const hasBulkTable = (db: Db): boolean =>
  statement(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dashboard_bulk_documents'").get() !== undefined;

/**
 * The document's spans with no kept mention yet (those written while it was listed), noted in a
 * temporary table so that each span's text is cut once (a text cut in a flattened subquery was cut
 * again at every use: 45 µs a span).
 */
const NOTE_NEW_SPANS = `INSERT INTO temp.dashboard_bulk_spans (annotation_id) SELECT a.id FROM annotations a
  WHERE a.document_id = @document AND NOT EXISTS (SELECT 1 FROM dashboard_span_mentions m WHERE m.annotation_id = a.id)`;

const ADD_COUNTS = `INSERT INTO dashboard_span_counts (document_id, label_id, annotator_id, review_state, day, spans)
  SELECT a.document_id, a.label_id, a.annotator_id, a.review_state, substr(a.created_at, 1, 10), count(*)
  FROM temp.dashboard_bulk_spans n CROSS JOIN annotations a ON a.id = n.annotation_id WHERE true GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (document_id, label_id, annotator_id, review_state, day) DO UPDATE SET spans = spans + excluded.spans`;

const ADD_MENTIONS = `INSERT INTO dashboard_span_mentions (annotation_id, document_id, label_id, entity_id, text)
  SELECT a.id, a.document_id, a.label_id, coalesce(a.entity_id, 0), ${SPAN_TEXT('a')}
  FROM temp.dashboard_bulk_spans n CROSS JOIN annotations a ON a.id = n.annotation_id ORDER BY a.id`;

// A document counts once more for a mention only when none of its older spans has that mention
// (found by the entity's index or the key index, as the triggers find it).
const NOT_NEW = (o: string) => `NOT EXISTS (SELECT 1 FROM temp.dashboard_bulk_spans x WHERE x.annotation_id = ${o}.annotation_id)`;
const OLDER_IN_DOCUMENT = `CASE WHEN excluded.entity_id > 0
  THEN EXISTS (SELECT 1 FROM dashboard_span_mentions o WHERE o.entity_id = excluded.entity_id AND o.entity_id > 0 AND o.document_id = @document
    AND +o.label_id = excluded.label_id AND ${NOT_NEW('o')})
  ELSE EXISTS (SELECT 1 FROM dashboard_span_mentions o WHERE o.label_id = excluded.label_id AND o.entity_id = 0 AND o.text = excluded.mention
    AND o.document_id = @document AND ${NOT_NEW('o')}) END`;
const ADD_TOTALS = `INSERT INTO dashboard_mention_totals (label_id, entity_id, mention, spans, documents)
  SELECT label_id, entity_id, mention, count(*), 1 FROM (SELECT m.label_id, m.entity_id, ${MENTION('m')} AS mention
    FROM temp.dashboard_bulk_spans n CROSS JOIN dashboard_span_mentions m ON m.annotation_id = n.annotation_id)
  WHERE mention IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (label_id, entity_id, mention) DO UPDATE SET spans = spans + excluded.spans, documents = documents + (NOT ${OLDER_IN_DOCUMENT})`;

/** Connections whose temporary table exists (it lasts as long as the connection). */
const withTempTable = new WeakSet<Db>();

/** Counts the document's spans written while it was listed, and unlists it. */
function flushDocument(db: Db, documentId: number): void {
  if (!withTempTable.has(db)) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS dashboard_bulk_spans (annotation_id INTEGER PRIMARY KEY)');
    withTempTable.add(db);
  }
  const document = { document: documentId };
  statement(db, 'DELETE FROM temp.dashboard_bulk_spans').run(); // left by a statement that failed, if any
  statement(db, NOTE_NEW_SPANS).run(document);
  statement(db, ADD_COUNTS).run();
  statement(db, ADD_MENTIONS).run();
  statement(db, ADD_TOTALS).run(document);
  statement(db, 'DELETE FROM temp.dashboard_bulk_spans').run();
  statement(db, 'DELETE FROM dashboard_bulk_documents WHERE document_id = ?').run(documentId);
}

/**
 * Runs `write` (which inserts spans into the given documents, inside the caller's transaction) with
 * the kept rows of those documents' new spans written once afterwards. In a project without
 * migration 019 (read-only, older) it just runs `write`: the triggers, if any, count as before.
 */
export function withBulkKeptCounts<T>(db: Db, documentIds: Iterable<number>, write: () => T): T {
  if (!hasBulkTable(db)) return write();
  const listed = [...new Set(documentIds)];
  const list = statement(db, 'INSERT OR IGNORE INTO dashboard_bulk_documents (document_id) VALUES (?)');
  for (const id of listed) list.run(id);
  // Counted even when `write` fails part-way (a caller may catch and commit what was written).
  try {
    return write();
  } finally {
    for (const id of listed) flushDocument(db, id);
  }
}

/** Every document listed, for a path that writes spans anywhere (recovery): counts and unlists them all. */
export function withBulkKeptCountsEverywhere<T>(db: Db, write: () => T): T {
  if (!hasBulkTable(db)) return write();
  statement(db, 'INSERT OR IGNORE INTO dashboard_bulk_documents (document_id) SELECT id FROM documents').run();
  try {
    return write();
  } finally {
    for (const id of statement(db, 'SELECT document_id FROM dashboard_bulk_documents ORDER BY 1').pluck().all() as number[]) flushDocument(db, id);
  }
}
