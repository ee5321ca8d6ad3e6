// Baselines measured with bare better-sqlite3: what the same data costs with no pipeline, no
// validation and no schema beyond a bare table. The app's numbers are reported as ratios to these.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Article } from '../corpus/article';
import { NEW_PROJECT_PAGE_SIZE } from '../../electron/services/db/connection';

export interface RawInsertResult {
  seconds: number;
  documents: number;
  spans: number;
  textBytes: number;
}

/**
 * Prepared INSERTs of the articles' text (and their spans) in one transaction into bare tables,
 * with the project's own page size and durability settings (WAL, synchronous FULL). The articles are generated
 * before the clock starts.
 */
export function rawInsert(articles: Article[], path: string): RawInsertResult {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  const db = new Database(path);
  try {
    db.pragma(`page_size = ${NEW_PROJECT_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL);
             CREATE TABLE spans (id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, label TEXT NOT NULL)`);
    const insertDoc = db.prepare('INSERT INTO docs (title, text) VALUES (?, ?)');
    const insertSpan = db.prepare('INSERT INTO spans (doc, start, end, label) VALUES (?, ?, ?, ?)');
    let spans = 0;
    let textBytes = 0;
    const started = performance.now();
    db.transaction(() => {
      for (const a of articles) {
        const id = insertDoc.run(a.title, a.text).lastInsertRowid;
        textBytes += Buffer.byteLength(a.text);
        for (const s of a.spans) insertSpan.run(id, s.start, s.end, s.label);
        spans += a.spans.length;
      }
    })();
    const seconds = (performance.now() - started) / 1000;
    return { seconds, documents: articles.length, spans, textBytes };
  } finally {
    db.close();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  }
}

export interface RawSelectResult {
  seconds: number;
  spans: number;
}

/** Every span of the project with its label key and annotator, in export order, iterated once. */
export function rawSelectSpans(projectPath: string): RawSelectResult {
  const db = new Database(projectPath, { readonly: true });
  try {
    const started = performance.now();
    let spans = 0;
    const statement = db
      .prepare(
        `SELECT a.id, a.document_id, a.start, a.end, l.key, an.name, s.json FROM annotations a
       JOIN labels l ON l.id = a.label_id JOIN annotators an ON an.id = a.annotator_id LEFT JOIN attribute_sets s ON s.id = a.attribute_set_id
       ORDER BY a.document_id, a.start, a.end, a.id`,
      )
      .raw();
    for (const _row of statement.iterate()) spans++;
    return { seconds: (performance.now() - started) / 1000, spans };
  } finally {
    db.close();
  }
}
