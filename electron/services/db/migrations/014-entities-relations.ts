import type { Migration } from './index';

/** The relation types every project starts with (#23): key, name, allowed label pair by key. */
export const DEFAULT_RELATION_TYPES = [
  { key: '提出', name: '提出', fromLabelKey: 'PERSON', toLabelKey: 'SLOGAN' },
  { key: '调研', name: '调研', fromLabelKey: 'PERSON', toLabelKey: 'PROJECT' },
  { key: '部署', name: '部署', fromLabelKey: 'PERSON', toLabelKey: 'TARGET' },
  { key: '属于', name: '属于', fromLabelKey: 'PROJECT', toLabelKey: 'TARGET' },
] as const;

/** Part of migration 014 below (a constant of its own to keep up() short). */
const ENTITY_STATS_SQL = `
      -- The entity panel's numbers, kept by triggers (every path that links, unlinks, deletes or
      -- restores a span, deletes a document or an entity, or redates a document goes through them),
      -- so the panel reads and sorts entity rows instead of aggregating every linked span (345,000
      -- on the bench corpus): linked mentions per entity and document with the document's date, and
      -- from them each entity's mentions, documents, first and last date.
      CREATE INDEX entities_mentions ON entities (mentions DESC, name, id);
      CREATE INDEX entities_label_mentions ON entities (label_id, mentions DESC, name, id);
      CREATE TABLE entity_mention_counts (
        entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        mentions INTEGER NOT NULL,
        date TEXT,
        PRIMARY KEY (entity_id, document_id)
      ) STRICT;
      CREATE INDEX entity_mention_counts_date ON entity_mention_counts (entity_id, date);
      CREATE INDEX entity_mention_counts_document ON entity_mention_counts (document_id);
      CREATE TRIGGER entity_mention_counts_insert AFTER INSERT ON annotations WHEN new.entity_id IS NOT NULL BEGIN
        INSERT INTO entity_mention_counts (entity_id, document_id, mentions, date)
          SELECT new.entity_id, new.document_id, 1, (SELECT published_at FROM documents WHERE id = new.document_id) WHERE true
          ON CONFLICT (entity_id, document_id) DO UPDATE SET mentions = mentions + 1;
      END;
      CREATE TRIGGER entity_mention_counts_delete AFTER DELETE ON annotations WHEN old.entity_id IS NOT NULL BEGIN
        UPDATE entity_mention_counts SET mentions = mentions - 1 WHERE entity_id = old.entity_id AND document_id = old.document_id;
        DELETE FROM entity_mention_counts WHERE entity_id = old.entity_id AND document_id = old.document_id AND mentions <= 0;
      END;
      CREATE TRIGGER entity_mention_counts_update AFTER UPDATE OF entity_id, document_id ON annotations
        WHEN old.entity_id IS NOT new.entity_id OR (new.entity_id IS NOT NULL AND old.document_id <> new.document_id) BEGIN
        UPDATE entity_mention_counts SET mentions = mentions - 1 WHERE entity_id = old.entity_id AND document_id = old.document_id;
        DELETE FROM entity_mention_counts WHERE entity_id = old.entity_id AND document_id = old.document_id AND mentions <= 0;
        INSERT INTO entity_mention_counts (entity_id, document_id, mentions, date)
          SELECT new.entity_id, new.document_id, 1, (SELECT published_at FROM documents WHERE id = new.document_id) WHERE new.entity_id IS NOT NULL
          ON CONFLICT (entity_id, document_id) DO UPDATE SET mentions = mentions + 1;
      END;
      CREATE TRIGGER entity_mention_counts_redate AFTER UPDATE OF published_at ON documents WHEN old.published_at IS NOT new.published_at BEGIN
        UPDATE entity_mention_counts SET date = new.published_at WHERE document_id = new.id;
      END;
      CREATE TRIGGER entity_stats_insert AFTER INSERT ON entity_mention_counts BEGIN
        UPDATE entities SET mentions = mentions + new.mentions, documents = documents + 1,
          first_date = CASE WHEN new.date IS NOT NULL AND (first_date IS NULL OR new.date < first_date) THEN new.date ELSE first_date END,
          last_date = CASE WHEN new.date IS NOT NULL AND (last_date IS NULL OR new.date > last_date) THEN new.date ELSE last_date END
        WHERE id = new.entity_id;
      END;
      CREATE TRIGGER entity_stats_mentions AFTER UPDATE OF mentions ON entity_mention_counts BEGIN
        UPDATE entities SET mentions = mentions + new.mentions - old.mentions WHERE id = new.entity_id;
      END;
      CREATE TRIGGER entity_stats_delete AFTER DELETE ON entity_mention_counts BEGIN
        UPDATE entities SET mentions = mentions - old.mentions, documents = documents - 1,
          first_date = (SELECT MIN(date) FROM entity_mention_counts WHERE entity_id = old.entity_id),
          last_date = (SELECT MAX(date) FROM entity_mention_counts WHERE entity_id = old.entity_id)
        WHERE id = old.entity_id;
      END;
      CREATE TRIGGER entity_stats_redate AFTER UPDATE OF date ON entity_mention_counts BEGIN
        UPDATE entities SET first_date = (SELECT MIN(date) FROM entity_mention_counts WHERE entity_id = new.entity_id),
          last_date = (SELECT MAX(date) FROM entity_mention_counts WHERE entity_id = new.entity_id)
        WHERE id = new.entity_id;
      END;
`;

/**
 * Entities and relations (#23). An entity is a row of the corpus-wide table a span links to
 * (annotations.entity_id; NULL = not linked; deleting an entity unlinks its spans), with aliases
 * (indexed by alias: proposals look a mention up by it). Relation types name their allowed label pair
 * by label key, as gazetteers and patterns do, so the four defaults are seeded here for every
 * project, labels or not. A relation joins two spans of one document and goes with either of them
 * (ON DELETE CASCADE; the span service logs what went so undo brings it back). A link batch is one
 * link call, so that entities:undoLink can take a corpus-wide "link all identical" back as a whole;
 * the operations it logged carry its id with kind 'link'. Every table keeps its rowid: recovery
 * (db/recover.ts) copies tables by rowid. (entity_mention_counts was added in place: 014 is from
 * today and in no release.)
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
        updated_at TEXT NOT NULL,
        -- Kept by the triggers below from entity_mention_counts.
        mentions INTEGER NOT NULL DEFAULT 0,
        documents INTEGER NOT NULL DEFAULT 0,
        first_date TEXT,
        last_date TEXT
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
      ${ENTITY_STATS_SQL}
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
      CREATE INDEX relations_type ON relations (type_id);
    `);
    const now = new Date().toISOString();
    const insert = db.prepare('INSERT INTO relation_types (key, name, from_label_key, to_label_key, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const type of DEFAULT_RELATION_TYPES) insert.run(type.key, type.name, type.fromLabelKey, type.toLabelKey, now);
  },
};
