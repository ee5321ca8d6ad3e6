import type { Migration } from './index';

/** Title/source lookups in the document list stay fast on 20,000 documents. */
export const migration002SearchIndex: Migration = {
  version: 2,
  name: 'document list sort indexes',
  up(db) {
    db.exec(`
      CREATE INDEX documents_title ON documents (title, id);
      CREATE INDEX annotations_annotator ON annotations (annotator_id);
      CREATE INDEX documents_span_count ON documents (span_count, id);
    `);
  },
};
