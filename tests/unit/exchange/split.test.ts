import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assignSplits } from '../../../shared/exchange';

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const counts = (m: Map<number, string>) => {
  const c = { train: 0, dev: 0, test: 0 } as Record<string, number>;
  for (const v of m.values()) c[v]++;
  return c;
};

describe('assignSplits', () => {
  test('is deterministic and independent of the order of ids', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 200 }), fc.integer(), (list, seed) => {
        const spec = { seed, train: 0.8, dev: 0.1, test: 0.1 };
        const a = assignSplits(list, spec);
        const b = assignSplits([...list].reverse(), spec);
        expect(new Map([...b].sort((x, y) => x[0] - y[0]))).toEqual(new Map([...a].sort((x, y) => x[0] - y[0])));
      }),
    );
  });

  test('sizes follow the ratios exactly (cumulative rounding)', () => {
    expect(counts(assignSplits(ids(100), { seed: 1, train: 0.8, dev: 0.1, test: 0.1 }))).toEqual({ train: 80, dev: 10, test: 10 });
    expect(counts(assignSplits(ids(7), { seed: 1, train: 0.7, dev: 0.15, test: 0.15 }))).toEqual({ train: 5, dev: 1, test: 1 });
    // Ratios are weights.
    expect(counts(assignSplits(ids(10), { seed: 3, train: 3, dev: 1, test: 1 }))).toEqual({ train: 6, dev: 2, test: 2 });
    expect(counts(assignSplits(ids(10), { seed: 3, train: 1, dev: 0, test: 0 }))).toEqual({ train: 10, dev: 0, test: 0 });
    expect(assignSplits([], { seed: 3, train: 1, dev: 0, test: 0 }).size).toBe(0);
  });

  test('different seeds give different splits; the same seed the same split', () => {
    const a = assignSplits(ids(200), { seed: 1, train: 0.5, dev: 0.25, test: 0.25 });
    const b = assignSplits(ids(200), { seed: 2, train: 0.5, dev: 0.25, test: 0.25 });
    expect([...a].filter(([id, s]) => b.get(id) !== s).length).toBeGreaterThan(50);
    expect(assignSplits(ids(200), { seed: 1, train: 0.5, dev: 0.25, test: 0.25 })).toEqual(a);
  });

  test('a growing corpus keeps almost every document where it was', () => {
    const spec = { seed: 42, train: 0.8, dev: 0.1, test: 0.1 };
    const before = assignSplits(ids(1000), spec);
    const after = assignSplits(ids(1100), spec);
    const moved = [...before].filter(([id, s]) => after.get(id) !== s).length;
    expect(moved).toBeLessThan(20);
  });

  test('rejects unusable ratios', () => {
    expect(() => assignSplits([1], { seed: 1, train: 0, dev: 0, test: 0 })).toThrow(/all be zero/);
    expect(() => assignSplits([1], { seed: 1, train: -1, dev: 1, test: 0 })).toThrow(/non-negative/);
  });
});
