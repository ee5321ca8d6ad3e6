import type { Migration } from './index';

/**
 * Corpus search with a label filter (#21): per label and document, the texts of its spans (each
 * distinct text once, joined by line breaks), so "hits of 发展 inside a PERSON span" looks at the
 * label's mentions instead of reading every document holding 发展 (3 s on the bench corpus).
 *
 * A digest is a superset: it holds the text of every current span of its label in its document,
 * and maybe texts of spans since moved or deleted (the search checks every candidate exactly).
 * Digests are computed in JavaScript (SQLite's substr counts code points, span offsets are UTF-16
 * units), so the triggers only mark a document stale when a span is added, moved or relabelled;
 * a stale document is a candidate for every label until db/search-index.ts refreshes it. Deleting
 * a span leaves the superset true and needs nothing. Texts never change after import.
 * A rowid table (recovery copies tables by rowid) whose index holds the texts too, so a search
 * reads one label's digests from the index alone.
 */
export const migration015SpanTextDigests: Migration = {
  version: 15,
  name: 'span text digests for labelled search',
  up(db) {
    db.exec(`
      CREATE TABLE span_text_digests (label_id INTEGER NOT NULL, document_id INTEGER NOT NULL, texts TEXT NOT NULL);
      CREATE INDEX span_text_digests_label ON span_text_digests (label_id, document_id, texts);
      CREATE TABLE span_text_stale (document_id INTEGER PRIMARY KEY);
      CREATE TRIGGER span_text_stale_insert AFTER INSERT ON annotations BEGIN
        INSERT OR IGNORE INTO span_text_stale (document_id) VALUES (new.document_id);
      END;
      CREATE TRIGGER span_text_stale_update AFTER UPDATE OF document_id, start, end, label_id ON annotations BEGIN
        INSERT OR IGNORE INTO span_text_stale (document_id) VALUES (new.document_id);
      END;
      INSERT INTO span_text_stale (document_id) SELECT DISTINCT document_id FROM annotations;
    `);
  },
};
