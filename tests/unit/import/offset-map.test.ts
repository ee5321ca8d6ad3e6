import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MapBuilder,
  composeOffsetMaps,
  identityMap,
  mapToNormalized,
  mapToOriginal,
  offsetMapProblem,
  sliceOffsetMap,
} from '../../../shared/import/offset-map';

describe('MapBuilder', () => {
  it('merges copies and keeps replacements as blocks', () => {
    const input = '時(shí)間\r\n好';
    const b = new MapBuilder(input);
    b.replace(0, 1, '时'); // one to one
    b.replace(1, 6, ''); // deletion: no segment
    b.replace(6, 7, '间');
    b.replace(7, 9, '\n'); // 2 → 1
    b.copy(9, 10);
    const { text, map } = b.finish();
    expect(text).toBe('时间\n好');
    expect(map).toEqual([0, 1, 0, 1, 1, 1, 6, 1, 2, 1, 7, 2, 3, 1, 9, 1]);
    expect(offsetMapProblem(map, text.length, input.length)).toBeNull();
    expect(mapToOriginal(map, 0, 2)).toEqual({ start: 0, end: 7 });
    expect(mapToOriginal(map, 2, 3)).toEqual({ start: 7, end: 9 });
  });

  it('splits equal-length blocks into unit segments so they never read as one-to-one', () => {
    const b = new MapBuilder('ab');
    b.replace(0, 2, 'xy');
    const { map } = b.finish();
    expect(map).toEqual([0, 1, 0, 2, 1, 1, 0, 2]);
    expect(mapToOriginal(map, 1, 2)).toEqual({ start: 0, end: 2 });
  });

  it('maps insertions to a point', () => {
    const b = new MapBuilder('ab');
    b.copy(0, 1);
    b.replace(1, 1, '\n');
    b.copy(1, 2);
    const { text, map } = b.finish();
    expect(text).toBe('a\nb');
    expect(mapToOriginal(map, 1, 2)).toEqual({ start: 1, end: 1 });
    expect(mapToOriginal(map, 0, 3)).toEqual({ start: 0, end: 2 });
  });
});

describe('composeOffsetMaps, sliceOffsetMap, mapToNormalized', () => {
  it('composes a chain of edits', () => {
    const original = 'A\u00a0區(qū)B';
    const s1 = new MapBuilder(original); // NBSP → space
    s1.copy(0, 1);
    s1.replace(1, 2, ' ');
    s1.copy(2, original.length);
    const r1 = s1.finish();
    const s2 = new MapBuilder(r1.text); // drop '(qū)' and convert 區
    s2.copy(0, 2);
    s2.replace(2, 3, '区');
    s2.replace(3, 7, '');
    s2.copy(7, 8);
    const r2 = s2.finish();
    const map = composeOffsetMaps(r1.map, r2.map);
    expect(r2.text).toBe('A 区B');
    expect(offsetMapProblem(map, r2.text.length, original.length)).toBeNull();
    expect(original.slice(mapToOriginal(map, 2, 3).start, mapToOriginal(map, 2, 3).end)).toBe('區');
    expect(original.slice(mapToOriginal(map, 3, 4).start, mapToOriginal(map, 3, 4).end)).toBe('B');
    expect(mapToNormalized(map, 2, 7)).toEqual({ start: 2, end: 3 });
    expect(mapToNormalized(map, 3, 7)).toEqual({ start: 3, end: 3 }); // only pinyin: removed
    const slice = sliceOffsetMap(map, 2, 4);
    expect(mapToOriginal(slice, 0, 2)).toEqual({ start: 2, end: 8 });
  });

  it('composition agrees with mapping through each step (random deletions and replacements)', () => {
    const edit = (text: string, ops: number[]) => {
      const b = new MapBuilder(text);
      let i = 0;
      let k = 0;
      while (i < text.length) {
        const op = ops[k++ % ops.length];
        const len = Math.min(text.length - i, 1 + (op % 3));
        if (op % 4 === 0)
          b.replace(i, i + len, ''); // delete
        else if (op % 4 === 1) b.replace(i, i + len, 'xyz'.slice(0, 1 + (op % 3)));
        else b.copy(i, i + len);
        i += len;
      }
      return b.finish();
    };
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.array(fc.nat(50), { minLength: 1 }), fc.array(fc.nat(50), { minLength: 1 }), (s, o1, o2) => {
        const a = edit(s, o1);
        const b = edit(a.text, o2);
        const map = composeOffsetMaps(a.map, b.map);
        expect(offsetMapProblem(map, b.text.length, s.length)).toBeNull();
        for (let i = 0; i < b.text.length; i++) {
          const mid = mapToOriginal(b.map, i, i + 1);
          const viaSteps = mapToOriginal(a.map, mid.start, mid.end);
          const direct = mapToOriginal(map, i, i + 1);
          // The composed map is never wider than going step by step, and always inside it.
          expect(direct.start).toBeGreaterThanOrEqual(viaSteps.start);
          expect(direct.end).toBeLessThanOrEqual(viaSteps.end);
          if (mid.end > mid.start) expect(direct.end).toBeGreaterThan(direct.start);
        }
      }),
    );
  });

  it('identity maps and empty text', () => {
    expect(identityMap(0)).toEqual([]);
    expect(mapToOriginal([], 0, 0)).toEqual({ start: 0, end: 0 });
    expect(offsetMapProblem(identityMap(5), 5, 5)).toBeNull();
    expect(offsetMapProblem([0, 2, 0, 2, 3, 1, 2, 1], 4, 4)).toMatch(/starts at 3/);
  });
});
