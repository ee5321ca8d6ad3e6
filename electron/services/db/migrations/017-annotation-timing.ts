import type { Migration } from './index';

/**
 * Annotation timing (#24). A span's lead time: the active milliseconds its coder spent before making
 * it (from their previous edit in the document, or from opening it; idle gaps over two minutes left
 * out), NULL for spans not made by one coder action (import, label all, pre-annotation,
 * adjudication) and for spans made before this migration. Per document and coder: when they first
 * opened it, when its status first became done, and their active time on it (in total and at done).
 * timing_sessions only remembers the largest running total each opening of a document reported, so
 * that a repeated or lost report never counts time twice or drops it (timing:record).
 */
export const migration017AnnotationTiming: Migration = {
  version: 17,
  name: 'annotation timing',
  up(db) {
    db.exec(`
      ALTER TABLE annotations ADD COLUMN lead_time_ms INTEGER CHECK (lead_time_ms IS NULL OR lead_time_ms >= 0);
      -- Only spans with a lead time: what an export reads per document and the dashboard per coder and label.
      CREATE INDEX annotations_lead_time ON annotations (document_id, annotator_id, label_id, lead_time_ms) WHERE lead_time_ms IS NOT NULL;
      CREATE TABLE document_timings (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        first_opened_at TEXT NOT NULL,
        done_at TEXT,
        active_ms INTEGER NOT NULL DEFAULT 0 CHECK (active_ms >= 0),
        active_ms_at_done INTEGER CHECK (active_ms_at_done IS NULL OR active_ms_at_done >= 0),
        PRIMARY KEY (document_id, annotator_id)
      ) STRICT;
      CREATE TABLE timing_sessions (
        session_id TEXT NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        active_ms INTEGER NOT NULL CHECK (active_ms >= 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (session_id, document_id, annotator_id)
      ) STRICT;
    `);
  },
};
