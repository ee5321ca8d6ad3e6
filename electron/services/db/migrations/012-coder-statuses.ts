import type { Migration } from './index';

/**
 * Each coder's own status per document (#20). A document carries one status, which a merge only
 * moves forward; what each coder's file said about it is kept here, so the document list can say
 * "王 done · 李 in progress". Rows come from merges; a coder's status only moves forward too.
 */
export const migration012CoderStatuses: Migration = {
  version: 12,
  name: 'coder statuses per document',
  up(db) {
    db.exec(`
      CREATE TABLE coder_statuses (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'reviewed')),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (document_id, annotator_id)
      ) STRICT;
    `);
  },
};
