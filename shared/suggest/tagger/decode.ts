// Viterbi decoding under the BIOES constraints, and the max-marginal margins behind confidence.
// Scores: emit[i*T + t] for character i and tag t; trans[p*T + t] from tag p to t, and
// trans[T*T + t] from the start of the text.
import { canEnd, canStart, type Transitions } from './tags';

export interface Lattice {
  n: number;
  emit: Float64Array;
  trans: Float64Array;
  moves: Transitions;
}

/** Transition weights in the order the decoder reads them (moves.prevList / nextList): one sequential read per step. */
export interface OrderedTransitions {
  byPrev: Float64Array;
  byNext: Float64Array;
  /** The largest weight into each tag (over its predecessors) and out of it (over its successors): bounds for pruning. */
  maxIn: Float64Array;
  maxOut: Float64Array;
}

export function orderTransitions(trans: Float64Array, moves: Transitions): OrderedTransitions {
  const T = moves.tags;
  const byPrev = new Float64Array(moves.prevList.length);
  const byNext = new Float64Array(moves.nextList.length);
  const maxIn = new Float64Array(T).fill(-Infinity);
  const maxOut = new Float64Array(T).fill(-Infinity);
  for (let t = 0; t < T; t++) {
    for (let k = moves.prevStart[t]; k < moves.prevStart[t + 1]; k++) maxIn[t] = Math.max(maxIn[t], (byPrev[k] = trans[moves.prevList[k] * T + t]));
    for (let k = moves.nextStart[t]; k < moves.nextStart[t + 1]; k++) maxOut[t] = Math.max(maxOut[t], (byNext[k] = trans[t * T + moves.nextList[k]]));
  }
  return { byPrev, byNext, maxIn, maxOut };
}

/**
 * Buffers kept from one tagging to the next, so a short sentence does not allocate (and zero)
 * its lattices anew; what viterbi and margins return then are views into them, to be read before
 * the next call with the same scratch. Every cell read is written first, so none is cleared.
 */
export interface Scratch {
  delta: Float64Array;
  back: Int32Array;
  beta: Float64Array;
  path: Int32Array;
  margins: Float64Array;
  ahead: Float64Array;
}

export const newScratch = (): Scratch => ({
  delta: new Float64Array(0),
  back: new Int32Array(0),
  beta: new Float64Array(0),
  path: new Int32Array(0),
  margins: new Float64Array(0),
  ahead: new Float64Array(0),
});

const roomy = (size: number) => Math.max(1024, size * 2);

export interface Decoded {
  path: Int32Array;
  /** delta[i*T + t]: best score of a tagging of characters 0..i that puts t at i. */
  delta: Float64Array;
  best: number;
}

/**
 * The three best of `score(list[k])` over a list, and the fourth-best score. Tags that start
 * something (O, B-x, S-x) all have the same long list of predecessors (O, E-x, S-x), and those
 * that end something the same long list of successors; when a candidate among the best three
 * beats the fourth-best plus the largest transition weight, no other entry can win, so most
 * steps read 3 entries instead of 2L+1 — the result is exactly that of reading them all.
 */
interface Best3 {
  at: Int32Array;
  fourth: number;
}

function best3(values: Float64Array, offset: number, list: Int32Array, from: number, to: number, out: Best3): void {
  let v0 = -Infinity;
  let v1 = -Infinity;
  let v2 = -Infinity;
  let v3 = -Infinity;
  let k0 = from;
  let k1 = from;
  let k2 = from;
  for (let k = from; k < to; k++) {
    const v = values[offset + list[k]];
    if (v <= v3) continue;
    if (v > v0) {
      v3 = v2;
      v2 = v1;
      k2 = k1;
      v1 = v0;
      k1 = k0;
      v0 = v;
      k0 = k;
    } else if (v > v1) {
      v3 = v2;
      v2 = v1;
      k2 = k1;
      v1 = v;
      k1 = k;
    } else if (v > v2) {
      v3 = v2;
      v2 = v;
      k2 = k;
    } else v3 = v;
  }
  out.at[0] = k0 - from;
  out.at[1] = k1 - from;
  out.at[2] = k2 - from;
  out.fourth = v3;
}

// The three best of the current step, kept from one call to the next (decoding is never re-entered).
const forwardTop: Best3 = { at: new Int32Array(3), fourth: 0 };
const backwardTop: Best3 = { at: new Int32Array(3), fourth: 0 };

/** Lists longer than this are the shared long ones (tag 0's predecessors, and its successors). */
const LONG = 4;

/** The best well-formed tag sequence. */
export function viterbi({ n, emit, trans, moves }: Lattice, ordered = orderTransitions(trans, moves), scratch?: Scratch): Decoded {
  const T = moves.tags;
  if (scratch && scratch.delta.length < n * T) {
    scratch.delta = new Float64Array(roomy(n * T));
    scratch.back = new Int32Array(roomy(n * T));
  }
  if (scratch && scratch.path.length < n) scratch.path = new Int32Array(roomy(n));
  const path = scratch ? scratch.path.subarray(0, n) : new Int32Array(n);
  const delta = scratch ? scratch.delta.subarray(0, n * T) : new Float64Array(n * T);
  if (n === 0) return { path, delta, best: 0 };
  const back = scratch ? scratch.back : new Int32Array(n * T);
  const { prevStart, prevList } = moves;
  const { byPrev } = ordered;
  for (let t = 0; t < T; t++) delta[t] = canStart(t) ? trans[T * T + t] + emit[t] : -Infinity;
  const top = forwardTop;
  for (let i = 1; i < n; i++) {
    const row = i * T;
    const prevRow = row - T;
    best3(delta, prevRow, prevList, prevStart[0], prevStart[1], top);
    // Every long list is the same list of tags: the three best are the same tags, with the same scores, for each.
    const k0 = top.at[0];
    const k1 = top.at[1];
    const k2 = top.at[2];
    const p0 = prevList[prevStart[0] + k0];
    const p1 = prevList[prevStart[0] + k1];
    const p2 = prevList[prevStart[0] + k2];
    const d0 = delta[prevRow + p0];
    const d1 = delta[prevRow + p1];
    const d2 = delta[prevRow + p2];
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      const from = prevStart[t];
      const to = prevStart[t + 1];
      let pruned = false;
      if (to - from > LONG) {
        let v = d0 + byPrev[from + k0];
        if (v > best) {
          best = v;
          arg = p0;
        }
        v = d1 + byPrev[from + k1];
        if (v > best) {
          best = v;
          arg = p1;
        }
        v = d2 + byPrev[from + k2];
        if (v > best) {
          best = v;
          arg = p2;
        }
        pruned = best >= top.fourth + ordered.maxIn[t];
      }
      if (!pruned) {
        best = -Infinity;
        for (let k = from; k < to; k++) {
          const p = prevList[k];
          const v = delta[prevRow + p] + byPrev[k];
          if (v > best) {
            best = v;
            arg = p;
          }
        }
      }
      delta[row + t] = best + emit[row + t];
      back[row + t] = arg;
    }
  }
  let best = -Infinity;
  let last = 0;
  for (let t = 0; t < T; t++) {
    const v = delta[(n - 1) * T + t];
    if (canEnd(t) && v > best) {
      best = v;
      last = t;
    }
  }
  path[n - 1] = last;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * T + path[i]];
  return { path, delta, best };
}

/**
 * For each character from `first` on, how much the best tagging beats the best tagging that gives
 * this character another tag: best − max over t ≠ path[i] of (forward[i][t] + backward[i][t]).
 * Characters before `first` (none of a span's, when tagging) are left 0: the backward pass stops there.
 * With `spans` (character indices, from `first` on), only their characters' margins are worked out;
 * the others are left 0 too.
 */
export function margins(
  lattice: Lattice,
  decoded: Decoded,
  ordered = orderTransitions(lattice.trans, lattice.moves),
  first = 0,
  scratch?: Scratch,
  spans?: readonly { start: number; end: number }[],
): Float64Array {
  const { n, emit, moves } = lattice;
  const { byNext } = ordered;
  const T = moves.tags;
  const { nextStart, nextList } = moves;
  if (scratch && scratch.beta.length < n * T) scratch.beta = new Float64Array(roomy(n * T));
  const beta = scratch ? scratch.beta : new Float64Array(n * T);
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = canEnd(t) ? 0 : -Infinity;
  if (scratch && scratch.ahead.length < T) scratch.ahead = new Float64Array(T);
  const ahead = scratch ? scratch.ahead : new Float64Array(T);
  const top = backwardTop;
  for (let i = n - 2; i >= first; i--) {
    const row = i * T;
    const nextRow = row + T;
    for (let s = 0; s < T; s++) ahead[s] = emit[nextRow + s] + beta[nextRow + s];
    best3(ahead, 0, nextList, nextStart[0], nextStart[1], top);
    // As in viterbi: the three best successors are the same tags for every long list.
    const k0 = top.at[0];
    const k1 = top.at[1];
    const k2 = top.at[2];
    const a0 = ahead[nextList[nextStart[0] + k0]];
    const a1 = ahead[nextList[nextStart[0] + k1]];
    const a2 = ahead[nextList[nextStart[0] + k2]];
    for (let t = 0; t < T; t++) {
      const from = nextStart[t];
      const to = nextStart[t + 1];
      let best = -Infinity;
      if (to - from > LONG) {
        best = Math.max(best, byNext[from + k0] + a0);
        best = Math.max(best, byNext[from + k1] + a1);
        best = Math.max(best, byNext[from + k2] + a2);
        if (best >= top.fourth + ordered.maxOut[t]) {
          beta[row + t] = best;
          continue;
        }
      }
      best = -Infinity;
      for (let k = from; k < to; k++) {
        const v = byNext[k] + ahead[nextList[k]];
        if (v > best) best = v;
      }
      beta[row + t] = best;
    }
  }
  if (scratch && scratch.margins.length < n) scratch.margins = new Float64Array(roomy(n));
  const out = scratch ? scratch.margins.subarray(0, n).fill(0) : new Float64Array(n);
  const margin = (i: number) => {
    let runnerUp = -Infinity;
    for (let t = 0; t < T; t++) {
      if (t === decoded.path[i]) continue;
      const v = decoded.delta[i * T + t] + beta[i * T + t];
      if (v > runnerUp) runnerUp = v;
    }
    out[i] = Math.max(0, decoded.best - runnerUp);
  };
  if (spans) for (const { start, end } of spans) for (let i = Math.max(first, start); i < end; i++) margin(i);
  else for (let i = first; i < n; i++) margin(i);
  return out;
}
