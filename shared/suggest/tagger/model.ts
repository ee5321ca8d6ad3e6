// A trained tagger: sparse averaged weights per feature hash, transition weights, and tagging.
import { codePoints } from './chars';
import { margins, orderTransitions, viterbi, type OrderedTransitions } from './decode';
import { charFeatures, extraFeatures } from './features';
import { decodeSpans, tagCount, transitions, type Transitions } from './tags';
import type { ExternalHit, TaggedSpan, TrainingStats } from './types';

export const MODEL_VERSION = 1;

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
}

interface Runtime {
  moves: Transitions;
  /** model.trans widened once, so decoding reads one array type in training and tagging. */
  trans: Float64Array;
  ordered: OrderedTransitions;
  /**
   * Open addressing, 4 ints a slot: feature hash (0: empty), then where its weights start and end
   * in `packed`. One probe finds a feature's weights without reading rowStart.
   */
  slots: Int32Array;
  mask: number;
  /** The weights as (tag, weight) pairs side by side, one buffer seen as ints and as floats: a row is usually one cache line. */
  packedTags: Int32Array;
  packedWeights: Float32Array;
}

// Lookup tables are built once per model object, not stored: they are cheap to rebuild.
const runtimes = new WeakMap<TaggerModel, Runtime>();

function runtime(model: TaggerModel): Runtime {
  let found = runtimes.get(model);
  if (found) return found;
  let size = 16;
  while (size < model.keys.length * 2) size *= 2;
  const slots = new Int32Array(size * 4);
  const mask = size - 1;
  const { keys, rowStart, rowTags, rowWeights } = model;
  for (let row = 0; row < keys.length; row++) {
    let at = keys[row] & mask;
    while (slots[4 * at] !== 0) at = (at + 1) & mask;
    slots[4 * at] = keys[row];
    slots[4 * at + 1] = rowStart[row];
    slots[4 * at + 2] = rowStart[row + 1];
  }
  const buffer = new ArrayBuffer(rowTags.length * 8);
  const packedTags = new Int32Array(buffer);
  const packedWeights = new Float32Array(buffer);
  for (let j = 0; j < rowTags.length; j++) {
    packedTags[2 * j] = rowTags[j];
    packedWeights[2 * j + 1] = rowWeights[j];
  }
  const moves = transitions(model.labels.length);
  const trans = Float64Array.from(model.trans);
  found = { moves, trans, ordered: orderTransitions(trans, moves), slots, mask, packedTags, packedWeights };
  runtimes.set(model, found);
  return found;
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

/** Spans the model finds in the text, with UTF-16 offsets; `hits` as at training (see ExternalHit). */
export function tag(model: TaggerModel, text: string, hits?: ExternalHit[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (const [from, to] of pieces(text)) {
    const own = hits?.filter((h) => h.start >= from && h.end <= to).map((h) => ({ ...h, start: h.start - from, end: h.end - from }));
    for (const span of tagPiece(model, text.slice(from, to), own)) out.push({ ...span, start: span.start + from, end: span.end + from });
  }
  return out;
}

/** Emission scores: the sum of each feature row's weights, per character and tag. */
function emissions(rt: Runtime, start: Int32Array, hashes: Int32Array, n: number): Float64Array {
  const T = rt.moves.tags;
  const emit = new Float64Array(n * T);
  const { slots, mask, packedTags, packedWeights } = rt;
  for (let i = 0; i < n; i++) {
    const base = i * T;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const key = hashes[k];
      let at = key & mask;
      while (slots[4 * at] !== key && slots[4 * at] !== 0) at = (at + 1) & mask;
      if (slots[4 * at] === 0) continue; // a feature the model never weighed
      for (let j = slots[4 * at + 1]; j < slots[4 * at + 2]; j++) emit[base + packedTags[2 * j]] += packedWeights[2 * j + 1];
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
  const lattice = { n, emit: emissions(rt, features.start, features.hashes, n), trans: rt.trans, moves: rt.moves };
  const decoded = viterbi(lattice, rt.ordered);
  const spans = decodeSpans(decoded.path);
  if (spans.length === 0) return [];
  const margin = margins(lattice, decoded, rt.ordered);
  return spans.map(({ start, end, label }) => {
    let least = Infinity;
    for (let i = start; i < end; i++) least = Math.min(least, margin[i]);
    const confidence = 1 - Math.exp(-least / model.confidenceScale);
    return { start: points.offsets[start], end: points.offsets[end], label: model.labels[label], confidence };
  });
}

export const modelTags = (model: TaggerModel): number => tagCount(model.labels.length);
