import type { Migration } from './index';

/**
 * Span counts are kept by the annotation module instead of per-row triggers. A trigger fired for
 * every one of a million imported spans, rewriting the document row and moving its span-count index
 * entry each time: that cost more than inserting the spans. A bulk import now writes each
 * document's count once; single edits add or subtract one in the same transaction.
 */
export const migration003SpanCountsInCode: Migration = {
  version: 3,
  name: 'span counts kept by the annotation module',
  up(db) {
    db.exec(`
      DROP TRIGGER annotations_count_insert;
      DROP TRIGGER annotations_count_delete;
      UPDATE documents SET span_count = (SELECT COUNT(*) FROM annotations WHERE document_id = documents.id);
    `);
  },
};
