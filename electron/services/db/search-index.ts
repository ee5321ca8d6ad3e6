// Upkeep of the corpus search's derived tables (#21): the span text digests of migration 015.
import type { Db } from './connection';
import { statement } from './connection';

/** Digests hold each distinct span text once, joined by this (a query holding it may match across two: a superset is fine). */
export const DIGEST_SEPARATOR = '\n';

const REFRESH_BATCH = 500;

export function hasSpanDigests(db: Db): boolean {
  return statement(db, `SELECT 1 FROM sqlite_master WHERE name = 'span_text_digests'`).pluck().get() !== undefined;
}

export function staleDigestCount(db: Db): number {
  return statement(db, 'SELECT count(*) FROM span_text_stale').pluck().get() as number;
}

/**
 * Recomputes the digests of every stale document (all its labels) and clears the marks, in
 * transactions of REFRESH_BATCH documents. Texts and spans are read per batch, sliced in
 * JavaScript (UTF-16 offsets, as the spans'). Answers how many documents it refreshed.
 */
export function refreshSpanDigests(db: Db): number {
  let refreshed = 0;
  const nextBatch = statement(db, 'SELECT document_id FROM span_text_stale ORDER BY document_id LIMIT ?').pluck();
  const texts = statement(db, 'SELECT document_id, text FROM document_texts WHERE document_id IN (SELECT value FROM json_each(?))').raw(true);
  const spans = statement(
    db,
    'SELECT document_id, label_id, start, end FROM annotations WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, label_id',
  ).raw(true);
  const clear = statement(db, 'DELETE FROM span_text_digests WHERE label_id IN (SELECT id FROM labels) AND document_id = ?');
  const insert = statement(db, 'INSERT INTO span_text_digests (label_id, document_id, texts) VALUES (?, ?, ?)');
  const unmark = statement(db, 'DELETE FROM span_text_stale WHERE document_id IN (SELECT value FROM json_each(?))');
  for (;;) {
    const ids = nextBatch.all(REFRESH_BATCH) as number[];
    if (ids.length === 0) return refreshed;
    const json = JSON.stringify(ids);
    db.transaction(() => {
      const textOf = new Map(texts.all(json) as [number, string][]);
      const digests = new Map<string, Set<string>>();
      for (const [documentId, labelId, start, end] of spans.all(json) as [number, number, number, number][]) {
        const text = textOf.get(documentId);
        if (text === undefined) continue;
        const key = `${labelId}:${documentId}`;
        let set = digests.get(key);
        if (!set) digests.set(key, (set = new Set()));
        set.add(text.slice(start, end));
      }
      // A deleted label's digests stay: a superset for whatever label gets its id, never consulted otherwise.
      for (const id of ids) clear.run(id);
      for (const [key, set] of digests) {
        const [labelId, documentId] = key.split(':').map(Number);
        insert.run(labelId, documentId, [...set].join(DIGEST_SEPARATOR));
      }
      unmark.run(json);
    })();
    refreshed += ids.length;
  }
}

/**
 * SQL (and its parameter) for the documents that may hold `literal` inside a span of the label:
 * those whose digest for the label contains it, and every stale document.
 */
export function digestCandidatesSql(labelId: number, literal: string): { sql: string; params: (string | number)[] } {
  return {
    sql: 'SELECT document_id FROM span_text_digests WHERE label_id = ? AND instr(texts, ?) > 0 UNION ALL SELECT document_id FROM span_text_stale',
    params: [labelId, literal],
  };
}

// The trigram index (migrations 010 and 016) is filled after the fact: inserting a text only lists
// it in search_index_pending, and indexPendingTexts moves listed texts into the index in batches
// (after an import, or for a whole existing project after migration 010, in the background). A
// pending document is a candidate for every trigram query, so searches stay exact meanwhile.

export function hasPendingTexts(db: Db): boolean {
  return statement(db, `SELECT 1 FROM sqlite_master WHERE name = 'search_index_pending'`).pluck().get() !== undefined;
}

/** Documents whose text is not in the trigram index yet, and all documents. */
export function searchIndexStatus(db: Db): { pending: number; documents: number } {
  const documents = statement(db, 'SELECT count(*) FROM document_texts').pluck().get() as number;
  const pending = hasPendingTexts(db) ? (statement(db, 'SELECT count(*) FROM search_index_pending').pluck().get() as number) : 0;
  return { pending, documents };
}

/** Indexes up to `max` pending texts (lowest ids first) in one transaction; answers how many. */
export function indexPendingTexts(db: Db, max: number): number {
  return db.transaction(() => {
    const ids = statement(db, 'SELECT document_id FROM search_index_pending ORDER BY document_id LIMIT ?').pluck().all(max) as number[];
    if (ids.length === 0) return 0;
    const json = JSON.stringify(ids);
    statement(
      db,
      'INSERT INTO document_text_search (rowid, text) SELECT document_id, text FROM document_texts WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id',
    ).run(json);
    statement(db, 'DELETE FROM search_index_pending WHERE document_id IN (SELECT value FROM json_each(?))').run(json);
    return ids.length;
  })();
}
