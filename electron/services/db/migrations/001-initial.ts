import type { Migration } from './index';

export const migration001Initial: Migration = {
  version: 1,
  name: 'initial schema',
  // eslint-disable-next-line max-lines-per-function -- the initial schema is one list of CREATE statements, read top to bottom as one
  up(db) {
    db.exec(`
      CREATE TABLE project_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE annotators (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE labels (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        color TEXT NOT NULL,
        hotkey TEXT UNIQUE,
        sort_order INTEGER NOT NULL,
        attributes_json TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Metadata, status and counts only: the list, sort and status updates touch small rows.
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        external_id TEXT,
        title TEXT NOT NULL DEFAULT '',
        published_at TEXT,
        source TEXT,
        district TEXT,
        url TEXT,
        reporters_json TEXT NOT NULL DEFAULT '[]',
        file_name TEXT,
        raw_sha256 TEXT,
        encoding TEXT,
        text_sha256 TEXT NOT NULL,
        char_count INTEGER NOT NULL,
        span_count INTEGER NOT NULL DEFAULT 0,
        steps_json TEXT NOT NULL DEFAULT '[]',
        warnings_json TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'todo'
          CHECK (status IN ('todo', 'in_progress', 'done', 'reviewed')),
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- The texts, read only when a document is opened or exported.
      CREATE TABLE document_texts (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        original_text TEXT NOT NULL,
        text TEXT NOT NULL,
        offset_map_json TEXT NOT NULL,
        removed_json TEXT NOT NULL DEFAULT '[]'
      ) STRICT;

      -- Same normalized text imported twice is detected by this index.
      CREATE UNIQUE INDEX documents_text_sha256 ON documents (text_sha256);
      CREATE INDEX documents_status ON documents (status, id);
      CREATE INDEX documents_published_at ON documents (published_at, id);
      CREATE INDEX documents_source ON documents (source, id);

      -- AUTOINCREMENT: an undone delete re-inserts the span under its old id, so ids are never reused.
      CREATE TABLE annotations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label_id INTEGER NOT NULL REFERENCES labels (id),
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        origin TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'suggested')),
        review_state TEXT NOT NULL DEFAULT 'pending' CHECK (review_state IN ('pending', 'accepted', 'rejected')),
        attributes_json TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (start >= 0 AND end > start)
      ) STRICT;
      CREATE INDEX annotations_document ON annotations (document_id, start, end);
      CREATE INDEX annotations_label ON annotations (label_id);

      -- The document list shows and sorts by span counts; keep them current instead of counting per page.
      CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations BEGIN
        UPDATE documents SET span_count = span_count + 1 WHERE id = NEW.document_id;
      END;
      CREATE TRIGGER annotations_count_delete AFTER DELETE ON annotations BEGIN
        UPDATE documents SET span_count = span_count - 1 WHERE id = OLD.document_id;
      END;

      -- Persistent undo/redo: each row holds the span before and after one change.
      CREATE TABLE operations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        undone INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX operations_document ON operations (document_id, undone, id);
    `);
  },
};
