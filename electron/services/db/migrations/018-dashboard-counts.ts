import type { Migration } from './index';

/**
 * The text of span `s` cut in SQL. SQLite's substr counts code points and span offsets are UTF-16
 * units, so it is cut only from documents without astral characters (there code points are UTF-16
 * units); in the others (rare: listed in dashboard_astral_documents) the text stays NULL and the
 * dashboard cuts it in JavaScript. Texts never change after import (no statement updates
 * document_texts), so a cut text stays right; a text stored after its spans fills them in.
 */
export const SPAN_TEXT = (s: string) => `CASE WHEN NOT EXISTS (SELECT 1 FROM dashboard_astral_documents x WHERE x.document_id = ${s}.document_id)
  THEN (SELECT substr(dt.text, ${s}.start + 1, ${s}.end - ${s}.start) FROM document_texts dt WHERE dt.document_id = ${s}.document_id) END`;

export const INSERT_SPAN_MENTION = (s: string) => `INSERT INTO dashboard_span_mentions (annotation_id, document_id, label_id, entity_id, text)
  VALUES (${s}.id, ${s}.document_id, ${s}.label_id, coalesce(${s}.entity_id, 0), ${SPAN_TEXT(s)})`;

export const DAY = (s: string) => `substr(${s}.created_at, 1, 10)`;
export const ADD_COUNT = `INSERT INTO dashboard_span_counts (document_id, label_id, annotator_id, review_state, day, spans)
  VALUES (new.document_id, new.label_id, new.annotator_id, new.review_state, ${DAY('new')}, 1)
  ON CONFLICT (document_id, label_id, annotator_id, review_state, day) DO UPDATE SET spans = spans + 1`;
const OLD_COUNT = `document_id = old.document_id AND label_id = old.label_id AND annotator_id = old.annotator_id
  AND review_state = old.review_state AND day = ${DAY('old')}`;
const REMOVE_COUNT = `UPDATE dashboard_span_counts SET spans = spans - 1 WHERE ${OLD_COUNT};
  DELETE FROM dashboard_span_counts WHERE ${OLD_COUNT} AND spans <= 0`;

/** A mention's key (see dashboard_mention_totals): '' for a linked span, else its text (NULL: not known). */
export const MENTION = (m: string) => `CASE WHEN ${m}.entity_id > 0 THEN '' ELSE ${m}.text END`;

/**
 * Whether another span of mention row `m`'s key is in its document (`m` itself left out); for an
 * entity by the entity's index (`+label_id`: the key index would read every mention of the entity).
 */
export const OTHER_IN_DOCUMENT = (m: string) => `CASE WHEN ${m}.entity_id > 0
  THEN EXISTS (SELECT 1 FROM dashboard_span_mentions o WHERE o.entity_id = ${m}.entity_id AND o.entity_id > 0 AND o.document_id = ${m}.document_id
    AND +o.label_id = ${m}.label_id AND o.annotation_id <> ${m}.annotation_id)
  ELSE EXISTS (SELECT 1 FROM dashboard_span_mentions o WHERE o.label_id = ${m}.label_id AND o.entity_id = 0 AND o.text = ${m}.text
    AND o.document_id = ${m}.document_id AND o.annotation_id <> ${m}.annotation_id) END`;
const TOTAL_OF = (m: string) => `label_id = ${m}.label_id AND entity_id = ${m}.entity_id AND mention = ${MENTION(m)}`;

/** Part of migration 018 below (a constant of its own to keep up() short). */
const TRIGGERS_SQL = `
      CREATE TRIGGER dashboard_span_insert AFTER INSERT ON annotations BEGIN
        ${ADD_COUNT};
        ${INSERT_SPAN_MENTION('new')};
      END;
      CREATE TRIGGER dashboard_span_delete AFTER DELETE ON annotations BEGIN
        ${REMOVE_COUNT};
        DELETE FROM dashboard_span_mentions WHERE annotation_id = old.id;
      END;
      CREATE TRIGGER dashboard_span_recount AFTER UPDATE OF document_id, label_id, annotator_id, review_state, created_at ON annotations
        WHEN old.document_id <> new.document_id OR old.label_id <> new.label_id OR old.annotator_id <> new.annotator_id
          OR old.review_state <> new.review_state OR ${DAY('old')} <> ${DAY('new')} BEGIN
        ${REMOVE_COUNT};
        ${ADD_COUNT};
      END;
      CREATE TRIGGER dashboard_span_remention AFTER UPDATE OF id, document_id, start, end, label_id, entity_id ON annotations
        WHEN old.id <> new.id OR old.document_id <> new.document_id OR old.start <> new.start OR old.end <> new.end
          OR old.label_id <> new.label_id OR old.entity_id IS NOT new.entity_id BEGIN
        DELETE FROM dashboard_span_mentions WHERE annotation_id = old.id;
        ${INSERT_SPAN_MENTION('new')};
      END;
      -- A text stored after its spans (none of our paths does so today) gives them their texts.
      CREATE TRIGGER dashboard_text_insert AFTER INSERT ON document_texts BEGIN
        INSERT INTO dashboard_astral_documents (document_id)
          SELECT new.document_id WHERE length(new.text) <> (SELECT char_count FROM documents WHERE id = new.document_id)
          ON CONFLICT DO NOTHING;
        DELETE FROM dashboard_span_mentions WHERE annotation_id IN (SELECT id FROM annotations WHERE document_id = new.document_id);
        INSERT INTO dashboard_span_mentions (annotation_id, document_id, label_id, entity_id, text)
          SELECT a.id, a.document_id, a.label_id, coalesce(a.entity_id, 0), ${SPAN_TEXT('a')} FROM annotations a WHERE a.document_id = new.document_id;
      END;
      CREATE TRIGGER dashboard_text_delete AFTER DELETE ON document_texts BEGIN
        DELETE FROM dashboard_astral_documents WHERE document_id = old.document_id;
      END;
      CREATE TRIGGER dashboard_mention_insert AFTER INSERT ON dashboard_span_mentions WHEN ${MENTION('new')} IS NOT NULL BEGIN
        INSERT INTO dashboard_mention_totals (label_id, entity_id, mention, spans, documents) VALUES (new.label_id, new.entity_id, ${MENTION('new')}, 1, 1)
          ON CONFLICT (label_id, entity_id, mention) DO UPDATE SET spans = spans + 1, documents = documents + (NOT ${OTHER_IN_DOCUMENT('new')});
      END;
      CREATE TRIGGER dashboard_mention_delete AFTER DELETE ON dashboard_span_mentions WHEN ${MENTION('old')} IS NOT NULL BEGIN
        UPDATE dashboard_mention_totals SET spans = spans - 1, documents = documents - (NOT ${OTHER_IN_DOCUMENT('old')}) WHERE ${TOTAL_OF('old')};
        DELETE FROM dashboard_mention_totals WHERE ${TOTAL_OF('old')} AND spans <= 0;
      END;
`;

/**
 * The dashboard's aggregates (#24) kept by triggers, so that its first paint reads tens of
 * thousands of rows instead of a million spans (1.3–2.1 s on the bench corpus, and 5.5 s more for
 * the top mentions, whose texts were cut from the documents in JavaScript):
 * - dashboard_span_counts: spans per document, label, coder, review state and day of creation;
 *   every filter of the dashboard is a column of it or of the document, so the charts over time,
 *   district, source and the coding progress are exact GROUP BYs of it under any filter;
 * - dashboard_span_mentions: each span's label, entity, text and mention key (entity when linked,
 *   else text), for the top mentions and co-occurrence under a filter;
 * - dashboard_mention_totals: spans and documents per label and mention key, the unfiltered top
 *   mentions read from an index.
 * Every path that adds, deletes, moves, relabels, links, reviews or restores a span (or deletes a
 * document) goes through annotations' triggers. All three are derived: recovery rebuilds them
 * (the copy fires the triggers) instead of copying them. Rowid tables (recovery copies by rowid).
 */
export const migration018DashboardCounts: Migration = {
  version: 18,
  name: 'dashboard counts',
  up(db) {
    db.exec(`
      CREATE TABLE dashboard_span_counts (
        document_id INTEGER NOT NULL,
        label_id INTEGER NOT NULL,
        annotator_id INTEGER NOT NULL,
        review_state TEXT NOT NULL,
        day TEXT NOT NULL,
        spans INTEGER NOT NULL,
        UNIQUE (document_id, label_id, annotator_id, review_state, day)
      ) STRICT;
      CREATE TABLE dashboard_astral_documents (document_id INTEGER PRIMARY KEY);
      CREATE TABLE dashboard_span_mentions (
        annotation_id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL,
        label_id INTEGER NOT NULL,
        entity_id INTEGER NOT NULL,
        text TEXT
      ) STRICT;
      CREATE TABLE dashboard_mention_totals (
        label_id INTEGER NOT NULL,
        entity_id INTEGER NOT NULL,
        mention TEXT NOT NULL,
        spans INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        UNIQUE (label_id, entity_id, mention)
      ) STRICT;

      INSERT INTO dashboard_span_counts (document_id, label_id, annotator_id, review_state, day, spans)
        SELECT document_id, label_id, annotator_id, review_state, substr(created_at, 1, 10), count(*) FROM annotations GROUP BY 1, 2, 3, 4, 5;
      INSERT INTO dashboard_astral_documents (document_id)
        SELECT dt.document_id FROM document_texts dt JOIN documents d ON d.id = dt.document_id WHERE length(dt.text) <> d.char_count;
      INSERT INTO dashboard_span_mentions (annotation_id, document_id, label_id, entity_id, text)
        SELECT a.id, a.document_id, a.label_id, coalesce(a.entity_id, 0),
          CASE WHEN dt.document_id NOT IN (SELECT document_id FROM dashboard_astral_documents) THEN substr(dt.text, a.start + 1, a.end - a.start) END
        FROM document_texts dt JOIN annotations a ON a.document_id = dt.document_id ORDER BY a.id;
      -- Indexes after the rows: built by one sort instead of a million scattered inserts.
      CREATE INDEX dashboard_span_mentions_key ON dashboard_span_mentions (label_id, entity_id, text, document_id);
      CREATE INDEX dashboard_span_mentions_entity ON dashboard_span_mentions (entity_id, document_id, label_id) WHERE entity_id > 0;
      CREATE INDEX dashboard_span_mentions_uncut ON dashboard_span_mentions (document_id) WHERE text IS NULL;
      INSERT INTO dashboard_mention_totals (label_id, entity_id, mention, spans, documents)
        SELECT label_id, entity_id, mention, count(*), count(DISTINCT document_id)
        FROM (SELECT label_id, entity_id, ${MENTION('m')} AS mention, document_id FROM dashboard_span_mentions m) WHERE mention IS NOT NULL GROUP BY 1, 2, 3;
      CREATE INDEX dashboard_mention_totals_spans ON dashboard_mention_totals (label_id, spans DESC, documents DESC);
      CREATE INDEX dashboard_mention_totals_documents ON dashboard_mention_totals (label_id, documents DESC, spans DESC);

      ${TRIGGERS_SQL}
    `);
  },
};
