import type { Migration } from './index';
import { SEARCH_INDEX_TRIGGERS } from './search-index-triggers';

/**
 * The trigram index of migration 010 is filled in batches instead of by a trigger per inserted
 * text (#21): an import no longer indexes row by row inside its transaction, and an existing
 * project's texts are indexed in the background after it opens, with progress
 * (search:indexStatus), where migration 010 used to rebuild the index while the project opened.
 * Projects whose 010 already built the index keep it (nothing pending); those migrated from
 * before 010 just now have every text listed as pending by 010.
 */
export const migration016SearchIndexPending: Migration = {
  version: 16,
  name: 'search index filled in batches',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS search_index_pending (document_id INTEGER PRIMARY KEY);
      DROP TRIGGER IF EXISTS document_text_search_insert;
      DROP TRIGGER IF EXISTS document_text_search_delete;
      DROP TRIGGER IF EXISTS document_text_search_update;
      ${SEARCH_INDEX_TRIGGERS}
    `);
  },
};
