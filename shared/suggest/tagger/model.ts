// A trained tagger: sparse averaged weights per feature hash, transition weights, and tagging.
import { codePoints } from './chars';
import { margins, newScratch, orderTransitions, viterbi, type OrderedTransitions } from './decode';
import { CharBlocks, NO_ROOM } from './char-blocks';
import { CHAR_PLACES, charFeatures, charHash, extraFeatures, FEW_VALUED, FEW_VALUED_WORD_PLACES, PAD_AFTER, PAD_BEFORE } from './features';
import { dictionaryHits, type MentionDictionary } from './dictionary-hits';
import { decodeSpans, tagCount, transitions, type Transitions } from './tags';
import type { ExternalHit, TaggedSpan, TrainingStats } from './types';

/**
 * 2: weights are multiples of 2^-12 (train.ts quantizes them), so tagging may add them in any
 * order and get exactly the same sums. 3: three window features fewer, one word feature more.
 * 4: the word-place window (features.ts). Older models are refused, and retrained. A version 4
 * model may carry a `dictionary` (trained with TaggerOptions.dictionary); one without tags
 * without dictionary hits, as models stored before did.
 */
export const MODEL_VERSION = 4;

export interface TaggerModel {
  version: number;
  /** Label keys, in tag order. */
  labels: string[];
  /** Whether word boundaries (Intl.Segmenter) are features: tagging computes them too. */
  words: boolean;
  /** Margin that maps to confidence 1 − 1/e; see TaggedSpan.confidence. */
  confidenceScale: number;
  stats: TrainingStats;
  /** Feature hash of each weight row. */
  keys: Int32Array;
  /** Row r's weights are rowTags/rowWeights[rowStart[r] .. rowStart[r+1]) (only the non-zero ones). */
  rowStart: Int32Array;
  rowTags: Uint16Array;
  rowWeights: Float32Array;
  /** (tags + 1) × tags: from each tag, then from the start of the text, to each tag. */
  trans: Float32Array;
  /**
   * The training mentions, when they were features (TaggerOptions.dictionary): tag() finds their
   * hits itself, so the model tags as it was trained wherever it is used.
   */
  dictionary?: MentionDictionary;
}

interface Runtime {
  moves: Transitions;
  /** model.trans widened once, so decoding reads one array type in training and tagging. */
  trans: Float64Array;
  ordered: OrderedTransitions;
  /**
   * Open addressing, 2 ints a slot (small, so the table stays in cache): the feature hash (0:
   * empty), then where its weights are: a sparse row's (tag, weight) pairs are
   * packed[from .. from + count), written from << COUNT_BITS | count; a dense row's T weights are
   * dense[r × T ..], written −1 − r. One probe finds a feature's weights.
   */
  slots: Int32Array;
  mask: number;
  /** The sparse weights as (tag, weight) pairs side by side, one buffer seen as ints and as floats: a row is usually one cache line. */
  packedTags: Int32Array;
  packedWeights: Float32Array;
  /**
   * Rows with many weights (characters, character classes, the bias: few features, met at
   * nearly every character) as all T weights in a row: one straight loop over T costs less than
   * a scattered add per (tag, weight) pair. Zeros added change no sum, so emissions are the same.
   */
  dense: Float32Array;
  /** The window's few-valued features (FEW_VALUED), and the word features' (FEW_VALUED_WORD_PLACES; none without words). */
  combos: ComboCache;
  wordCombos: ComboCache;
  /** Each character's five window rows side by side (char-blocks.ts), built as characters are met. */
  blocks: CharBlocks;
  readRow: (place: number, code: number, out: Float32Array, at: number) => boolean;
}

/** Limits read when a model's lookup tables are built; tests lower them to reach the paths past them. */
export const tuning = {
  /** Floats the character blocks of one model may take (16 MB): thousands of characters at any number of labels. */
  charBlockFloats: 1 << 22,
  /** Combinations a ComboCache keeps at most; past this, a new combination's weights are added up feature by feature. */
  mostCombos: 4096,
};

/** Sums of some few-valued features' weights, one row of T per combination of their hashes met so far. */
interface ComboCache {
  /** The features' places in a character's list. */
  places: Int32Array;
  /** Open addressing, COMBO_SLOT ints a slot: the combination's hashes, then its row in `sums` + 1 (0: empty). */
  slots: Int32Array;
  mask: number;
  sums: Float64Array;
  rows: number;
  most: number;
}

const COMBO_SLOT = 8;

const COUNT_BITS = 5;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

/** Rows with at least this many weights (a quarter of the tags) are stored dense; fewer fit COUNT_BITS. */
const denseFrom = (T: number) => Math.min(1 << COUNT_BITS, Math.max(4, Math.ceil(T / 4)));

// Lookup tables are built once per model object, not stored: they are cheap to rebuild.
const runtimes = new WeakMap<TaggerModel, Runtime>();

function runtime(model: TaggerModel): Runtime {
  let found = runtimes.get(model);
  if (found) return found;
  const T = tagCount(model.labels.length);
  const { keys, rowStart, rowTags, rowWeights } = model;
  // At most 3/4 full: linear probing stays short, and a probe's neighbours share its cache line.
  let size = 16;
  while (size * 0.75 < keys.length) size *= 2;
  const slots = new Int32Array(size * 2);
  const mask = size - 1;
  const isDense = (row: number) => rowStart[row + 1] - rowStart[row] >= denseFrom(T);
  let denseRows = 0;
  let sparseWeights = 0;
  for (let row = 0; row < keys.length; row++) {
    if (isDense(row)) denseRows++;
    else sparseWeights += rowStart[row + 1] - rowStart[row];
  }
  if (sparseWeights >= 2 ** (31 - COUNT_BITS)) throw new Error(`A tagger of ${sparseWeights} weights is too large to tag with.`);
  const dense = new Float32Array(denseRows * T);
  const buffer = new ArrayBuffer(sparseWeights * 8);
  const packedTags = new Int32Array(buffer);
  const packedWeights = new Float32Array(buffer);
  let nextDense = 0;
  let nextSparse = 0;
  for (let row = 0; row < keys.length; row++) {
    let at = keys[row] & mask;
    while (slots[2 * at] !== 0) at = (at + 1) & mask;
    slots[2 * at] = keys[row];
    if (isDense(row)) {
      slots[2 * at + 1] = -1 - nextDense;
      for (let j = rowStart[row]; j < rowStart[row + 1]; j++) dense[nextDense * T + rowTags[j]] = rowWeights[j];
      nextDense++;
    } else {
      slots[2 * at + 1] = (nextSparse << COUNT_BITS) | (rowStart[row + 1] - rowStart[row]);
      for (let j = rowStart[row]; j < rowStart[row + 1]; j++, nextSparse++) {
        packedTags[2 * nextSparse] = rowTags[j];
        packedWeights[2 * nextSparse + 1] = rowWeights[j];
      }
    }
  }
  const moves = transitions(model.labels.length);
  const trans = Float64Array.from(model.trans);
  // Row 0 of each is zeros, for characters past the cache.
  const mostCombos = 2 ** Math.ceil(Math.log2(Math.max(2, tuning.mostCombos))); // a power of two: the mask
  const comboCache = (places: number[]): ComboCache => ({
    places: Int32Array.from(places),
    slots: new Int32Array(2 * mostCombos * COMBO_SLOT),
    mask: 2 * mostCombos - 1,
    sums: new Float64Array(64 * T),
    rows: 1,
    most: mostCombos,
  });
  const window = Array.from({ length: FEW_VALUED.to - FEW_VALUED.from }, (_, j) => FEW_VALUED.from + j);
  const rt: Runtime = {
    moves,
    trans,
    ordered: orderTransitions(trans, moves),
    slots,
    mask,
    packedTags,
    packedWeights,
    dense,
    combos: comboCache(window),
    wordCombos: comboCache(model.words ? [...FEW_VALUED_WORD_PLACES] : []),
    blocks: new CharBlocks(T, tuning.charBlockFloats),
    readRow: (place, code, out, at) => {
      const where = slotOf(rt, charHash(place, code));
      if (where < 0) return false;
      copyRow(rt, slots[where], out, at);
      return true;
    },
  };
  runtimes.set(model, rt);
  return rt;
}

// Texts are tagged a piece at a time (lines, and long lines at sentence ends) so the lattice stays small.
const PIECE = 2000;
const SENTENCE_END = /[。！？；!?;]/;

function pieces(text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    to = to < 0 ? text.length : to + 1;
    while (to - from > PIECE) {
      let cut = from + PIECE;
      while (cut > from + PIECE / 2 && !SENTENCE_END.test(text[cut - 1])) cut--;
      if (cut === from + PIECE / 2) cut = from + PIECE;
      if (/[\udc00-\udfff]/.test(text[cut] ?? '')) cut++; // never cut a surrogate pair
      out.push([from, cut]);
      from = cut;
    }
    out.push([from, to]);
    from = to;
  }
  return out;
}

/**
 * Spans the model finds in the text, with UTF-16 offsets; `hits` as at training (see ExternalHit).
 * Without `hits`, a model that carries a dictionary tags with that dictionary's hits.
 */
export function tag(model: TaggerModel, text: string, hits?: ExternalHit[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (const [from, to] of pieces(text)) {
    const piece = text.slice(from, to);
    // The dictionary's hits are found per piece: a hit across two pieces would be dropped anyway.
    // A text of one piece (most are) takes the caller's hits as they are: tagPiece ignores those outside it, as the filter would.
    const own = hits
      ? from === 0 && to === text.length
        ? hits
        : hits.filter((h) => h.start >= from && h.end <= to).map((h) => ({ ...h, start: h.start - from, end: h.end - from }))
      : model.dictionary && dictionaryHits(piece, model.dictionary);
    for (const span of tagPiece(model, piece, own)) out.push({ ...span, start: span.start + from, end: span.end + from });
  }
  return out;
}

/** Where in rt.slots the feature's row is written (see Runtime.slots), or -1 if the model never weighed it. */
function slotOf(rt: Runtime, key: number): number {
  const { slots, mask } = rt;
  let at = key & mask;
  let found: number;
  while ((found = slots[2 * at]) !== key && found !== 0) at = (at + 1) & mask;
  return found === 0 ? -1 : 2 * at + 1;
}

/** Adds the weights of one feature (if the model has it) to sums[offset .. offset + T). */
function addFeature(rt: Runtime, key: number, sums: Float64Array, offset: number): void {
  const where = slotOf(rt, key);
  if (where >= 0) addRow(rt, rt.slots[where], sums, offset);
}

/** Adds the weights of the row a slot points at (`where`, see Runtime.slots) to sums[offset .. offset + T). */
function addRow(rt: Runtime, where: number, sums: Float64Array, offset: number): void {
  const T = rt.moves.tags;
  if (where < 0) {
    const { dense } = rt;
    const from = (-1 - where) * T;
    for (let t = 0; t < T; t++) sums[offset + t] += dense[from + t];
  } else {
    const { packedTags, packedWeights } = rt;
    const from = where >>> COUNT_BITS;
    const to = from + (where & COUNT_MASK);
    for (let j = from; j < to; j++) sums[offset + packedTags[2 * j]] += packedWeights[2 * j + 1];
  }
}

/** Writes the row a slot points at into out[at .. at + T), which holds zeros (a character block). */
function copyRow(rt: Runtime, where: number, out: Float32Array, at: number): void {
  const T = rt.moves.tags;
  if (where < 0) out.set(rt.dense.subarray((-1 - where) * T, -where * T), at);
  else {
    const { packedTags, packedWeights } = rt;
    const from = where >>> COUNT_BITS;
    const to = from + (where & COUNT_MASK);
    for (let j = from; j < to; j++) out[at + packedTags[2 * j]] = packedWeights[2 * j + 1];
  }
}

/**
 * Where in c.sums the summed weights of the character's features at c.places are (the character's
 * list starts at hashes[first]), or -1 once the cache is full.
 */
function comboRow(rt: Runtime, c: ComboCache, hashes: Int32Array, first: number): number {
  const { places } = c;
  const few = places.length;
  let h = 0;
  for (let j = 0; j < few; j++) h = Math.imul(h ^ hashes[first + places[j]], 0x9e3779b1);
  let at = (h ^ (h >>> 16)) & c.mask;
  for (;;) {
    const s = at * COMBO_SLOT;
    const row = c.slots[s + few];
    if (row === 0) break;
    let same = true;
    for (let j = 0; j < few && same; j++) same = c.slots[s + j] === hashes[first + places[j]];
    if (same) return (row - 1) * rt.moves.tags;
    at = (at + 1) & c.mask;
  }
  if (c.rows === c.most) return -1;
  const T = rt.moves.tags;
  if ((c.rows + 1) * T > c.sums.length) {
    const grown = new Float64Array(Math.min(c.most, c.rows * 2) * T);
    grown.set(c.sums);
    c.sums = grown;
  }
  const s = at * COMBO_SLOT;
  for (let j = 0; j < few; j++) {
    c.slots[s + j] = hashes[first + places[j]];
    addFeature(rt, hashes[first + places[j]], c.sums, c.rows * T);
  }
  c.slots[s + few] = ++c.rows;
  return (c.rows - 1) * T;
}

// Per piece being tagged (grown as needed, never shrunk): where each feature's slot is, each
// character's combination row, its emissions, and the decoder's lattices.
let slotAt = new Int32Array(1024);
let comboOf = new Int32Array(64);
let wordComboOf = new Int32Array(64);
let blockAt = new Int32Array(64);
let emitBuffer = new Float64Array(1024);
const scratch = newScratch();

/**
 * Emission scores: the sum of each feature row's weights, per character and tag. The slots are
 * found first, for every feature of the piece, and read after: the lookups do not wait on the
 * additions, so the processor overlaps their cache misses. The weights are multiples of 2^-12
 * (MODEL_VERSION), so adding a combination's sum first gives exactly what adding them one by one does.
 */
function emissions(rt: Runtime, codes: Int32Array, start: Int32Array, hashes: Int32Array, n: number): Float64Array {
  const T = rt.moves.tags;
  if (emitBuffer.length < n * T) emitBuffer = new Float64Array(n * T * 2);
  const emit = emitBuffer.subarray(0, n * T); // every cell is written before it is added to
  const { slots, mask } = rt;
  if (slotAt.length < start[n]) slotAt = new Int32Array(start[n] * 2);
  if (comboOf.length < n) {
    comboOf = new Int32Array(n * 2);
    wordComboOf = new Int32Array(n * 2);
  }
  const { combos, wordCombos } = rt;
  // Word features sit at their places only in a list long enough to hold them all.
  const wordPlaces = wordCombos.places.length;
  const wordListFrom = wordPlaces ? wordCombos.places[wordPlaces - 1] + 1 : Infinity;
  // The block of each place of the window, −2 .. n + 1 (the padding outside the text included).
  if (blockAt.length < n + 4) blockAt = new Int32Array((n + 4) * 2);
  for (let j = 0; j < n + 4; j++) blockAt[j] = rt.blocks.blockOf(j < 2 ? PAD_BEFORE : j >= n + 2 ? PAD_AFTER : codes[j - 2], rt.readRow);
  for (let i = 0; i < n; i++) {
    const first = start[i];
    const combo = comboRow(rt, combos, hashes, first);
    comboOf[i] = combo;
    const wordCombo = start[i + 1] - first >= wordListFrom ? comboRow(rt, wordCombos, hashes, first) : -1;
    wordComboOf[i] = wordCombo;
    for (let k = first; k < start[i + 1]; k++) {
      const place = k - first;
      // -1: a feature the model never weighed, or one added with its block or a combination.
      const added =
        place < CHAR_PLACES
          ? blockAt[i + place] !== NO_ROOM
          : place < FEW_VALUED.to
            ? combo >= 0 && place >= FEW_VALUED.from
            : wordCombo >= 0 && (place === FEW_VALUED_WORD_PLACES[0] || place === FEW_VALUED_WORD_PLACES[1]);
      if (added) {
        slotAt[k] = -1;
        continue;
      }
      const key = hashes[k];
      let at = key & mask;
      let found: number;
      while ((found = slots[2 * at]) !== key && found !== 0) at = (at + 1) & mask;
      slotAt[k] = found === 0 ? -1 : 2 * at + 1;
    }
  }
  const sums = combos.sums;
  const wordSums = wordCombos.sums;
  const blocks = rt.blocks.weights;
  for (let i = 0; i < n; i++) {
    const base = i * T;
    // The combinations' sums and the five character rows in one pass: each emission is written once.
    // A character without a block (NO_ROOM) reads the zero block here, and its rows with the others below.
    const combo = Math.max(0, comboOf[i]);
    const wordCombo = Math.max(0, wordComboOf[i]);
    const b0 = Math.max(0, blockAt[i]);
    const b1 = Math.max(0, blockAt[i + 1]) + T;
    const b2 = Math.max(0, blockAt[i + 2]) + 2 * T;
    const b3 = Math.max(0, blockAt[i + 3]) + 3 * T;
    const b4 = Math.max(0, blockAt[i + 4]) + 4 * T;
    for (let t = 0; t < T; t++)
      emit[base + t] = sums[combo + t] + wordSums[wordCombo + t] + blocks[b0 + t] + blocks[b1 + t] + blocks[b2 + t] + blocks[b3 + t] + blocks[b4 + t];
    for (let k = start[i]; k < start[i + 1]; k++) {
      const at = slotAt[k];
      if (at >= 0) addRow(rt, slots[at], emit, base);
    }
  }
  return emit;
}

function tagPiece(model: TaggerModel, text: string, hits?: ExternalHit[]): TaggedSpan[] {
  const rt = runtime(model);
  const points = codePoints(text);
  const n = points.codes.length;
  if (n === 0) return [];
  const features = charFeatures(points, extraFeatures(text, points, model.words, hits));
  const lattice = { n, emit: emissions(rt, points.codes, features.start, features.hashes, n), trans: rt.trans, moves: rt.moves };
  const decoded = viterbi(lattice, rt.ordered, scratch);
  const spans = decodeSpans(decoded.path);
  if (spans.length === 0) return [];
  const margin = margins(lattice, decoded, rt.ordered, spans[0].start, scratch, spans);
  return spans.map(({ start, end, label }) => {
    let least = Infinity;
    for (let i = start; i < end; i++) least = Math.min(least, margin[i]);
    const confidence = 1 - Math.exp(-least / model.confidenceScale);
    return { start: points.offsets[start], end: points.offsets[end], label: model.labels[label], confidence };
  });
}

export const modelTags = (model: TaggerModel): number => tagCount(model.labels.length);
