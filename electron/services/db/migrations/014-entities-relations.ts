import type { Migration } from './index';

/** The relation types every project starts with (#23): key, name, allowed label pair by key. */
export const DEFAULT_RELATION_TYPES = [
  { key: '提出', name: '提出', fromLabelKey: 'PERSON', toLabelKey: 'SLOGAN' },
  { key: '调研', name: '调研', fromLabelKey: 'PERSON', toLabelKey: 'PROJECT' },
  { key: '部署', name: '部署', fromLabelKey: 'PERSON', toLabelKey: 'TARGET' },
  { key: '属于', name: '属于', fromLabelKey: 'PROJECT', toLabelKey: 'TARGET' },
] as const;

/**
 * Entities and relations (#23). An entity is a row of the corpus-wide table a span links to
 * (annotations.entity_id; NULL = not linked; deleting an entity unlinks its spans), with aliases
 * (indexed by alias: proposals look a mention up by it). Relation types name their allowed label pair
 * by label key, as gazetteers and patterns do, so the four defaults are seeded here for every
 * project, labels or not. A relation joins two spans of one document and goes with either of them
 * (ON DELETE CASCADE; the span service logs what went so undo brings it back). A link batch is one
 * link call, so that entities:undoLink can take a corpus-wide "link all identical" back as a whole;
 * the operations it logged carry its id with kind 'link'. Every table keeps its rowid: recovery
 * (db/recover.ts) copies tables by rowid.
 */
export const migration014EntitiesRelations: Migration = {
  version: 14,
  name: 'entities and relations',
  up(db) {
    db.exec(`
      CREATE TABLE entities (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        fields_json TEXT NOT NULL DEFAULT '{}',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entities_name ON entities (name);
      CREATE INDEX entities_label ON entities (label_id, name);
      CREATE TABLE entity_aliases (
        entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (entity_id, alias)
      ) STRICT;
      CREATE INDEX entity_aliases_alias ON entity_aliases (alias);
      ALTER TABLE annotations ADD COLUMN entity_id INTEGER REFERENCES entities (id) ON DELETE SET NULL;
      CREATE INDEX annotations_entity ON annotations (entity_id, document_id) WHERE entity_id IS NOT NULL;
      CREATE INDEX operations_batch ON operations (batch_id) WHERE batch_id IS NOT NULL;
      CREATE TABLE entity_link_batches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        undone INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE relation_types (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        from_label_key TEXT NOT NULL,
        to_label_key TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE relations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        type_id INTEGER NOT NULL REFERENCES relation_types (id),
        from_annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
        to_annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        review_state TEXT NOT NULL DEFAULT 'pending' CHECK (review_state IN ('pending', 'accepted', 'rejected')),
        created_at TEXT NOT NULL,
        CHECK (from_annotation_id <> to_annotation_id)
      ) STRICT;
      CREATE INDEX relations_document ON relations (document_id);
      CREATE UNIQUE INDEX relations_from ON relations (from_annotation_id, type_id, to_annotation_id);
      CREATE INDEX relations_to ON relations (to_annotation_id);
    `);
    const now = new Date().toISOString();
    const insert = db.prepare('INSERT INTO relation_types (key, name, from_label_key, to_label_key, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const type of DEFAULT_RELATION_TYPES) insert.run(type.key, type.name, type.fromLabelKey, type.toLabelKey, now);
  },
};
