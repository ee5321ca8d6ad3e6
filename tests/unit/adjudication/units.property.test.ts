// Disagreement units on random coder span sets: every character where the coders' labels differ
// lies in exactly one unit, units are disjoint and in text order, each unit holds at least one
// span not every coder has, and spans all coders share never make a unit.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { agreedSpans, disagreementUnits, spanKey, type CoderSpans, type UnitSpan } from '../../../electron/services/adjudication/units';

const LENGTH = 40;
const spanArb: fc.Arbitrary<UnitSpan> = fc
  .tuple(fc.integer({ min: 0, max: LENGTH - 1 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3 }))
  .map(([start, length, labelId]) => ({ start, end: Math.min(LENGTH, start + length), labelId }));

// Spans shared by every coder plus each coder's own: agreement is common, as in real data.
const codersArb = fc
  .tuple(fc.integer({ min: 2, max: 4 }), fc.array(spanArb, { maxLength: 6 }))
  .chain(([n, shared]) =>
    fc
      .array(fc.array(spanArb, { maxLength: 6 }), { minLength: n, maxLength: n })
      .map((own) => own.map((spans, i): CoderSpans => ({ coder: `c${i}`, spans: [...shared, ...spans] }))),
  );

/** The labels covering a character in one coder's spans, as a comparable key. */
const labelsAt = (spans: readonly UnitSpan[], at: number): string =>
  [...new Set(spans.filter((s) => s.start <= at && at < s.end).map((s) => s.labelId))].sort().join(',');

describe('disagreementUnits', () => {
  test('every differing character is in exactly one unit; units are disjoint, ordered and never agreed-only', () => {
    fc.assert(
      fc.property(codersArb, (coders) => {
        const units = disagreementUnits(coders);
        const agreed = new Set(agreedSpans(coders).map(spanKey));
        for (let i = 1; i < units.length; i++) expect(units[i].start).toBeGreaterThanOrEqual(units[i - 1].end);
        for (const unit of units) {
          const spans = unit.spans.flat();
          expect(spans.length).toBeGreaterThan(0);
          expect(spans.every((s) => !agreed.has(spanKey(s)))).toBe(true);
          expect(Math.min(...spans.map((s) => s.start))).toBe(unit.start);
          expect(Math.max(...spans.map((s) => s.end))).toBe(unit.end);
        }
        for (let at = 0; at < LENGTH; at++) {
          const differ = new Set(coders.map((c) => labelsAt(c.spans, at))).size > 1;
          const holding = units.filter((u) => u.start <= at && at < u.end).length;
          if (differ) expect(holding).toBe(1);
          expect(holding).toBeLessThanOrEqual(1);
        }
        // Every span a coder has that not all have is shown in exactly one unit, under that coder.
        coders.forEach((c, i) => {
          const notAgreed = new Set(c.spans.map(spanKey).filter((k) => !agreed.has(k)));
          const shown = units.flatMap((u) => u.spans[i].map(spanKey));
          expect(shown.sort()).toEqual([...notAgreed].sort());
        });
      }),
      { numRuns: 300 },
    );
  });

  test('coders with the same spans (in any order, repeated) have no unit', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 10 }), fc.integer({ min: 2, max: 5 }), (spans, n) => {
        const coders = Array.from({ length: n }, (_, i) => ({ coder: `c${i}`, spans: i % 2 ? [...spans].reverse() : [...spans, ...spans] }));
        expect(disagreementUnits(coders)).toEqual([]);
      }),
    );
  });
});
