// The exact count of a literal split over the core thread and the count worker (#21): the same
// counts, in the same document order, as counting on one thread — also for documents written after
// the worker opened its connection, when the worker cannot start, and after a project closes.
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteDocuments } from '../../../electron/services/db/documents';
import { candidateDocuments, literalCounts } from '../../../electron/services/db/search';
import { createLiteralCounter, type LiteralCounter } from '../../../electron/services/search/count-host';
import { addDocument, testCore, type TestCore } from '../helpers';

/** Texts from a small alphabet, so that 1- and 2-character literals hit often and overlap (两两两). */
const ALPHABET = [...'两会蔡奇学习，。a'];
function makeText(seed: number, length: number): string {
  let x = seed * 2654435761;
  let text = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    text += ALPHABET[(x >>> 16) % ALPHABET.length];
  }
  return text;
}

function addDocuments(core: TestCore, count: number, from: number): void {
  const db = core.session.requireDb();
  db.transaction(() => {
    for (let i = from; i < from + count; i++) addDocument(core, `${makeText(i, 20 + (i % 90))}#${i}`, `d${i}`);
  })();
}

const allIds = (core: TestCore) => candidateDocuments(core.session.requireDb(), { scope: {}, order: 'id', descending: false });
const LITERALS = ['两', '会', '两会', '两两', '，。', 'a', '蔡奇', '学习会', '无'];

let core: TestCore;
beforeAll(() => {
  core = testCore();
  addDocuments(core, 600, 0);
});
afterAll(() => core.dispose());

describe('split literal count', () => {
  it('equals the single-thread count for any chunk size and split threshold', async () => {
    const db = core.session.requireDb();
    const ids = allIds(core);
    const counters: LiteralCounter[] = [];
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 700 }),
          fc.integer({ min: 0, max: 700 }),
          fc.constantFrom(...LITERALS),
          async (chunk, minDocuments, literal) => {
            const counter = createLiteralCounter(() => core.projectPath, { chunk, minDocuments });
            counters.push(counter);
            expect(await counter.count(db, ids, literal)).toEqual(literalCounts(db, ids, literal));
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      for (const counter of counters) counter.close();
    }
  });

  it('sees documents written and deleted after the worker opened its connection', async () => {
    const db = core.session.requireDb();
    // Every chunk left to the worker: what is counted is what its own connection reads.
    const counter = createLiteralCounter(() => core.projectPath, { chunk: 32, minDocuments: 1, coreCounts: false });
    try {
      const before = allIds(core);
      expect(await counter.count(db, before, '两')).toEqual(literalCounts(db, before, '两'));
      addDocuments(core, 100, 10_000);
      deleteDocuments(db, before.slice(0, 50));
      const after = allIds(core);
      expect(after).toHaveLength(650);
      for (const literal of ['两', '两会']) {
        const split = await counter.count(db, after, literal);
        expect(split).toEqual(literalCounts(db, after, literal));
        expect(split.some(([id]) => id > before.at(-1)!)).toBe(true);
      }
    } finally {
      counter.close();
    }
  });

  it('counts on the core thread alone when the worker cannot open the project', async () => {
    const db = core.session.requireDb();
    const ids = allIds(core);
    const counter = createLiteralCounter(() => `${core.dir}/missing.biaozhu`, { chunk: 16, minDocuments: 1, coreCounts: false });
    try {
      for (const literal of ['会', '两会', '无']) expect(await counter.count(db, ids, literal)).toEqual(literalCounts(db, ids, literal));
    } finally {
      counter.close();
    }
  });

  it('search:counts splits a large list and gives the one-thread totals', async () => {
    const db = core.session.requireDb();
    const ids = allIds(core);
    expect(ids.length).toBeGreaterThanOrEqual(500);
    for (const literal of ['两', '两会', '，。']) {
      const alone = literalCounts(db, ids, literal);
      const counts = await core.call('search:counts', { search: { query: literal } });
      expect(counts.hits).toBe(alone.reduce((sum, [, n]) => sum + n, 0));
      expect(counts.documents).toBe(alone.length);
    }
  });

  it('ends the worker with the project: the project connection closes last and leaves no -wal file', async () => {
    const other = testCore();
    try {
      addDocuments(other, 520, 20_000);
      const db = other.session.requireDb();
      const ids = allIds(other);
      // A counter of its own that surely holds a connection, then the registry's (started by a large count).
      const counter = createLiteralCounter(() => other.projectPath, { coreCounts: false });
      expect(await counter.count(db, ids, '两')).toEqual(literalCounts(db, ids, '两'));
      expect((await other.call('search:counts', { search: { query: '两' } })).hits).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the registry's worker has opened its connection by now
      counter.close();
      other.session.close();
      expect(existsSync(`${other.projectPath}-wal`)).toBe(false);
      other.session.open(other.projectPath);
      expect((await other.call('search:counts', { search: { query: '两会' } })).documents).toBeGreaterThan(0);
    } finally {
      other.dispose();
    }
  });
});
