// HashedTermMatcher finds exactly what TermMatcher (the trie) finds: random terms and texts over a
// small alphabet with astral characters, lone surrogates, terms of one code unit and terms longer
// than the length bits, added and re-set in any order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashedTermMatcher } from '../../../shared/suggest/hashed-term-matcher';
import { TermMatcher } from '../../../shared/suggest/term-matcher';

const UNITS = ['蔡', '奇', '殷', '勇', '。', '𠮷', '\ud842', '\udfb7', 'a'];
const textOf = (max: number) => fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: max }).map((units) => units.join(''));
const longTerm = fc.tuple(fc.integer({ min: 60, max: 70 }), fc.constantFrom('蔡', '奇')).map(([n, c]) => c.repeat(n));

describe('HashedTermMatcher', () => {
  it('finds the same leftmost-longest hits as the trie', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof({ weight: 6, arbitrary: textOf(6) }, { weight: 1, arbitrary: longTerm }), fc.nat(3), fc.boolean()), { maxLength: 30 }),
        fc.array(fc.oneof({ weight: 5, arbitrary: textOf(60) }, { weight: 1, arbitrary: longTerm.map((t) => `奇${t}蔡${t}`) }), { maxLength: 4 }),
        (entries, texts) => {
          const trie = new TermMatcher<number>();
          const hashed = new HashedTermMatcher<number>();
          for (const [term, payload, reset] of entries) {
            expect(hashed[reset ? 'set' : 'add'](term, payload)).toBe(trie[reset ? 'set' : 'add'](term, payload));
          }
          expect(hashed.size).toBe(trie.terms);
          for (const text of texts) expect(hashed.find(text)).toEqual(trie.find(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('terms of one code unit, at the end of a text, and an empty matcher', () => {
    const hashed = new HashedTermMatcher<string>();
    expect(hashed.find('蔡奇')).toEqual([]);
    hashed.add('奇', 'one');
    hashed.add('蔡奇', 'two');
    expect(hashed.find('奇蔡奇蔡')).toEqual([
      { start: 0, end: 1, payload: 'one' },
      { start: 1, end: 3, payload: 'two' },
    ]);
  });
});
