// Adjudication storage (#20): the coders' and the gold layer's spans of one document, the gold
// spans' provenance (annotations.adjudicated_from) and the decisions per unit (migration 009).
import type { Db } from './connection';
import { statement } from './connection';

export interface CoderSpanRow {
  annotator: string;
  start: number;
  end: number;
  labelId: number;
}

export interface GoldSpanRow {
  id: number;
  start: number;
  end: number;
  labelId: number;
  adjudicatedFrom: string | null;
}

export interface DecisionRow {
  start: number;
  end: number;
  choice: string;
  decidedAt: string;
}

export function annotatorIdOf(db: Db, name: string): number | null {
  const row = statement(db, 'SELECT id FROM annotators WHERE name = ?').get(name) as { id: number } | undefined;
  return row?.id ?? null;
}

/** The named coders' spans in one document, in text order. */
export function coderSpans(db: Db, documentId: number, coders: readonly string[]): CoderSpanRow[] {
  return statement(
    db,
    `SELECT an.name AS annotator, a.start, a.end, a.label_id AS labelId
       FROM annotations a JOIN annotators an ON an.id = a.annotator_id
      WHERE a.document_id = ? AND an.name IN (SELECT value FROM json_each(?))
      ORDER BY a.start, a.end, a.label_id`,
  ).all(documentId, JSON.stringify(coders)) as CoderSpanRow[];
}

/** False in a project older than migration 009 opened read-only (it cannot be migrated): no gold provenance, no decisions. */
function hasAdjudicationSchema(db: Db): boolean {
  return statement(db, `SELECT 1 FROM pragma_table_info('annotations') WHERE name = 'adjudicated_from'`).pluck().get() !== undefined;
}

export function goldSpans(db: Db, documentId: number, goldId: number): GoldSpanRow[] {
  return statement(
    db,
    `SELECT id, start, end, label_id AS labelId, ${hasAdjudicationSchema(db) ? 'adjudicated_from' : 'NULL'} AS adjudicatedFrom
       FROM annotations WHERE document_id = ? AND annotator_id = ? ORDER BY start, end, label_id`,
  ).all(documentId, goldId) as GoldSpanRow[];
}

export function setAdjudicatedFrom(db: Db, annotationId: number, from: string): void {
  statement(db, 'UPDATE annotations SET adjudicated_from = ? WHERE id = ?').run(from, annotationId);
}

/** Records whose the gold spans at these places are, in one statement (each place found through the unique index). */
export function setAdjudicatedFromAll(
  db: Db,
  documentId: number,
  goldId: number,
  places: readonly { start: number; end: number; labelId: number }[],
  from: string,
): void {
  statement(
    db,
    `UPDATE annotations SET adjudicated_from = ?
      WHERE document_id = ? AND annotator_id = ?
        AND (start, end, label_id) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?))`,
  ).run(from, documentId, goldId, JSON.stringify(places.map((p) => [p.start, p.end, p.labelId])));
}

export function decisions(db: Db, documentId: number): DecisionRow[] {
  if (!hasAdjudicationSchema(db)) return [];
  return statement(db, 'SELECT start, end, choice, decided_at AS decidedAt FROM adjudication_decisions WHERE document_id = ? ORDER BY start, end').all(
    documentId,
  ) as DecisionRow[];
}

export function saveDecision(db: Db, documentId: number, decision: DecisionRow): void {
  statement(
    db,
    `INSERT INTO adjudication_decisions (document_id, start, end, choice, decided_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_id, start, end) DO UPDATE SET choice = excluded.choice, decided_at = excluded.decided_at`,
  ).run(documentId, decision.start, decision.end, decision.choice, decision.decidedAt);
}

/** Documents in which every one of these coders has at least one span, with their titles, by id. */
export function documentsSharedBy(db: Db, coderIds: readonly number[]): { id: number; title: string }[] {
  return statement(
    db,
    `SELECT d.id, d.title FROM documents d
      WHERE NOT EXISTS (SELECT 1 FROM json_each(?) c
        WHERE NOT EXISTS (SELECT 1 FROM annotations a WHERE a.annotator_id = c.value AND a.document_id = d.id))
      ORDER BY d.id`,
  ).all(JSON.stringify(coderIds)) as { id: number; title: string }[];
}

export function documentTitles(db: Db, ids: readonly number[]): { id: number; title: string }[] {
  return statement(db, 'SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids)) as {
    id: number;
    title: string;
  }[];
}
