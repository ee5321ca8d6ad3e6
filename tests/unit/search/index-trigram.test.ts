// The trigram index (migration 010): built for a project that had texts before it, kept current when
// documents are added and deleted, never missing a document a literal is in (quotes, spaces, case,
// surrogate pairs, long queries), and not needed: a project without it still finds every hit.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/connection';
import { migrate, SCHEMA_VERSION } from '../../../electron/services/db/migrations';
import { hasTrigramIndex, trigramQuery } from '../../../electron/services/db/search';
import { indexPendingTexts, searchIndexStatus } from '../../../electron/services/db/search-index';
import { INDEX_BATCH } from '../../../electron/services/search/indexer';
import { tempDir, testCore, type TestCore } from '../helpers';
import { addSearchDocument } from './fixture';

let core: TestCore | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  core?.dispose();
  core = undefined;
  cleanups.splice(0).forEach((c) => c());
});

const indexed = (db: Database.Database, literal: string) =>
  db.prepare('SELECT rowid FROM document_text_search WHERE document_text_search MATCH ? ORDER BY rowid').pluck().all(trigramQuery(literal));
const hitDocs = async (c: TestCore, query: string) => [
  ...new Set((await c.call('search:hits', { search: { query }, limit: 1000 })).hits.map((h) => h.documentId)),
];

describe('the trigram index', () => {
  it('is built after opening, in the background, for a project from before it (schema 9): searches are exact meanwhile', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'old.biaozhu');
    const raw = new Database(path);
    migrate(raw, 9);
    const now = new Date().toISOString();
    const texts = Array.from({ length: INDEX_BATCH + 50 }, (_, i) => (i % 3 === 0 ? `推进“两个维护”落实${i}` : `没有这个词${i}`));
    raw.exec('BEGIN');
    for (const [i, text] of texts.entries()) {
      raw
        .prepare(`INSERT INTO documents (id, title, text_sha256, char_count, imported_at, updated_at) VALUES (?, '', ?, ?, ?, ?)`)
        .run(i + 1, `h${i}`, text.length, now, now);
      raw.prepare(`INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES (?, ?, ?, '[]')`).run(i + 1, text, text);
    }
    raw.exec('COMMIT');
    raw.close();
    const expected = texts.flatMap((t, i) => (t.includes('两个维护') ? [i + 1] : []));
    // Opening migrates without indexing: every text is pending, and the search still finds every hit (instr).
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(hasTrigramIndex(db)).toBe(true);
    expect(searchIndexStatus(db)).toEqual({ pending: texts.length, documents: texts.length });
    expect(indexed(db, '两个维护')).toEqual([]);
    db.close();
    core = testCore({ create: false });
    core.session.open(path);
    const c = core;
    expect(await hitDocs(c, '两个维护')).toEqual(expected);
    // The core's background indexer fills the index in batches between requests, reporting progress.
    const seen: number[] = [];
    for (let tries = 0; tries < 200; tries++) {
      const status = await c.call('search:indexStatus', {});
      seen.push(status.pending);
      if (status.pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen.at(-1)).toBe(0);
    const live = c.session.requireDb();
    expect(indexed(live, '两个维护')).toEqual(expected);
    expect(await hitDocs(c, '两个维护')).toEqual(expected);
    expect(() => live.prepare(`INSERT INTO document_text_search (document_text_search, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });

  it('follows imports and deletes, pending or indexed (the cascade from documents fires its trigger)', async () => {
    core = testCore();
    const db = core.session.requireDb();
    const a = addSearchDocument(core, { text: '区委书记张延昆到温榆河公园调研' });
    const b = addSearchDocument(core, { text: '张延昆主持召开区委常委会' });
    // Listed as pending, found by the search before they are indexed.
    expect(searchIndexStatus(db)).toEqual({ pending: 2, documents: 2 });
    expect(await hitDocs(core, '张延昆')).toEqual([a, b]);
    while (indexPendingTexts(db, 1) > 0);
    expect(indexed(db, '张延昆')).toEqual([a, b]);
    const c = addSearchDocument(core, { text: '张延昆同志讲话' });
    // Deleting an indexed text takes it out of the index; deleting a pending one out of the pending list.
    await core.call('documents:delete', { ids: [a, c] });
    expect(searchIndexStatus(db)).toEqual({ pending: 0, documents: 1 });
    expect(indexed(db, '张延昆')).toEqual([b]);
    expect(await hitDocs(core, '张延昆')).toEqual([b]);
    // FTS5 compares the index with the texts and throws on any difference.
    expect(() => db.prepare(`INSERT INTO document_text_search (document_text_search, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });

  it('never misses a document holding the literal, whatever characters it has', async () => {
    core = testCore();
    const c = core;
    let serial = 0;
    // Quotes (FTS syntax), spaces, case (the index must not fold it), a surrogate pair.
    const chars = fc.constantFrom('a', 'A', '"', ' ', '区', '😀', '*');
    const text = fc.array(chars, { maxLength: 30, size: 'large' }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 3 }), fc.array(chars, { minLength: 3, maxLength: 16 }), async (texts, q) => {
        const query = q.join('');
        const ids = texts.map((t) => addSearchDocument(c, { text: `${t}${query.slice(0, serial % 4)}#${serial++}` }));
        const page = await c.call('search:hits', { search: { query, scope: { documentIds: ids } }, limit: 1000, context: 0 });
        const db = c.session.requireDb();
        const expected = ids.filter((id) => (db.prepare('SELECT text FROM document_texts WHERE document_id = ?').pluck().get(id) as string).includes(query));
        expect([...new Set(page.hits.map((h) => h.documentId))]).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('is not needed: without it (an old project opened read-only) every hit is still found', async () => {
    core = testCore();
    const ids = ['推进“两个维护”落实', '两个维护，两个维护'].map((text) => addSearchDocument(core!, { text }));
    core.session.requireDb().exec(`DROP TABLE document_text_search`);
    expect(hasTrigramIndex(core.session.requireDb())).toBe(false);
    const { hits } = await core.call('search:hits', { search: { query: '两个维护' } });
    expect(hits.map((h) => [h.documentId, h.start])).toEqual([
      [ids[0], 3],
      [ids[1], 0],
      [ids[1], 5],
    ]);
  });
});

describe('the trigram index after other writes', () => {
  it('a recovered project lists every copied text as pending and finds every hit, then indexes them', async () => {
    core = testCore();
    const c = core;
    const db = c.session.requireDb();
    const ids = ['推进“两个维护”落实', '没有这个词', '两个维护，两个维护'].map((text) => addSearchDocument(c, { text }));
    while (indexPendingTexts(db, 10) > 0);
    const report = await c.call('projects:recover', {});
    await c.call('projects:open', { path: report.path });
    const recovered = c.session.requireDb();
    expect(searchIndexStatus(recovered)).toEqual({ pending: 3, documents: 3 });
    expect(await hitDocs(c, '两个维护')).toEqual([ids[0], ids[2]]);
    while (indexPendingTexts(recovered, 10) > 0);
    expect(indexed(recovered, '两个维护')).toEqual([ids[0], ids[2]]);
    // Deleting an indexed document of the recovered project keeps FTS5's integrity check clean.
    await c.call('documents:delete', { ids: [ids[0]] });
    expect(await hitDocs(c, '两个维护')).toEqual([ids[2]]);
    expect(() => recovered.prepare(`INSERT INTO document_text_search (document_text_search, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });
});
