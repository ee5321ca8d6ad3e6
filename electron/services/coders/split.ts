// Which documents each coder gets: a seeded sample of the chosen documents, a share of them for
// every coder (so agreement can be measured), the rest dealt out in turn. Pure and seeded: the same
// ids, coders, overlap and seed always give the same files.

/** mulberry32: a small seeded generator, uniform enough for shuffling document ids. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(ids: readonly number[], next: () => number): number[] {
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const ascending = (a: number, b: number) => a - b;

export interface Split {
  /** The chosen documents (after sampling), ascending. */
  chosen: number[];
  /** Given to every coder. */
  shared: number[];
  /** Per coder, in the order given: the shared documents and their own share, ascending. */
  perCoder: number[][];
}

/**
 * `ids` in any order. `sample`: keep that many, drawn with the seed (all when there are fewer).
 * `overlap`: the share of the chosen documents every coder gets, rounded to whole documents; one
 * coder gets everything.
 */
export function splitDocuments(ids: readonly number[], coders: number, options: { sample?: number; seed: number; overlap: number }): Split {
  const next = random(options.seed);
  const sorted = [...ids].sort(ascending);
  const chosen = options.sample !== undefined && options.sample < sorted.length ? shuffled(sorted, next).slice(0, options.sample).sort(ascending) : sorted;
  if (coders <= 1) return { chosen, shared: chosen, perCoder: [chosen] };
  const order = shuffled(chosen, next);
  const sharedCount = Math.round(options.overlap * chosen.length);
  const shared = order.slice(0, sharedCount).sort(ascending);
  const perCoder: number[][] = Array.from({ length: coders }, () => [...shared]);
  order.slice(sharedCount).forEach((id, i) => perCoder[i % coders]!.push(id));
  return { chosen, shared, perCoder: perCoder.map((list) => list.sort(ascending)) };
}
