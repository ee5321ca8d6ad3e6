import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, codePointsToUtf16, spanProblem, splitsSurrogatePair, trimSpan, utf16ToCodePoints } from '../../../shared/text/offsets';

// Text made of Han, astral Han (𠮷), emoji, ASCII, punctuation and line breaks.
const piece = fc.constantFrom('蔡', '奇', '区', '𠮷', '😀', 'a', '1', '，', '。', '“', '”', '\n', ' ', '\u3000');
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('offsets', () => {
  it('property: UTF-16 → code points → UTF-16 round-trips at every boundary that does not split a pair', () => {
    fc.assert(
      fc.property(text, (t) => {
        const boundaries = [...Array(t.length + 1).keys()].filter((o) => !splitsSurrogatePair(t, o));
        const cps = utf16ToCodePoints(t, boundaries);
        expect(codePointsToUtf16(t, cps)).toEqual(boundaries);
        expect(cps[cps.length - 1]).toBe([...t].length);
        cps.forEach((cp, i) => expect([...t.slice(0, boundaries[i])].length).toBe(cp));
      }),
    );
  });

  it('property: spanProblem accepts exactly the spans that a code-point slice can express', () => {
    fc.assert(
      fc.property(text, fc.nat(70), fc.nat(70), (t, a, b) => {
        const problem = spanProblem(t, a, b);
        const valid = a >= 0 && b > a && b <= t.length && !splitsSurrogatePair(t, a) && !splitsSurrogatePair(t, b);
        expect(problem === null).toBe(valid);
        if (valid) {
          const [s, e] = utf16ToCodePoints(t, [a, b]);
          expect([...t].slice(s, e).join('')).toBe(t.slice(a, b));
        }
      }),
    );
  });

  it('says what is wrong with a span, the first problem first', () => {
    expect(spanProblem('北京𠮷', -1, 0.5)).toBe('offsets must be integers');
    expect(spanProblem('北京𠮷', -1, 2)).toBe('start -1 is negative');
    expect(spanProblem('北京𠮷', 2, 2)).toBe('end 2 must be greater than start 2');
    expect(spanProblem('北京𠮷', 3, 9)).toBe('end 9 is past the end of the text (4)');
    expect(spanProblem('北京𠮷', 3, 4)).toBe('start 3 splits a surrogate pair');
    expect(spanProblem('北京𠮷', 0, 3)).toBe('end 3 splits a surrogate pair');
    expect(spanProblem('北京𠮷', 0, 4)).toBeNull();
  });

  it('property: overlapping and nested spans convert independently of order', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { maxLength: 10 }), (t, pairs) => {
        const offsets = pairs
          .flat()
          .map((o) => Math.min(o, t.length))
          .filter((o) => !splitsSurrogatePair(t, o));
        const together = utf16ToCodePoints(t, offsets);
        offsets.forEach((o, i) => expect(utf16ToCodePoints(t, [o])[0]).toBe(together[i]));
      }),
    );
  });

  it('property: texts with and without astral characters treat offsets outside the text alike', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 5 }), (t, beyond) => {
        const cpLength = [...t].length;
        expect(() => codePointsToUtf16(t, [0, cpLength + beyond])).toThrow(`code-point offset ${cpLength + beyond} is past the end`);
        expect(codePointsToUtf16(t, [-beyond, cpLength])).toEqual([0, t.length]);
        expect(utf16ToCodePoints(t, [-beyond, t.length])).toEqual([0, cpLength]);
      }),
    );
  });

  it('counts astral characters as one code point', () => {
    expect(codePointLength('𠮷野家')).toBe(3);
    expect(spanProblem('𠮷野家', 1, 3)).toMatch(/start 1 splits a surrogate pair/);
    expect(spanProblem('𠮷野家', 0, 2)).toBeNull();
  });

  it('trims whitespace and punctuation that a selection overshoots, but keeps paired quotes', () => {
    const t = '，蔡奇。 “四个意识”';
    expect(trimSpan(t, 0, 4)).toEqual({ start: 1, end: 3 });
    expect(trimSpan(t, 5, 11)).toEqual({ start: 5, end: 11 });
    expect(trimSpan(t, 0, 1)).toBeNull();
  });

  it('keeps a quote or bracket whose partner is selected, and drops one whose partner is not', () => {
    const cut = (text: string, selected: string) => {
      const start = text.indexOf(selected);
      const kept = trimSpan(text, start, start + selected.length);
      return kept && text.slice(kept.start, kept.end);
    };
    const t = '推进“3+1”主导功能建设，落实《北京城市总体规划（2016年—2035年）》。';
    expect(cut(t, '“3+1”主导功能')).toBe('“3+1”主导功能');
    expect(cut(t, '“3+1”主导功能建设，')).toBe('“3+1”主导功能建设');
    expect(cut(t, '3+1”主导功能')).toBe('3+1”主导功能');
    expect(cut(t, '”主导功能')).toBe('主导功能');
    expect(cut(t, '进“3+1')).toBe('进“3+1');
    expect(cut(t, '“3+1')).toBe('3+1');
    expect(cut(t, '《北京城市总体规划（2016年—2035年）》。')).toBe('《北京城市总体规划（2016年—2035年）》');
    expect(cut(t, '《北京城市总体规划（2016年')).toBe('北京城市总体规划（2016年');
    expect(cut(t, '（2016年—2035年）》')).toBe('（2016年—2035年）');
    expect(cut(t, '，落实《')).toBe('落实');
    expect(cut('他说"两个维护"。', '"两个维护"。')).toBe('"两个维护"');
    expect(cut('他说"两个维护"。', '两个维护"。')).toBe('两个维护');
    expect(cut('“”', '“”')).toBeNull();
  });

  describe('trimming, for any text and selection', () => {
    const marks = ['“', '”', '‘', '’', '「', '」', '《', '》', '（', '）', '(', ')', '【', '】', '"', '，', '。', ' ', '\u3000', '甲', '乙', '四', '个'];
    const text = fc.array(fc.constantFrom(...marks), { maxLength: 24 }).map((cs) => cs.join(''));
    const selection = text.chain((t) =>
      fc.tuple(fc.constant(t), fc.nat(t.length), fc.nat(t.length)).map(([, a, b]) => ({ t, start: Math.min(a, b), end: Math.max(a, b) })),
    );
    const OPEN_CLOSE = [
      ['“', '”'],
      ['‘', '’'],
      ['「', '」'],
      ['《', '》'],
      ['（', '）'],
      ['(', ')'],
      ['【', '】'],
    ];
    const balanced = (s: string) =>
      OPEN_CLOSE.every(([open, close]) => {
        let depth = 0;
        for (const c of s) {
          depth += c === open ? 1 : c === close ? -1 : 0;
          if (depth < 0) return false;
        }
        return depth === 0;
      }) && [...s].filter((c) => c === '"').length % 2 === 0;

    it('stays inside the selection, drops only punctuation and spaces, and is stable', () => {
      fc.assert(
        fc.property(selection, ({ t, start, end }) => {
          const kept = trimSpan(t, start, end);
          if (!kept) return;
          expect(kept.start).toBeGreaterThanOrEqual(start);
          expect(kept.end).toBeLessThanOrEqual(end);
          const dropped = t.slice(start, kept.start) + t.slice(kept.end, end);
          expect([...dropped].every((c) => !'甲乙四个'.includes(c))).toBe(true);
          expect(trimSpan(t, kept.start, kept.end)).toEqual(kept);
        }),
      );
    });

    it('never leaves half of a pair that was whole in the selection', () => {
      fc.assert(
        fc.property(selection, ({ t, start, end }) => {
          fc.pre(balanced(t.slice(start, end)));
          const kept = trimSpan(t, start, end);
          if (kept) expect(balanced(t.slice(kept.start, kept.end))).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
