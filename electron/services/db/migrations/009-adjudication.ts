import type { Migration } from './index';

/**
 * Adjudication (#20): the gold layer is the spans of the reserved coder 'gold'. Each gold span
 * says whose span it took (`adjudicated_from`: coder names joined by ',', or 'edited'); spans of
 * ordinary coders leave it NULL. A decision is kept per disagreement unit (document and the
 * unit's characters) even when it took no span ('neither'), so progress counts it as decided.
 */
export const migration009Adjudication: Migration = {
  version: 9,
  name: 'gold layer provenance and adjudication decisions',
  up(db) {
    db.exec(`
      ALTER TABLE annotations ADD COLUMN adjudicated_from TEXT;
      CREATE TABLE adjudication_decisions (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        choice TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (document_id, start, end)
      );
    `);
  },
};
