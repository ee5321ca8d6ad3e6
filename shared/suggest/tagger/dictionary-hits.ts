// The project's confirmed mentions as tagger features. A dictionary hit is a strong hint, but a
// model trained on texts whose own mentions are in the dictionary learns to trust every hit;
// so each training text gets hits from a dictionary built from the other folds only
// (jackknifing), and texts being tagged get hits from the whole dictionary.
import type { ExternalHit, TaggerExample } from './types';

/** Mention text → the labels it was confirmed with. */
export type MentionDictionary = Map<string, Set<string>>;

const MIN_LENGTH = 2;
const MAX_LENGTH = 16;

export function mentionDictionary(examples: TaggerExample[]): MentionDictionary {
  const dictionary: MentionDictionary = new Map();
  for (const { text, spans } of examples) {
    // A malformed example is left for prepareExamples to name.
    if (typeof text !== 'string' || !Array.isArray(spans)) continue;
    for (const span of spans) {
      if (typeof span?.label !== 'string') continue;
      const term = text.slice(span.start, span.end);
      if (term.length < MIN_LENGTH || term.length > MAX_LENGTH) continue; // one character is too ambiguous to be a hint
      let labels = dictionary.get(term);
      if (!labels) dictionary.set(term, (labels = new Set()));
      labels.add(span.label);
    }
  }
  return dictionary;
}

/**
 * For each pair of first two code units (hashed into PAIR_BUCKETS), the lengths of the terms that
 * start with it, as bits (bit L − MIN_LENGTH: a term of L code units): most places start no term,
 * and one array read says so without slicing the text; where one does, only the slices of those
 * lengths are looked up. Pairs sharing a bucket share bits, which costs only a lookup that misses.
 */
interface Shape {
  size: number;
  lengths: Uint16Array;
  /**
   * One bit per hash of (first two code units, last code unit, length), set for every term: most
   * places where a term of some length might start (by `lengths`) end on another character, and
   * one bit says so without slicing the text and hashing the slice.
   */
  ends: Int32Array;
}
const PAIR_BUCKETS = 1 << 16;
const END_BITS = 1 << 18;

const endBit = (first: number, second: number, last: number, length: number) =>
  Math.imul(Math.imul((first << 16) ^ second, 0x9e3779b1) ^ ((last << 5) | length), 0x85ebca6b) >>> (32 - 18);
const shapes = new WeakMap<MentionDictionary, Shape>();

const pairBucket = (first: number, second: number) => Math.imul((first << 16) ^ second, 0x9e3779b1) >>> 16;

function shapeOf(dictionary: MentionDictionary): Shape {
  let shape = shapes.get(dictionary);
  // Built again when the number of terms changed (a dictionary is built once, but may be added to by hand).
  if (!shape || shape.size !== dictionary.size) {
    shape = { size: dictionary.size, lengths: new Uint16Array(PAIR_BUCKETS), ends: new Int32Array(END_BITS / 32) };
    for (const term of dictionary.keys()) {
      if (term.length < MIN_LENGTH || term.length > MAX_LENGTH) continue; // never looked up
      const first = term.charCodeAt(0);
      const second = term.charCodeAt(1);
      shape.lengths[pairBucket(first, second)] |= 1 << (term.length - MIN_LENGTH);
      const bit = endBit(first, second, term.charCodeAt(term.length - 1), term.length);
      shape.ends[bit >>> 5] |= 1 << (bit & 31);
    }
    shapes.set(dictionary, shape);
  }
  return shape;
}

/** `dict:<label>` for each label met, kept: hits share the name strings, and the tagger's hash of each name is cached by it. */
const hitNames = new Map<string, string>();

function hitName(label: string): string {
  let name = hitNames.get(label);
  if (name === undefined) hitNames.set(label, (name = `dict:${label}`));
  return name;
}

/** Every occurrence of every dictionary term in the text, overlaps included, as hits named `dict:<label>`. */
export function dictionaryHits(text: string, dictionary: MentionDictionary): ExternalHit[] {
  const hits: ExternalHit[] = [];
  const { lengths, ends } = shapeOf(dictionary);
  let next = text.length > 0 ? text.charCodeAt(0) : 0;
  for (let start = 0; start + MIN_LENGTH <= text.length; start++) {
    const first = next;
    next = text.charCodeAt(start + 1);
    let bits = lengths[pairBucket(first, next)];
    for (let length = MIN_LENGTH; bits !== 0 && start + length <= text.length; length++, bits >>>= 1) {
      if ((bits & 1) === 0) continue;
      const bit = endBit(first, next, text.charCodeAt(start + length - 1), length);
      if ((ends[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
      const labels = dictionary.get(text.slice(start, start + length));
      if (labels) for (const label of labels) hits.push({ start, end: start + length, name: hitName(label) });
    }
  }
  return hits;
}

/** The examples with hits from a dictionary of the other folds (example i is in fold i mod folds). */
export function withJackknifedHits(examples: TaggerExample[], folds = 5): TaggerExample[] {
  const dictionaries = Array.from({ length: folds }, (_, fold) => mentionDictionary(examples.filter((_, i) => i % folds !== fold)));
  return examples.map((example, i) =>
    typeof example?.text === 'string' ? { ...example, hits: [...(example.hits ?? []), ...dictionaryHits(example.text, dictionaries[i % folds])] } : example,
  );
}
