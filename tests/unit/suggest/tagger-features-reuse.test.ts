// The tagger's feature extraction keeps its working buffers from one text to the next (#22): a
// text's feature hashes must not depend on which texts came before it (longer, shorter, with or
// without words and hits).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePoints } from '../../../shared/suggest/tagger/chars';
import { charFeatures, extraFeatures } from '../../../shared/suggest/tagger/features';
import type { ExternalHit } from '../../../shared/suggest/tagger/index';

const CHARS = [...'蔡奇在朝阳区调研。“两个维护”《》（）2024年ABC xyz，！\n😀𠮷'];
const text = fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 60 }).map((chars) => chars.join(''));
const hit = fc.record({ start: fc.integer({ min: -2, max: 70 }), length: fc.integer({ min: 1, max: 6 }), name: fc.constantFrom('dict:PER', 'pattern:slogan') });
const job = fc.record({ text, words: fc.boolean(), hits: fc.option(fc.array(hit, { maxLength: 6 }), { nil: undefined }) });

function features({ text, words, hits }: { text: string; words: boolean; hits?: { start: number; length: number; name: string }[] }) {
  const points = codePoints(text);
  const external: ExternalHit[] | undefined = hits?.map((h) => ({ start: h.start, end: h.start + h.length, name: h.name }));
  const { start, hashes } = charFeatures(points, extraFeatures(text, points, words, external));
  return { start: [...start], hashes: [...hashes] };
}

describe('tagger features', () => {
  it('are the same whatever texts were worked on before', () => {
    fc.assert(
      fc.property(fc.array(job, { minLength: 2, maxLength: 8 }), fc.array(job, { maxLength: 4 }), (jobs, others) => {
        const first = jobs.map(features);
        // Again, last first, with other texts between.
        for (let i = jobs.length - 1; i >= 0; i--) {
          others.forEach(features);
          expect(features(jobs[i]!)).toEqual(first[i]);
        }
      }),
      { numRuns: 150, seed: 22 },
    );
  });
});
