import { ADD_COUNT, INSERT_SPAN_MENTION, MENTION, OTHER_IN_DOCUMENT } from './018-dashboard-counts';
import type { Migration } from './index';

/** A span or kept mention of a document listed in dashboard_bulk_documents is left to db/dashboard-bulk.ts. */
const NOT_BULK = (row: string) => `NOT EXISTS (SELECT 1 FROM dashboard_bulk_documents b WHERE b.document_id = ${row}.document_id)`;

/**
 * The bulk paths (import, label all, accepting suggestions above a threshold, merging a coder's
 * file, recovery) write the dashboard's kept rows (migration 018) once per document by set-based
 * statements instead of a trigger per span (+44 µs a span: +45 s on a million-span import), as
 * migration 003 did for the documents' span counts. While a document is listed in
 * dashboard_bulk_documents (only inside the writing transaction) the insert triggers skip its new
 * spans; db/dashboard-bulk.ts then counts the spans that have no kept mention yet, and unlists it.
 * Deletes and updates keep their triggers, and so does every single edit.
 */
export const migration019DashboardBulkWrites: Migration = {
  version: 19,
  name: 'dashboard counts written once per document by bulk paths',
  up(db) {
    db.exec(`
      CREATE TABLE dashboard_bulk_documents (document_id INTEGER PRIMARY KEY);
      DROP TRIGGER dashboard_span_insert;
      CREATE TRIGGER dashboard_span_insert AFTER INSERT ON annotations WHEN ${NOT_BULK('new')} BEGIN
        ${ADD_COUNT};
        ${INSERT_SPAN_MENTION('new')};
      END;
      DROP TRIGGER dashboard_mention_insert;
      CREATE TRIGGER dashboard_mention_insert AFTER INSERT ON dashboard_span_mentions WHEN ${MENTION('new')} IS NOT NULL AND ${NOT_BULK('new')} BEGIN
        INSERT INTO dashboard_mention_totals (label_id, entity_id, mention, spans, documents) VALUES (new.label_id, new.entity_id, ${MENTION('new')}, 1, 1)
          ON CONFLICT (label_id, entity_id, mention) DO UPDATE SET spans = spans + 1, documents = documents + (NOT ${OTHER_IN_DOCUMENT('new')});
      END;
    `);
  },
};
