// Deterministic train/dev/test split. Every document gets a 32-bit hash of (seed, document id);
// documents are ranked by that hash (ties by id) and the ranking is cut at the ratios, so the
// result does not depend on the order ids come in, split sizes are exact (up to rounding), and a
// growing corpus keeps almost every document in the split it had.
import type { SplitName } from './types';

export interface SplitSpec {
  seed: number;
  train: number;
  dev: number;
  test: number;
}

const fmix32 = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** MurmurHash3 (x86, 32-bit) over 32-bit words. */
function murmur3(words: number[], seed: number): number {
  let h = seed >>> 0;
  for (const word of words) {
    let k = Math.imul(word >>> 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ (words.length * 4));
}

const lo32 = (n: number): number => n >>> 0;
const hi32 = (n: number): number => Math.floor(n / 0x1_0000_0000) >>> 0;

/** The hash a document is ranked by; exported for tests and documentation. */
export const splitHash = (seed: number, docId: number): number => murmur3([lo32(seed), hi32(seed), lo32(docId), hi32(docId)], 0x9e3779b9);

/**
 * Assigns every id to train, dev or test. Ratios are weights (normalized by their sum). Sizes
 * come from cumulative rounding: |train| = round(n·train), |train|+|dev| = round(n·(train+dev)),
 * test takes the rest, so they always add up to n.
 */
export function assignSplits(docIds: readonly number[], split: SplitSpec): Map<number, SplitName> {
  const { train, dev, test } = split;
  for (const [name, value] of Object.entries({ train, dev, test })) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`split ratio ${name} must be a non-negative number, got ${value}`);
  }
  const total = train + dev + test;
  if (total <= 0) throw new Error('split ratios must not all be zero');
  if (!Number.isInteger(split.seed)) throw new Error(`split seed must be an integer, got ${split.seed}`);
  const unique = [...new Set(docIds)];
  const ranked = unique.map((id) => ({ id, hash: splitHash(split.seed, id) })).sort((a, b) => a.hash - b.hash || a.id - b.id);
  const n = ranked.length;
  const trainEnd = Math.round((n * train) / total);
  const devEnd = Math.max(trainEnd, Math.round((n * (train + dev)) / total));
  const out = new Map<number, SplitName>();
  ranked.forEach(({ id }, rank) => out.set(id, rank < trainEnd ? 'train' : rank < devEnd ? 'dev' : 'test'));
  return out;
}
