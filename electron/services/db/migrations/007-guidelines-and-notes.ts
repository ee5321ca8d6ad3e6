import { DEFAULT_GUIDELINES } from '../default-guidelines';
import type { Migration } from './index';

/**
 * Labels get a guideline (description in both languages and example mentions); spans and
 * documents get a free-text note. Empty notes are NULL, and a partial index holds only the spans
 * that have one: exports that write notes find them without reading every span again. Default
 * labels still without a description get the default guideline, so older projects show one too.
 */
export const migration007GuidelinesAndNotes: Migration = {
  version: 7,
  name: 'label guidelines, span and document notes',
  up(db) {
    db.exec(`
      ALTER TABLE labels ADD COLUMN description_zh TEXT NOT NULL DEFAULT '';
      ALTER TABLE labels ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
      ALTER TABLE labels ADD COLUMN examples_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE annotations ADD COLUMN note TEXT;
      ALTER TABLE documents ADD COLUMN note TEXT;
      CREATE INDEX annotations_note ON annotations (document_id) WHERE note IS NOT NULL;
    `);
    const fill = db.prepare(`UPDATE labels SET description_zh = ?, description_en = ?, examples_json = ?
      WHERE key = ? AND description_zh = '' AND description_en = '' AND examples_json = '[]'`);
    for (const [key, g] of Object.entries(DEFAULT_GUIDELINES)) fill.run(g.descriptionZh, g.descriptionEn, JSON.stringify(g.examples), key);
  },
};
