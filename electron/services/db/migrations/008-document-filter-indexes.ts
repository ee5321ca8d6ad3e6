import type { Migration } from './index';

/**
 * The document list filters by label, coder and review progress with one EXISTS per document.
 * With document_id after the filtered column each EXISTS is a single seek; before, it read every
 * span of the document (a million spans for the count of a 20,000-document project: 100-450 ms
 * instead of 20-70 ms). The label and coder indexes keep their names and leading column, so what
 * used them (label usage counts, coder counts) still does.
 */
export const migration008DocumentFilterIndexes: Migration = {
  version: 8,
  name: 'indexes for the document list filters',
  up(db) {
    db.exec(`
      DROP INDEX annotations_label;
      CREATE INDEX annotations_label ON annotations (label_id, document_id);
      DROP INDEX annotations_annotator;
      CREATE INDEX annotations_annotator ON annotations (annotator_id, document_id);
      CREATE INDEX annotations_review ON annotations (review_state, document_id);
    `);
  },
};
