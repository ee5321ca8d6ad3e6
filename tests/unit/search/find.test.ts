// The hit finder against a model: for random texts (with surrogate pairs) and random spans, the hits
// of a literal are every non-overlapping indexOf occurrence, in document order, and the span filters
// keep exactly the hits the model keeps. Each run looks only in its own documents (scope.documentIds).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../helpers';
import { addSearchDocument, labelIds } from './fixture';

let core: TestCore;
let label: Record<string, number>;
let serial = 0;
beforeAll(async () => {
  core = testCore();
  label = await labelIds(core);
});
afterAll(() => core.dispose());

// Three characters, so repeats (and overlapping occurrences such as 'aa' in 'aaa') are common.
const CHARS = ['a', '区', '😀'];
const text = fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 40, size: 'large' }).map((cs) => cs.join(''));
const query = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 3 }).map((cs) => cs.join(''));

function occurrences(t: string, q: string): [number, number][] {
  const found: [number, number][] = [];
  for (let at = t.indexOf(q); at >= 0; at = t.indexOf(q, at + q.length)) found.push([at, at + q.length]);
  return found;
}

/** Code-unit boundaries that do not split a surrogate pair. */
const boundaries = (t: string) => [0, ...[...t].map((_, i, cs) => cs.slice(0, i + 1).join('').length)];

describe('hits', () => {
  it('are every non-overlapping indexOf occurrence of the literal, document by document', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 4 }), query, async (texts, q) => {
        // A unique tail keeps texts distinct (the project refuses a text twice); '#' is never in the query.
        const unique = texts.map((t) => `${t}#${serial++}`);
        const ids = unique.map((t) => addSearchDocument(core, { text: t }));
        const page = await core.call('search:hits', { search: { query: q, scope: { documentIds: ids } }, limit: 1000, context: 0 });
        const expected = unique.flatMap((t, i) => occurrences(t, q).map(([start, end]) => ({ documentId: ids[i], start, end })));
        expect(page.hits.map(({ documentId, start, end }) => ({ documentId, start, end }))).toEqual(expected);
        expect(page.more).toBe(false);
        const counts = await core.call('search:counts', { search: { query: q, scope: { documentIds: ids } } });
        expect(counts.hits).toBe(expected.length);
      }),
      { numRuns: 60 },
    );
  });

  it('with span filters keep what the model keeps: label = covered by a span of it, unlabelled = no span overlaps', async () => {
    const spanPlan = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('PERSON', 'SLOGAN')), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(text, query, spanPlan, async (t, q, plan) => {
        const full = `${t}#${serial++}`;
        const id = addSearchDocument(core, { text: full });
        const cuts = boundaries(t);
        const spans: { start: number; end: number; key: string }[] = [];
        for (const [a, b, key] of plan) {
          const [start, end] = [cuts[a % cuts.length], cuts[b % cuts.length]].sort((x, y) => x - y);
          if (start === end || spans.some((s) => s.start === start && s.end === end && s.key === key)) continue;
          await core.call('annotations:create', { documentId: id, start, end, labelId: label[key] });
          spans.push({ start, end, key });
        }
        const found = async (extra: object) =>
          (await core.call('search:hits', { search: { query: q, scope: { documentIds: [id] }, ...extra }, limit: 1000 })).hits.map((h) => [h.start, h.end]);
        const all = occurrences(full, q);
        const overlaps = ([s, e]: [number, number]) => spans.some((span) => span.start < e && span.end > s);
        const covered = ([s, e]: [number, number]) => spans.some((span) => span.key === 'PERSON' && span.start <= s && span.end >= e);
        expect(await found({ unlabelled: true })).toEqual(all.filter((h) => !overlaps(h)));
        expect(await found({ label: 'PERSON' })).toEqual(all.filter(covered));
        const listed = (await core.call('search:hits', { search: { query: q, scope: { documentIds: [id] } }, limit: 1000 })).hits;
        for (const hit of listed) expect(hit.spans.length).toBe(spans.filter((s) => s.start < hit.end && s.end > hit.start).length);
      }),
      { numRuns: 60 },
    );
  });
});
