// The same hits as TermMatcher (leftmost-longest, never overlapping, never starting on a low
// surrogate, malformed terms refused), from a Map of terms instead of a trie: a project's
// dictionary has a few hundred thousand distinct mentions, and a trie of a Map per code unit took
// seconds to build (bench/measures/suggestions.ts) where a Map of strings takes a few tens of ms.
// Places are passed over by bits filed by the first two code units (which lengths of term start
// there) and by (first two, last code unit, length), so most places slice and hash nothing.
import type { TermHit } from './term-matcher';
import { wellFormedTerm } from './term-matcher';

const PAIR_BUCKETS = 1 << 16;
const END_BITS = 1 << 20;
/** Longer terms than this are kept in a list of their own and tried at every place. */
const BITS_LENGTH = 64;

const pairBucket = (first: number, second: number) => Math.imul((first << 16) ^ second, 0x9e3779b1) >>> 16;
const endBit = (first: number, second: number, last: number, length: number) =>
  Math.imul(Math.imul((first << 16) ^ second, 0x9e3779b1) ^ ((last << 7) | length), 0x85ebca6b) >>> 12;

export class HashedTermMatcher<P> {
  private readonly terms = new Map<string, P>();
  /** Per pair bucket, two words: bit L-1 of word (L-1) >> 5 set when a term of L code units (2..64) starts with such a pair. */
  private readonly lengths = new Uint32Array(PAIR_BUCKETS * 2);
  private readonly ends = new Int32Array(END_BITS / 32);
  /** Terms of one code unit (no pair to file them by). */
  private readonly single = new Map<number, P>();
  /** Lengths over BITS_LENGTH, longest first. */
  private longer: number[] = [];

  get size(): number {
    return this.terms.size;
  }

  /** Adds a term; the first payload given for a term is kept (false for a repeat or a malformed term). */
  add(term: string, payload: P): boolean {
    if (this.terms.has(term)) return false;
    return this.set(term, payload);
  }

  /** Adds a term or changes its payload. */
  set(term: string, payload: P): boolean {
    if (!wellFormedTerm(term)) return false;
    this.terms.set(term, payload);
    if (term.length === 1) this.single.set(term.charCodeAt(0), payload);
    else if (term.length > BITS_LENGTH) {
      if (!this.longer.includes(term.length)) this.longer = [...this.longer, term.length].sort((a, b) => b - a);
    } else {
      const first = term.charCodeAt(0);
      const second = term.charCodeAt(1);
      const bucket = pairBucket(first, second) * 2 + ((term.length - 1) >>> 5);
      this.lengths[bucket] |= 1 << ((term.length - 1) & 31);
      const bit = endBit(first, second, term.charCodeAt(term.length - 1), term.length);
      this.ends[bit >>> 5] |= 1 << (bit & 31);
    }
    return true;
  }

  /** The longest term starting at `i`, as its length (0: none). */
  private longestAt(text: string, i: number): number {
    for (const length of this.longer) if (i + length <= text.length && this.terms.has(text.slice(i, i + length))) return length;
    if (i + 1 < text.length) {
      const first = text.charCodeAt(i);
      const second = text.charCodeAt(i + 1);
      const bucket = pairBucket(first, second) * 2;
      for (let word = 1; word >= 0; word--) {
        let bits = this.lengths[bucket + word];
        while (bits !== 0) {
          const top = 31 - Math.clz32(bits);
          bits &= ~(1 << top);
          const length = word * 32 + top + 1;
          if (i + length > text.length) continue;
          const bit = endBit(first, second, text.charCodeAt(i + length - 1), length);
          if ((this.ends[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
          if (this.terms.has(text.slice(i, i + length))) return length;
        }
      }
    }
    return this.single.has(text.charCodeAt(i)) ? 1 : 0;
  }

  /** Leftmost-longest hits, in text order, never overlapping. A hit never starts on a low surrogate. */
  find(text: string): TermHit<P>[] {
    const hits: TermHit<P>[] = [];
    if (this.terms.size === 0) return hits;
    for (let i = 0; i < text.length;) {
      const unit = text.charCodeAt(i);
      const length = unit >= 0xdc00 && unit <= 0xdfff ? 0 : this.longestAt(text, i);
      if (length > 0) {
        hits.push({ start: i, end: i + length, payload: this.terms.get(text.slice(i, i + length)) as P });
        i += length;
      } else i++;
    }
    return hits;
  }
}
