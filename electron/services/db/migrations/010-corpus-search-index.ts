import type { Migration } from './index';

/**
 * Corpus search (#21): a trigram index of the documents' normalized text, so a literal of three or
 * more characters finds its documents without reading every text. External content (the texts stay
 * only in document_texts; document_id is the rowid) kept current by triggers, so every path that
 * adds or removes a text — import, merge, hand-out files, recovery, deleting documents (the cascade
 * fires the delete trigger) — updates it. detail=none keeps only which documents hold a trigram: a
 * query is the AND of its trigrams, a superset that the search checks with instr; building it costs
 * a quarter of what positions (detail=full) cost on the bench corpus, at a sixth of the size.
 * case_sensitive 1: the search is exact, so the index must not fold case. Since migration 016
 * the triggers only list new texts as pending; see migrations/search-index-triggers.ts.
 */
export const migration010CorpusSearchIndex: Migration = {
  version: 10,
  name: 'corpus search trigram index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE document_text_search USING fts5(
        text, content = 'document_texts', content_rowid = 'document_id',
        tokenize = 'trigram case_sensitive 1', detail = none, columnsize = 0
      );
      CREATE TRIGGER document_text_search_insert AFTER INSERT ON document_texts BEGIN
        INSERT INTO document_text_search (rowid, text) VALUES (new.document_id, new.text);
      END;
      CREATE TRIGGER document_text_search_delete AFTER DELETE ON document_texts BEGIN
        INSERT INTO document_text_search (document_text_search, rowid, text) VALUES ('delete', old.document_id, old.text);
      END;
      CREATE TRIGGER document_text_search_update AFTER UPDATE OF text ON document_texts BEGIN
        INSERT INTO document_text_search (document_text_search, rowid, text) VALUES ('delete', old.document_id, old.text);
        INSERT INTO document_text_search (rowid, text) VALUES (new.document_id, new.text);
      END;
      -- Filled after opening, in the background (migration 016, db/search-index.ts), not here:
      -- a rebuild inside the migration held a 20,000-document project's opening for 6-15 s.
      CREATE TABLE search_index_pending (document_id INTEGER PRIMARY KEY);
      INSERT INTO search_index_pending (document_id) SELECT document_id FROM document_texts;
    `);
  },
};
