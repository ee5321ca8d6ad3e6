// Search inside a label (#21): the span text digests (migration 015) only narrow which documents are
// read, so hits are exactly those of the plain path (no digests) — on random corpora, after spans
// are added, moved, relabelled and deleted — and a labelled search refreshes stale digests.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../../shared/api/search';
import { hasSpanDigests, staleDigestCount } from '../../../electron/services/db/search-index';
import { testCore, type TestCore } from '../helpers';
import { addSearchDocument, labelIds } from './fixture';

let fast: TestCore;
let plain: TestCore;
let label: Record<string, number>;

beforeAll(async () => {
  fast = testCore();
  plain = testCore();
  // Without the digests a project is searched as before they existed: the reference.
  plain.session.requireDb().exec('DROP TABLE span_text_digests');
  label = await labelIds(fast);
  expect(await labelIds(plain)).toEqual(label);
});
afterAll(() => {
  fast.dispose();
  plain.dispose();
});

const hits = async (core: TestCore, search: SearchQuery) =>
  (await core.call('search:hits', { search, limit: 1000, context: 1 })).hits.map((h) => [h.documentId, h.start, h.end, h.spans.map((s) => s.id)]);

/** Both cores, same call; a refused one (a second span at one place, a span cutting a surrogate pair) is refused in both. */
async function both<T>(call: (core: TestCore) => Promise<T>): Promise<[T, T] | null> {
  const outcomes = await Promise.all(
    [fast, plain].map((core) =>
      call(core).then(
        (value) => ({ value }),
        (error: Error) => ({ error }),
      ),
    ),
  );
  if ('error' in outcomes[0] || 'error' in outcomes[1]) {
    expect('error' in outcomes[0]).toBe('error' in outcomes[1]);
    return null;
  }
  return [outcomes[0].value, outcomes[1].value];
}

const spanArb = fc.record({
  doc: fc.nat(),
  start: fc.nat({ max: 24 }),
  length: fc.integer({ min: 1, max: 6 }),
  label: fc.constantFrom('PERSON', 'SLOGAN'),
  coder: fc.constantFrom('alice', 'bob'),
});

const editArb = fc.record({
  span: fc.nat(),
  kind: fc.constantFrom('move', 'relabel', 'delete'),
  start: fc.nat({ max: 24 }),
  length: fc.integer({ min: 1, max: 6 }),
});

describe('search inside a label through the span text digests', () => {
  it('finds exactly the hits of the plain path, before and after spans change', async () => {
    const chars = fc.constantFrom('a', 'b', '区', '长', '𠀋', '，');
    const text = fc.array(chars, { minLength: 1, maxLength: 24 }).map((cs) => cs.join(''));
    // Mostly one character, so that labelled hits are common; up to three, to overlap themselves (aa in aaa).
    const query = fc.oneof(
      chars,
      chars,
      fc.array(chars, { minLength: 2, maxLength: 3 }).map((cs) => cs.join('')),
    );
    let serial = 0;
    let spansMade = 0;
    let hitsSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 4 }),
        fc.array(spanArb, { minLength: 1, maxLength: 12 }),
        fc.array(editArb, { maxLength: 4 }),
        fc.array(fc.record({ query, label: fc.constantFrom('PERSON', 'SLOGAN'), coder: fc.constantFrom(undefined, 'alice') }), { minLength: 1, maxLength: 4 }),
        async (texts, spans, edits, queries) => {
          const unique = texts.map((t) => `${t}#${serial++}`);
          const ids = unique.map((t) => [fast, plain].map((core) => addSearchDocument(core, { text: t })));
          const created: [number, number][] = [];
          for (const span of spans) {
            const doc = span.doc % ids.length;
            const start = span.start % unique[doc].length;
            const end = Math.min(start + span.length, unique[doc].length);
            const made = await both(async (core) => {
              await core.call('projects:setAnnotator', { name: span.coder });
              const which = core === fast ? 0 : 1;
              return (await core.call('annotations:create', { documentId: ids[doc][which], start, end, labelId: label[span.label] })).id;
            });
            if (made) created.push(made);
            spansMade += made ? 1 : 0;
          }
          const compare = async () => {
            for (const q of queries) {
              const search = (which: number): SearchQuery => ({
                query: q.query,
                label: q.label,
                ...(q.coder ? { annotator: q.coder } : {}),
                scope: { documentIds: ids.map((pair) => pair[which]) },
              });
              const [a, b] = await Promise.all([hits(fast, search(0)), hits(plain, search(1))]);
              // Same documents in the same order were added to both, so ids and span ids line up by position.
              const norm = (list: unknown[][], which: number) =>
                list.map(([doc, start, end, spanIds]) => [ids.findIndex((pair) => pair[which] === doc), start, end, (spanIds as number[]).length]);
              expect(norm(a, 0)).toEqual(norm(b, 1));
              hitsSeen += a.length;
            }
          };
          // Before the edits (digests refreshed) and after them (their documents stale again).
          await compare();
          for (const edit of created.length ? edits : []) {
            const [fastId, plainId] = created[edit.span % created.length];
            await both((core) => {
              const id = core === fast ? fastId : plainId;
              if (edit.kind === 'delete') return core.call('annotations:delete', { id });
              if (edit.kind === 'relabel') return core.call('annotations:update', { id, labelId: label.SLOGAN });
              return core.call('annotations:update', { id, start: edit.start, end: edit.start + edit.length });
            });
          }
          await compare();
        },
      ),
      { numRuns: 60 },
    );
    // The property is not vacuous: spans were made and labelled hits found.
    expect(spansMade).toBeGreaterThan(200);
    expect(hitsSeen).toBeGreaterThan(15);
  });

  it('a labelled search refreshes the stale digests; later edits mark their document stale again', async () => {
    const core = testCore();
    try {
      const labels = await labelIds(core);
      const db = core.session.requireDb();
      expect(hasSpanDigests(db)).toBe(true);
      const text = '张延昆主持会议，蔡奇讲话';
      const doc = addSearchDocument(core, { text });
      const other = addSearchDocument(core, { text: '蔡奇同志讲话' });
      await core.call('projects:setAnnotator', { name: 'alice' });
      const span = await core.call('annotations:create', { documentId: doc, start: 0, end: 3, labelId: labels.PERSON });
      expect(staleDigestCount(db)).toBe(1);
      expect(await hits(core, { query: '延', label: 'PERSON' })).toEqual([[doc, 1, 2, [span.id]]]);
      expect(staleDigestCount(db)).toBe(0);
      expect(db.prepare('SELECT label_id, document_id, texts FROM span_text_digests').raw().all()).toEqual([[labels.PERSON, doc, '张延昆']]);
      // Moved onto 蔡奇: stale until the next labelled search, found there at once.
      await core.call('annotations:update', { id: span.id, start: 8, end: 10 });
      expect(staleDigestCount(db)).toBe(1);
      expect(await hits(core, { query: '奇', label: 'PERSON' })).toEqual([[doc, 9, 10, [span.id]]]);
      expect(await hits(core, { query: '延', label: 'PERSON' })).toEqual([]);
      expect(await hits(core, { query: '奇', label: 'SLOGAN' })).toEqual([]);
      void other;
    } finally {
      core.dispose();
    }
  });
});
