// The consistency report counts every mention's unlabelled occurrences in one pass over the corpus
// (Aho–Corasick); the finder counts one string at a time. On random corpora and spans (fast-check)
// the two agree for every mention, and the matcher alone finds what indexOf finds.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { literalPlaces } from '../../../electron/services/search/find';
import { OccurrenceMatcher } from '../../../electron/services/search/occurrences';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

// A small alphabet with a character outside the BMP, so strings repeat, nest and overlap.
const CHARS = ['蔡', '奇', '两', 'a', '𠀀'];
const textArb = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 30 });

describe('OccurrenceMatcher', () => {
  it('finds, for each pattern, exactly the non-overlapping left-to-right occurrences indexOf finds', () => {
    fc.assert(
      // Three characters only: repeats such as 'aa' in 'aaa' are common.
      fc.property(
        fc.array(fc.array(fc.constantFrom('a', 'b', '𠀀'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom('a', 'b', '𠀀'), { maxLength: 30 }),
        (patternChars, textChars) => {
          const patterns = [...new Set(patternChars.map((p) => p.join('')))];
          const text = textChars.join('');
          const found = patterns.map(() => [] as number[]);
          new OccurrenceMatcher(patterns).forEach(text, (pattern, start, end) => found[pattern].push(start, end));
          patterns.forEach((pattern, i) => expect(found[i]).toEqual(literalPlaces(text, pattern)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

const spanArb = (length: number) =>
  fc
    .tuple(fc.nat({ max: length - 1 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('PERSON', 'SLOGAN'), fc.constantFrom('A', 'B'))
    .map(([from, size, label, coder]) => ({ from, to: Math.min(length, from + size), label, coder }));
const documentArb = textArb.chain((chars) => fc.record({ chars: fc.constant(chars), spans: fc.array(spanArb(chars.length), { maxLength: 5 }) }));

describe('search:consistency against the finder', () => {
  it("every row's unlabelled count is what search:counts finds for the mention with unlabelled", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(documentArb, { minLength: 1, maxLength: 4, selector: (d) => d.chars.join('') }),
        fc.constantFrom(undefined, 'A'),
        async (documents, annotator) => {
          const core = testCore();
          cores.push(core);
          const labels = await core.call('labels:list', {});
          for (const [n, doc] of documents.entries()) {
            const documentId = addDocument(core, doc.chars.join(''), `d${n}-${doc.chars.join('')}`);
            for (const span of doc.spans) {
              await core.call('projects:setAnnotator', { name: span.coder });
              const start = doc.chars.slice(0, span.from).join('').length;
              const end = doc.chars.slice(0, span.to).join('').length;
              await core.call('annotations:create', { documentId, start, end, labelId: labels.find((l) => l.key === span.label)!.id });
            }
          }
          const page = await core.call('search:consistency', { problemsOnly: false, limit: 1000, ...(annotator ? { annotator } : {}) });
          for (const row of page.rows) {
            const counts = await core.call('search:counts', { search: { query: row.mention, unlabelled: true, ...(annotator ? { annotator } : {}) } });
            expect([row.mention, row.unlabelled]).toEqual([row.mention, counts.hits]);
          }
          core.dispose();
          cores.splice(cores.indexOf(core), 1);
        },
      ),
      { numRuns: 25 },
    );
  });
});
