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
}

export function orderTransitions(trans: Float64Array, moves: Transitions): OrderedTransitions {
  const T = moves.tags;
  const byPrev = new Float64Array(moves.prevList.length);
  const byNext = new Float64Array(moves.nextList.length);
  for (let t = 0; t < T; t++) {
    for (let k = moves.prevStart[t]; k < moves.prevStart[t + 1]; k++) byPrev[k] = trans[moves.prevList[k] * T + t];
    for (let k = moves.nextStart[t]; k < moves.nextStart[t + 1]; k++) byNext[k] = trans[t * T + moves.nextList[k]];
  }
  return { byPrev, byNext };
}

export interface Decoded {
  path: Int32Array;
  /** delta[i*T + t]: best score of a tagging of characters 0..i that puts t at i. */
  delta: Float64Array;
  best: number;
}

/** The best well-formed tag sequence. */
export function viterbi({ n, emit, trans, moves }: Lattice, ordered = orderTransitions(trans, moves)): Decoded {
  const T = moves.tags;
  const path = new Int32Array(n);
  const delta = new Float64Array(n * T);
  if (n === 0) return { path, delta, best: 0 };
  const back = new Int32Array(n * T);
  const { prevStart, prevList } = moves;
  const { byPrev } = ordered;
  for (let t = 0; t < T; t++) delta[t] = canStart(t) ? trans[T * T + t] + emit[t] : -Infinity;
  for (let i = 1; i < n; i++) {
    const row = i * T;
    const prevRow = row - T;
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let k = prevStart[t]; k < prevStart[t + 1]; k++) {
        const p = prevList[k];
        const v = delta[prevRow + p] + byPrev[k];
        if (v > best) {
          best = v;
          arg = p;
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
 * For each character, how much the best tagging beats the best tagging that gives this character
 * another tag: best − max over t ≠ path[i] of (forward[i][t] + backward[i][t]).
 */
export function margins(lattice: Lattice, decoded: Decoded, ordered = orderTransitions(lattice.trans, lattice.moves)): Float64Array {
  const { n, emit, moves } = lattice;
  const { byNext } = ordered;
  const T = moves.tags;
  const { nextStart, nextList } = moves;
  const beta = new Float64Array(n * T);
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = canEnd(t) ? 0 : -Infinity;
  for (let i = n - 2; i >= 0; i--) {
    const row = i * T;
    const nextRow = row + T;
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      for (let k = nextStart[t]; k < nextStart[t + 1]; k++) {
        const s = nextList[k];
        const v = byNext[k] + emit[nextRow + s] + beta[nextRow + s];
        if (v > best) best = v;
      }
      beta[row + t] = best;
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let runnerUp = -Infinity;
    for (let t = 0; t < T; t++) {
      if (t === decoded.path[i]) continue;
      const v = decoded.delta[i * T + t] + beta[i * T + t];
      if (v > runnerUp) runnerUp = v;
    }
    out[i] = Math.max(0, decoded.best - runnerUp);
  }
  return out;
}
