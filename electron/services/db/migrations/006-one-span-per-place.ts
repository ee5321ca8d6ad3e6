import type { Migration } from './index';

/**
 * One coder's label on one stretch of text is one span. Pressing a label key twice on the same
 * selection used to store the span twice, and CLUENER then listed the place twice. The earliest
 * copy stays with its attributes, review state and history; later copies and their history go,
 * and how many went is kept in project_meta for the project's statistics. Coders are told apart:
 * two coders marking the same place is agreement to be measured, not a duplicate.
 */
export const migration006OneSpanPerPlace: Migration = {
  version: 6,
  name: 'one span per label, place and coder',
  up(db) {
    db.exec(`
      CREATE TEMP TABLE duplicate_spans AS
        SELECT a.id, a.document_id FROM annotations a
        WHERE EXISTS (SELECT 1 FROM annotations b WHERE b.document_id = a.document_id AND b.start = a.start AND b.end = a.end
          AND b.label_id = a.label_id AND b.annotator_id = a.annotator_id AND b.id < a.id);
      DELETE FROM operations WHERE json_extract(coalesce(after_json, before_json), '$.id') IN (SELECT id FROM duplicate_spans);
      DELETE FROM annotations WHERE id IN (SELECT id FROM duplicate_spans);
      UPDATE documents SET span_count = (SELECT COUNT(*) FROM annotations WHERE document_id = documents.id)
        WHERE id IN (SELECT document_id FROM duplicate_spans);
      INSERT INTO project_meta (key, value) SELECT 'duplicate_spans_removed', COUNT(*) FROM duplicate_spans WHERE true
        ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER);
      DROP TABLE temp.duplicate_spans;
      -- The same leading columns as before, so span lists still read in order from it.
      DROP INDEX annotations_document;
      CREATE UNIQUE INDEX annotations_document ON annotations (document_id, start, end, label_id, annotator_id);
    `);
  },
};
