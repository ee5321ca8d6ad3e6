import type { Migration } from './index';

/**
 * Bulk imports write each document's span count once instead of once per span: the per-span
 * trigger rewrote the document row and moved its span-count index entry for every one of a
 * million spans, which cost more than inserting the spans. Single edits keep the trigger. The
 * flag lives in a table (not a function or a temp table) so other SQLite tools can still write.
 */
export const migration003BulkSpanCounts: Migration = {
  version: 3,
  name: 'span counts written once per document during bulk imports',
  up(db) {
    db.exec(`
      CREATE TABLE bulk_load (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        active INTEGER NOT NULL CHECK (active IN (0, 1))
      );
      INSERT INTO bulk_load (id, active) VALUES (1, 0);
      DROP TRIGGER annotations_count_insert;
      CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations
      WHEN (SELECT active FROM bulk_load WHERE id = 1) = 0
      BEGIN
        UPDATE documents SET span_count = span_count + 1 WHERE id = NEW.document_id;
      END;
    `);
  },
};
