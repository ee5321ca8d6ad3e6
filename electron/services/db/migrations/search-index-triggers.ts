/**
 * The trigram index's triggers since migration 016 (#21): an inserted text is only listed as
 * pending (db/search-index.ts indexes pending texts in batches, off the import's per-row path); a
 * deleted or replaced text leaves the index when it was in it, and the pending list in any case.
 */
export const SEARCH_INDEX_TRIGGERS = `
  CREATE TRIGGER document_text_search_insert AFTER INSERT ON document_texts BEGIN
    INSERT OR IGNORE INTO search_index_pending (document_id) VALUES (new.document_id);
  END;
  CREATE TRIGGER document_text_search_delete AFTER DELETE ON document_texts BEGIN
    INSERT INTO document_text_search (document_text_search, rowid, text) SELECT 'delete', old.document_id, old.text
      WHERE NOT EXISTS (SELECT 1 FROM search_index_pending WHERE document_id = old.document_id);
    DELETE FROM search_index_pending WHERE document_id = old.document_id;
  END;
  CREATE TRIGGER document_text_search_update AFTER UPDATE OF text ON document_texts BEGIN
    INSERT INTO document_text_search (document_text_search, rowid, text) SELECT 'delete', old.document_id, old.text
      WHERE NOT EXISTS (SELECT 1 FROM search_index_pending WHERE document_id = old.document_id);
    INSERT OR IGNORE INTO search_index_pending (document_id) VALUES (new.document_id);
  END;
`;
