// The decoder's pruning (#22) must give exactly what reading every transition gives: the best
// score, a path that scores it, and the same max-marginal margins, on random lattices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { margins, newScratch, viterbi } from '../../../shared/suggest/tagger/decode';
import { allowed, canEnd, canStart, tagCount, transitions } from '../../../shared/suggest/tagger/tags';

/** Plain dynamic programming over every allowed pair: forward and backward max scores. */
function reference(n: number, T: number, emit: Float64Array, trans: Float64Array) {
  const forward = new Float64Array(n * T).fill(-Infinity);
  const backward = new Float64Array(n * T).fill(-Infinity);
  for (let t = 0; t < T; t++) if (canStart(t)) forward[t] = trans[T * T + t] + emit[t];
  for (let i = 1; i < n; i++)
    for (let t = 0; t < T; t++)
      for (let p = 0; p < T; p++)
        if (allowed(p, t)) forward[i * T + t] = Math.max(forward[i * T + t], forward[(i - 1) * T + p] + trans[p * T + t] + emit[i * T + t]);
  for (let t = 0; t < T; t++) if (canEnd(t)) backward[(n - 1) * T + t] = 0;
  for (let i = n - 2; i >= 0; i--)
    for (let t = 0; t < T; t++)
      for (let s = 0; s < T; s++)
        if (allowed(t, s)) backward[i * T + t] = Math.max(backward[i * T + t], trans[t * T + s] + emit[(i + 1) * T + s] + backward[(i + 1) * T + s]);
  let best = -Infinity;
  for (let t = 0; t < T; t++) if (canEnd(t)) best = Math.max(best, forward[(n - 1) * T + t]);
  return { best, forward, backward };
}

function pathScore(path: Int32Array, T: number, emit: Float64Array, trans: Float64Array): number {
  let score = 0;
  path.forEach((t, i) => (score += emit[i * T + t] + (i === 0 ? trans[T * T + t] : trans[path[i - 1] * T + t])));
  return score;
}

// Small integers make ties common, the case where a pruned decoder could go wrong.
const weight = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -5, max: 5, noNaN: true }));

describe('tagger decoding', () => {
  it('has one long list of predecessors and one of successors, shared by every tag that has a long list (the pruning reads them once a step)', () => {
    for (let labels = 1; labels <= 12; labels++) {
      const moves = transitions(labels);
      for (const [start, list] of [
        [moves.prevStart, moves.prevList],
        [moves.nextStart, moves.nextList],
      ] as const) {
        const shared = [...list.subarray(start[0], start[1])];
        for (let t = 0; t < moves.tags; t++) {
          const own = [...list.subarray(start[t], start[t + 1])];
          if (own.length > 4) expect(own).toEqual(shared); // shorter lists are read whole
        }
      }
    }
  });

  it('prunes without changing the best score, the path or the margins', () => {
    const scratch = newScratch();
    const lattice = fc.record({ labels: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 1, max: 12 }) }).chain(({ labels, n }) => {
      const T = tagCount(labels);
      return fc.record({
        labels: fc.constant(labels),
        n: fc.constant(n),
        emit: fc.array(weight, { minLength: n * T, maxLength: n * T }),
        trans: fc.array(weight, { minLength: (T + 1) * T, maxLength: (T + 1) * T }),
      });
    });
    fc.assert(
      fc.property(lattice, ({ labels, n, emit, trans }) => {
        const T = tagCount(labels);
        const e = Float64Array.from(emit);
        const tr = Float64Array.from(trans);
        const moves = transitions(labels);
        const decoded = viterbi({ n, emit: e, trans: tr, moves });
        const ref = reference(n, T, e, tr);
        expect(decoded.best).toBeCloseTo(ref.best, 9);
        expect(pathScore(decoded.path, T, e, tr)).toBeCloseTo(ref.best, 9);
        const found = margins({ n, emit: e, trans: tr, moves }, decoded);
        for (let i = 0; i < n; i++) {
          let runnerUp = -Infinity;
          for (let t = 0; t < T; t++) if (t !== decoded.path[i]) runnerUp = Math.max(runnerUp, ref.forward[i * T + t] + ref.backward[i * T + t]);
          expect(found[i]).toBeCloseTo(Math.max(0, ref.best - runnerUp), 9);
        }
        // From a later character on (tagging starts at the first span): the same margins there.
        const first = n >> 1;
        expect([...margins({ n, emit: e, trans: tr, moves }, decoded, undefined, first).subarray(first)]).toEqual([...found.subarray(first)]);
        // Decoded with buffers kept from the last call (of another length), and margins of some spans only:
        // the same path, the same margins inside the spans and 0 outside them.
        const again = viterbi({ n, emit: e, trans: tr, moves }, undefined, scratch);
        expect([...again.path]).toEqual([...decoded.path]);
        const spans = [
          { start: first, end: Math.min(n, first + 2) },
          { start: Math.min(n, first + 3), end: n },
        ];
        const some = margins({ n, emit: e, trans: tr, moves }, again, undefined, first, scratch, spans);
        expect(some.length).toBe(n);
        for (let i = 0; i < n; i++) expect(some[i]).toBe(spans.some((s) => i >= s.start && i < s.end) ? found[i] : 0);
      }),
      { numRuns: 400, seed: 22 },
    );
  });
});
