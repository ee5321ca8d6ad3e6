import type { Migration } from './index';

/**
 * Label every hit (#21): a batch is one "label all" — its label, its coder and the spans it created,
 * each with the id it got, so that search:undoLabelAll removes exactly those spans and
 * search:redoLabelAll puts them back under the same ids, even after a document's own history has
 * moved on. The operations a batch logged carry its id (`batch_id`, deliberately no foreign key:
 * the per-document grouping must keep working in a recovered copy that lost batch rows), so
 * that Ctrl+Z in one document undoes that document's part of the batch as one step. Both tables
 * keep their rowid: recovery (db/recover.ts) copies a damaged project's tables by rowid.
 */
export const migration011LabelBatches: Migration = {
  version: 11,
  name: 'label-all batches',
  up(db) {
    db.exec(`
      CREATE TABLE label_batches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        undone INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE label_batch_spans (
        batch_id INTEGER NOT NULL REFERENCES label_batches (id) ON DELETE CASCADE,
        annotation_id INTEGER NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (batch_id, annotation_id)
      ) STRICT;
      CREATE INDEX label_batch_spans_document ON label_batch_spans (document_id);
      ALTER TABLE operations ADD COLUMN batch_id INTEGER;
    `);
  },
};
