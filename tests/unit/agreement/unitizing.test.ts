// α_U against the worked examples printed in Krippendorff (1995) and Krippendorff (2004), as
// DKPro Statistics' tests transcribe them (Krippendorff1995Test, Krippendorff2004Test), and the
// fast expected-disagreement path against a literal pass over every unit and gap.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { alphaU, mergeOverlapping, unitizingDisagreement, type Units } from '../../../shared/agreement/unitizing';

const units = (...pairs: [number, number][]): Units => {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  return { start: sorted.map((p) => p[0]), end: sorted.map((p) => p[0] + p[1]) };
};

describe('Krippendorff (2004), Content Analysis, p. 254: two observers, continuum 150–450', () => {
  // [begin, length] with the continuum shifted to start at 0.
  const shift = (b: number, l: number): [number, number] => [b - 150, l];
  const c = [units(shift(225, 70), shift(370, 30)), units(shift(220, 80), shift(355, 20), shift(400, 20))];
  const k = [units(shift(180, 60), shift(300, 50)), units(shift(180, 60), shift(300, 50))];

  test('category c: D_o = .0144, D_e = .0532, α_c = .7286', () => {
    const d = unitizingDisagreement(300, c);
    expect(d.observed).toBeCloseTo(0.0144, 4);
    expect(d.expected).toBeCloseTo(0.0532, 4);
    expect(alphaU([d])).toBeCloseTo(0.7286, 4);
  });

  test('category k: D_o = 0, D_e = .0490, α_k = 1', () => {
    const d = unitizingDisagreement(300, k);
    expect(d.observed).toBe(0);
    expect(d.expected).toBeCloseTo(0.049, 4);
    expect(alphaU([d])).toBe(1);
  });

  test('both categories: α_U = .8591', () => {
    expect(alphaU([unitizingDisagreement(300, c), unitizingDisagreement(300, k)])).toBeCloseTo(0.8591, 3);
  });
});

describe('Krippendorff (1995), p. 57: four pairs of coders on 24 positions', () => {
  // Each example as [begin, length] of coder 1's and coder 2's units.
  const examples: Record<string, [[number, number][], [number, number][]]> = {
    A: [
      [
        [2, 8],
        [14, 6],
      ],
      [
        [4, 4],
        [15, 2],
      ],
    ],
    B: [
      [[0, 18]],
      [
        [0, 2],
        [2, 1],
        [3, 1],
        [4, 1],
        [5, 1],
        [6, 3],
        [9, 1],
      ],
    ],
    C: [
      [
        [2, 6],
        [10, 2],
        [14, 4],
        [20, 2],
      ],
      [
        [0, 2],
        [4, 4],
        [10, 4],
        [16, 2],
        [20, 2],
      ],
    ],
    D: [
      [
        [0, 2],
        [2, 8],
        [10, 4],
        [14, 6],
        [20, 4],
      ],
      [
        [0, 4],
        [4, 4],
        [8, 7],
        [15, 2],
        [17, 7],
      ],
    ],
  };
  const study = (name: string, stretch: number) =>
    unitizingDisagreement(
      24 * stretch,
      examples[name].map((coder) => units(...coder.map(([b, l]): [number, number] => [b * stretch, l * stretch]))),
    );

  test.each([
    ['A', 0.03125],
    ['B', 2.26736],
    ['C', 0.02777],
    ['D', 0.38715],
  ])('observed disagreement of %s is %f', (name, value) => {
    expect(Math.abs(study(name, 1).observed - value)).toBeLessThan(1e-5);
  });

  // The paper computes D_e on a continuum many times longer than the units' grid; DKPro notes a
  // small error in the paper's D_e (a sign in (l + l + 1)), hence the tolerances it uses too.
  test.each([
    ['A', 0.0699, 0.553],
    ['B', 1.17731, -0.926],
    ['C', 0.08642, 0.679],
    ['D', 0.41445, 0.066],
  ])('expected disagreement and α_U of %s', (name, expected, alpha) => {
    const d = study(name, 50_000);
    expect(Math.abs(d.expected - expected)).toBeLessThan(0.005);
    expect(Math.abs((alphaU([d]) as number) - alpha)).toBeLessThan(0.02);
  });
});

/** D_e straight from the formula: every unit against every gap of every coder. */
function literalExpected(length: number, coders: Units[]): number {
  const m = coders.length;
  const unitLengths: number[] = [];
  const gapLengths: number[] = [];
  for (const u of coders) {
    let at = 0;
    for (let k = 0; k < u.start.length; k++) {
      if (u.start[k] > at) gapLengths.push(u.start[k] - at);
      unitLengths.push(u.end[k] - u.start[k]);
      at = u.end[k];
    }
    if (length > at) gapLengths.push(length - at);
  }
  const n = unitLengths.length;
  let numerator = 0;
  let selfPairs = 0;
  for (const l of unitLengths) {
    selfPairs += l * (l - 1);
    let fitting = 0;
    for (const g of gapLengths) if (g >= l) fitting += g - l + 1;
    numerator += ((n - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * fitting;
  }
  return ((2 / length) * numerator) / (m * length * (m * length - 1) - selfPairs);
}

const coderUnits = (length: number) =>
  fc.array(fc.tuple(fc.nat(length - 1), fc.integer({ min: 1, max: 12 })), { maxLength: 12 }).map((raw) => {
    const sorted = raw.map(([s, l]) => [s, Math.min(length, s + l)] as const).sort((a, b) => a[0] - b[0]);
    return mergeOverlapping(
      sorted.map((s) => s[0]),
      sorted.map((s) => s[1]),
    );
  });

test('the sorted-gap expected disagreement equals the literal sum (property)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 5, max: 80 }).chain((length) => fc.tuple(fc.constant(length), fc.array(coderUnits(length), { minLength: 2, maxLength: 4 }))),
      ([length, coders]) => {
        const d = unitizingDisagreement(length, coders);
        const literal = coders.every((c) => c.start.length === 0) ? 0 : literalExpected(length, coders);
        expect(Math.abs(d.expected - literal)).toBeLessThan(1e-12);
      },
    ),
    { numRuns: 300 },
  );
});

test('identical unitizations agree perfectly; merged spans do not overlap', () => {
  const a = units([2, 3], [10, 4]);
  expect(alphaU([unitizingDisagreement(20, [a, a, a])])).toBe(1);
  expect(mergeOverlapping([0, 2, 5, 9], [4, 5, 9, 10])).toEqual({ start: [0, 5, 9], end: [5, 9, 10] });
});
