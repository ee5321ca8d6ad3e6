import type { Migration } from './index';

/**
 * Span attributes are stored once per distinct set, and spans point at their set. A million spans
 * hold tens of thousands of sets (a role, a district): an export read each span's JSON text and
 * hashed it to find the sets again, the largest part of reading spans with attributes. Now it
 * reads a number, and the text of each set once. Spans without attributes point at none.
 */
export const migration004AttributeSets: Migration = {
  version: 4,
  name: 'attribute sets stored once',
  up(db) {
    db.exec(`
      CREATE TABLE attribute_sets (
        id INTEGER PRIMARY KEY,
        json TEXT NOT NULL UNIQUE CHECK (json <> '{}')
      ) STRICT;
      INSERT INTO attribute_sets (json) SELECT attributes_json FROM annotations WHERE attributes_json <> '{}' GROUP BY attributes_json ORDER BY min(id);
      ALTER TABLE annotations ADD COLUMN attribute_set_id INTEGER REFERENCES attribute_sets (id);
      UPDATE annotations SET attribute_set_id = (SELECT s.id FROM attribute_sets s WHERE s.json = annotations.attributes_json) WHERE attributes_json <> '{}';
      ALTER TABLE annotations DROP COLUMN attributes_json;
    `);
  },
};
