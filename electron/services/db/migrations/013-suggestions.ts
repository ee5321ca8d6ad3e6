import { BUILT_IN_PATTERNS } from '../../../../shared/suggest/patterns';
import type { Migration } from './index';

/**
 * Suggestions (#22): imported gazetteers and their terms, patterns (the shipped ones seeded here,
 * so that a project opened read-only later has them too; editable; db/patterns.ts adds those a
 * later Biaozhu ships), the places where a suggestion was rejected (never proposed there again with that
 * label), the learned tagger's stored model, and where an accepted span came from
 * (annotations.origin_detail: JSON {source, sourceId, confidence}, NULL for spans made by hand).
 * Labels are named by key in gazetteers and patterns (they survive a label's re-creation and are
 * skipped while no label has the key); rejections name the label's id and go with it.
 */
export const migration013Suggestions: Migration = {
  version: 13,
  name: 'suggestions',
  up(db) {
    db.exec(`
      CREATE TABLE gazetteers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        encoding TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE gazetteer_terms (
        gazetteer_id INTEGER NOT NULL REFERENCES gazetteers (id) ON DELETE CASCADE,
        term TEXT NOT NULL,
        label_key TEXT NOT NULL,
        canonical TEXT,
        PRIMARY KEY (gazetteer_id, term)
      ) STRICT;
      CREATE TABLE suggestion_patterns (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        regex TEXT NOT NULL,
        label_key TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        built_in_key TEXT UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE rejected_suggestions (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
        rejected_at TEXT NOT NULL,
        PRIMARY KEY (document_id, start, end, label_id)
      ) STRICT;
      CREATE TABLE suggestion_models (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        labels_json TEXT NOT NULL,
        trained_on_json TEXT NOT NULL,
        trained_at TEXT NOT NULL,
        model BLOB NOT NULL
      ) STRICT;
      ALTER TABLE annotations ADD COLUMN origin_detail TEXT;
    `);
    const now = new Date().toISOString();
    const insert = db.prepare('INSERT INTO suggestion_patterns (name, regex, label_key, built_in_key, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const pattern of BUILT_IN_PATTERNS) insert.run(pattern.name, pattern.regex, pattern.labelKey, pattern.key, now);
  },
};
