// The relation picker's choices (#23): the number keys go to the nearest allowed spans in text
// order, the arrows walk the allowed spans from the source outward and stop at the ends, and the
// types of a label pair are offered forward first, then reversed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RelationType } from '../../../shared/api/entities';
import { nearestNumbered, partnerKeys, stepTarget, typesBetween } from '../../../renderer/src/entities/relationTargets';

const type = (id: number, key: string, from: string, to: string): RelationType => ({ id, key, name: key, fromLabelKey: from, toLabelKey: to, relations: 0 });
const DEFAULTS = [
  type(1, '提出', 'PERSON', 'SLOGAN'),
  type(2, '调研', 'PERSON', 'PROJECT'),
  type(3, '部署', 'PERSON', 'TARGET'),
  type(4, '属于', 'PROJECT', 'TARGET'),
];

const place = fc.record({ start: fc.nat(100_000), length: fc.integer({ min: 1, max: 40 }) });
const places = fc
  .array(place, { minLength: 1, maxLength: 60 })
  .map((list) =>
    list.map((p, i) => ({ id: i + 1, start: p.start, end: p.start + p.length })).sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id),
  );

describe('relation targets', () => {
  it('offers the types of a label pair forward first, then reversed', () => {
    expect(typesBetween(DEFAULTS, 'PERSON', 'SLOGAN')).toEqual([{ type: DEFAULTS[0], reversed: false }]);
    expect(typesBetween(DEFAULTS, 'SLOGAN', 'PERSON')).toEqual([{ type: DEFAULTS[0], reversed: true }]);
    expect(typesBetween(DEFAULTS, 'SLOGAN', 'PROJECT')).toEqual([]);
    expect([...partnerKeys(DEFAULTS, 'PROJECT')].sort()).toEqual(['PERSON', 'TARGET']);
    expect([...partnerKeys(DEFAULTS, 'SLOGAN')]).toEqual(['PERSON']);
  });

  it('property: the numbered spans are the nearest ones by start, in text order', () => {
    fc.assert(
      fc.property(places, fc.nat(100_000), fc.integer({ min: 1, max: 9 }), (allowed, at, count) => {
        const from = { id: 0, start: at, end: at + 2 };
        const numbered = nearestNumbered(allowed, from, count);
        expect(numbered.length).toBe(Math.min(count, allowed.length));
        for (let i = 1; i < numbered.length; i++) expect(numbered[i - 1].start).toBeLessThanOrEqual(numbered[i].start);
        // No span left out is nearer than a span numbered.
        const farthest = Math.max(...numbered.map((s) => Math.abs(s.start - at)));
        const chosen = new Set(numbered.map((s) => s.id));
        for (const s of allowed) if (!chosen.has(s.id)) expect(Math.abs(s.start - at)).toBeGreaterThanOrEqual(farthest);
      }),
    );
  });

  it('property: the arrows start beside the source, step one span at a time and stop at the ends', () => {
    fc.assert(
      fc.property(places, fc.nat(100_000), fc.array(fc.constantFrom<1 | -1>(1, -1), { maxLength: 30 }), (allowed, at, moves) => {
        const from = { id: 0, start: at, end: at + 2 };
        let cursor: number | null = null;
        for (const dir of moves) {
          const next: number = stepTarget(allowed, from, cursor, dir)!;
          expect(next).toBeGreaterThanOrEqual(0);
          expect(next).toBeLessThan(allowed.length);
          if (cursor === null) {
            // → lands on the first span starting at or after the source, ← on the last before it (or the nearest end).
            const after = allowed.filter((s) => s.start >= at);
            const before = allowed.filter((s) => s.start < at);
            if (dir > 0) expect(allowed[next]).toBe(after[0] ?? allowed.at(-1));
            else expect(allowed[next]).toBe(before.at(-1) ?? allowed[0]);
          } else {
            expect(next).toBe(Math.max(0, Math.min(allowed.length - 1, cursor + dir)));
          }
          cursor = next;
        }
      }),
    );
  });
});
