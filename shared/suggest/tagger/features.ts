// Feature hashes of every character: 32-bit hashes of (template, values), never strings, so
// extracting them allocates almost nothing. A model keeps weights only for hashes it has seen.
import { charClass, type CodePoints } from './chars';
import type { ExternalHit } from './types';

/** The features of character i are hashes[start[i] .. start[i+1]). */
export interface CharFeatures {
  start: Int32Array;
  hashes: Int32Array;
}

const BEFORE = -1;
const AFTER = -2;

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x5bd1e995);
  return h ^ (h >>> 15);
}

function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

function hashString(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

// Template numbers are part of the model: never renumber, only add.
const T = {
  char: 1,
  bigram: 10,
  skip: 20,
  trigram: 21,
  classes: 22,
  classWindow: 23,
  bias: 24,
  enclosed: 25,
  word: 30,
  wordText: 31,
  hit: 40,
  charInWord: 50,
  partWindow: 55,
};

/**
 * Buffers of the steps between a text and its feature hashes, kept from one text to the next:
 * tagging a short sentence allocated a dozen arrays for them. What they hold is valid until the
 * next text (extraFeatures' result until the next call); charFeatures' result is always new.
 */
const kept: { [name in 'padded' | 'classes' | 'openers' | 'groupStart' | 'cursor' | 'flat' | 'count' | 'at' | 'hash']: Int32Array } & { parts: Int8Array } = {
  padded: new Int32Array(64),
  classes: new Int32Array(64),
  openers: new Int32Array(64),
  groupStart: new Int32Array(64),
  cursor: new Int32Array(64),
  flat: new Int32Array(64),
  count: new Int32Array(64),
  at: new Int32Array(64),
  hash: new Int32Array(64),
  parts: new Int8Array(64),
};

/** `buffer` if it holds `size`, else a larger one (contents not kept). */
function atLeast<A extends Int32Array | Int8Array>(buffer: A, size: number, make: (size: number) => A): A {
  return buffer.length >= size ? buffer : make(Math.max(size, buffer.length * 2));
}
const ints = (size: number) => new Int32Array(size);

/** For each character, the code point of the nearest unclosed opening quote or bracket to its left (0: none). */
function enclosingOpeners(codes: Int32Array): Int32Array {
  const out = (kept.openers = atLeast(kept.openers, codes.length, ints));
  const stack: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    out[i] = stack.length ? stack[stack.length - 1] : 0;
    const cls = charClass(codes[i]);
    if (cls === 7) stack.push(codes[i]);
    else if (cls === 8 && stack.length) stack.pop();
    else if (codes[i] === 0x3002 || codes[i] === 0x0a) stack.length = 0; // 。 and line ends close everything
  }
  return out;
}

/** Extra per-character hashes (word boundaries, external hits), added to the fixed window features: flat (character, hash) pairs. */
export interface ExtraFeatures {
  /** How many extra hashes each character has. */
  count: Int32Array;
  /** Pair j is (at[j], hash[j]) for j < length; typed arrays, as most hashes do not fit a small integer and would each be boxed in a plain array. */
  at: Int32Array;
  hash: Int32Array;
  length: number;
}

function add(extra: ExtraFeatures, i: number, hash: number): void {
  if (extra.length === extra.at.length) {
    const at = new Int32Array(extra.length * 2 + 16);
    const hashes = new Int32Array(extra.length * 2 + 16);
    at.set(extra.at);
    hashes.set(extra.hash);
    extra.at = at;
    extra.hash = hashes;
  }
  extra.count[i]++;
  extra.at[extra.length] = i;
  extra.hash[extra.length++] = hash;
}

/** The extra hashes grouped by character: character i's are flat[start[i] .. start[i+1]). */
function grouped(extra: ExtraFeatures, n: number): { start: Int32Array; flat: Int32Array } {
  const start = (kept.groupStart = atLeast(kept.groupStart, n + 1, ints));
  start[0] = 0;
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + extra.count[i];
  const cursor = (kept.cursor = atLeast(kept.cursor, n, ints));
  cursor.set(start.subarray(0, n));
  const flat = (kept.flat = atLeast(kept.flat, extra.length, ints));
  for (let j = 0; j < extra.length; j++) flat[cursor[extra.at[j]]++] = extra.hash[j];
  return { start, flat };
}

const SPAN_PARTS = [0x42, 0x49, 0x45, 0x53]; // B I E S

/** Each hit name's hash, kept: a text has many hits of few names. */
const hitHashes = new Map<string, number>();

function hitHash(name: string): number {
  let hash = hitHashes.get(name);
  if (hash === undefined) {
    hash = hashString(T.hit, name);
    // Names come from the caller: only so many are kept, as a bound on memory.
    if (hitHashes.size < 10_000) hitHashes.set(name, hash);
  }
  return hash;
}

/** Adds one hash per character of each hit: its name and the character's place in it. */
export function hitFeatures(points: CodePoints, hits: ExternalHit[] | undefined, extra: ExtraFeatures): void {
  if (!hits) return;
  for (const hit of hits) {
    const from = points.indexAt(hit.start);
    const to = points.indexAt(hit.end);
    if (from < 0 || to <= from) continue; // outside the text or cutting a pair: ignored, as a hit is only a hint
    const base = hitHash(hit.name);
    for (let i = from; i < to; i++) {
      const part = to - from === 1 ? 3 : i === from ? 0 : i === to - 1 ? 2 : 1;
      add(extra, i, finish(mix(base, SPAN_PARTS[part])));
    }
  }
}

/** Hashes wordFeatures gives each character. */
const WORD_FEATURES = 4;

const SENTENCE_ENDS = new Set([...'。！？；!?;\n'].map((c) => c.charCodeAt(0)));
let segmenter: Intl.Segmenter | undefined | null;

/**
 * Word boundaries from Intl.Segmenter, one sentence at a time (whole texts are superlinear in
 * Node): the character's place in its word (B/I/E/S) with the word's length, with the word, and
 * with the character itself; and the places of the character and its two neighbours.
 */
export function wordFeatures(text: string, points: CodePoints, extra: ExtraFeatures): void {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  if (!segmenter) return;
  // Each character's place in its word, padded with 5 (no word) on both sides, for the window feature below.
  const parts = (kept.parts = atLeast(kept.parts, points.codes.length + 2, (size) => new Int8Array(size)));
  parts.fill(5, 0, points.codes.length + 2);
  let from = 0;
  while (from < text.length) {
    let to = from;
    while (to < text.length && !SENTENCE_ENDS.has(text.charCodeAt(to))) to++;
    to = Math.min(text.length, to + 1);
    for (const word of segmenter.segment(text.slice(from, to))) {
      const first = points.indexAt(from + word.index);
      const last = points.indexAt(from + word.index + word.segment.length) - 1;
      if (first < 0 || last < first) continue;
      const length = Math.min(4, last - first + 1);
      const wordHash = hashString(T.wordText, word.segment);
      for (let i = first; i <= last; i++) {
        const part = first === last ? 3 : i === first ? 0 : i === last ? 2 : 1;
        add(extra, i, finish(mix(mix(T.word, part), length)));
        add(extra, i, finish(mix(wordHash, part)));
        add(extra, i, finish(mix(mix(T.charInWord, points.codes[i]), part)));
        parts[i + 1] = part;
      }
    }
    from = to;
  }
  for (let i = 0; i < points.codes.length; i++) add(extra, i, finish(mix(mix(mix(T.partWindow, parts[i]), parts[i + 1]), parts[i + 2])));
}

/** Window features every character has, first in its list, in this order (charFeatures). */
export const FIXED_FEATURES = 12;
/**
 * Among them, [from, to) take few values (character classes, the bias, the enclosing quote):
 * tagging adds their weights up once per combination of values and reuses the sum.
 */
export const FEW_VALUED = { from: 8, to: 12 } as const;

/**
 * With word boundaries, the places (in a character's list) of the two word features that take few
 * values: the character's place in its word with the word's length, and the places of the
 * character and its neighbours (wordFeatures adds them first and last of its four).
 */
export const FEW_VALUED_WORD_PLACES = [FIXED_FEATURES, FIXED_FEATURES + WORD_FEATURES - 1] as const;

/** The first FIXED_FEATURES are the characters two before .. two after (CHAR_PLACES places), as charHash gives them. */
export const CHAR_PLACES = 5;

/** The codes that stand for the places before and after the text in the character window. */
export const PAD_BEFORE = BEFORE;
export const PAD_AFTER = AFTER;

/** The hash of the feature "character `code` at window place `place`" (0..4: two before .. two after). */
export const charHash = (place: number, code: number): number => finish(mix(T.char + place, code));

/** Every feature hash of every character of the text. */
export function charFeatures(points: CodePoints, extra?: ExtraFeatures): CharFeatures {
  const { codes } = points;
  const n = codes.length;
  // Codes and classes with two places of padding on each side: no bounds checks in the loop.
  const padded = (kept.padded = atLeast(kept.padded, n + 4, ints));
  const classes = (kept.classes = atLeast(kept.classes, n + 4, ints));
  padded[0] = padded[1] = BEFORE;
  padded[n + 2] = padded[n + 3] = AFTER;
  classes[0] = classes[1] = classes[n + 2] = classes[n + 3] = 0;
  for (let i = 0; i < n; i++) {
    padded[i + 2] = codes[i];
    classes[i + 2] = charClass(codes[i]);
  }
  const bias = finish(T.bias);
  const openers = enclosingOpeners(codes);
  const more = extra ? grouped(extra, n) : undefined;
  const start = new Int32Array(n + 1);
  const hashes = new Int32Array(n * FIXED_FEATURES + (extra ? extra.length : 0));
  let k = 0;
  for (let i = 0; i < n; i++) {
    start[i] = k;
    const a = padded[i];
    const b = padded[i + 1];
    const c = padded[i + 2];
    const d = padded[i + 3];
    const e = padded[i + 4];
    const cb = classes[i + 1];
    const cc = classes[i + 2];
    const cd = classes[i + 3];
    hashes[k++] = charHash(0, a);
    hashes[k++] = charHash(1, b);
    hashes[k++] = charHash(2, c);
    hashes[k++] = charHash(3, d);
    hashes[k++] = charHash(4, e);
    // No outer bigrams (−2,−1), (+1,+2) nor skip pair (−1,+1) (T.bigram, T.bigram + 3, T.skip): tried
    // on a validation part of CLUENER's training sentences, they added nothing (69.7 F1 with, 69.8
    // without) but three lookups per character that mostly miss the cache.
    hashes[k++] = finish(mix(mix(T.bigram + 1, b), c));
    hashes[k++] = finish(mix(mix(T.bigram + 2, c), d));
    hashes[k++] = finish(mix(mix(mix(T.trigram, b), c), d));
    hashes[k++] = finish(mix(mix(mix(T.classes, cb), cc), cd));
    hashes[k++] = finish(mix(mix(mix(mix(mix(T.classWindow, classes[i]), cb), cc), cd), classes[i + 4]));
    hashes[k++] = bias;
    hashes[k++] = finish(mix(mix(T.enclosed, openers[i]), cc));
    if (more) for (let j = more.start[i]; j < more.start[i + 1]; j++) hashes[k++] = more.flat[j];
  }
  start[n] = k;
  return { start, hashes };
}

/** The extra features the model's options ask for, plus the caller's hits. */
export function extraFeatures(text: string, points: CodePoints, words: boolean, hits?: ExternalHit[]): ExtraFeatures | undefined {
  if (!words && !hits?.length) return undefined;
  const n = points.codes.length;
  // Word features are WORD_FEATURES a character: room for them at once.
  const room = words ? WORD_FEATURES * n : 0;
  const count = (kept.count = atLeast(kept.count, n, ints));
  count.fill(0, 0, n);
  const extra: ExtraFeatures = { count, at: (kept.at = atLeast(kept.at, room, ints)), hash: (kept.hash = atLeast(kept.hash, room, ints)), length: 0 };
  if (words) wordFeatures(text, points, extra);
  hitFeatures(points, hits, extra);
  // add() may have grown them: keep the grown ones.
  kept.at = extra.at;
  kept.hash = extra.hash;
  return extra;
}
