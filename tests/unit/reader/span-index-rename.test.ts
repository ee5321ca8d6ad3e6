// SpanIndex.rename gives a span created in the editor its server id without rebuilding paragraphs
// (#19): afterwards the index must be exactly what building it with the server id would give, and
// every unit whose drawing changes beyond the id (a lane moved) must be reported for re-rendering.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { SpanIndex } from '../../../renderer/src/reader/spanIndex';
import { buildTextModel } from '../../../renderer/src/reader/textModel';

const TEXT = ['区委书记张延昆到温榆河公园调研。', '', '会议指出，力争到2025年底完成老旧小区综合整治120个。', '新增绿地面积50公顷。'].join('\n');
const model = buildTextModel(TEXT);

const span = (id: number, start: number, end: number): Annotation => ({
  id,
  documentId: 1,
  start,
  end,
  labelId: 1,
  annotator: 'a',
  origin: 'manual',
  reviewState: 'pending',
  attributes: {},
  note: '',
  createdAt: '',
  updatedAt: '',
});

/** What the reader draws from the index, with the span's id mapped so before and after compare. */
function drawing(index: SpanIndex, rename: (id: number) => number = (id) => id) {
  return model.units.map((_, u) =>
    index.segments(u).map((s) => ({ start: s.start, end: s.end, spans: s.ids.map((id) => `${rename(id)}@${index.lane(id)}`).sort() })),
  );
}

const ranges = fc.array(
  fc
    .integer({ min: 0, max: TEXT.length - 1 })
    .chain((start) => fc.integer({ min: start + 1, max: Math.min(TEXT.length, start + 40) }).map((end) => [start, end] as const)),
  { minLength: 1, maxLength: 25 },
);

it('property: a renamed index equals one built with the new id, and only units whose lanes moved are re-rendered', () => {
  fc.assert(
    fc.property(ranges, fc.nat(), fc.integer({ min: 1, max: 2000 }), fc.boolean(), (pairs, pick, serverId, onTheSameCharacters) => {
      // Spans from the server have positive ids; the one created here has a temporary negative id.
      // Often it lies on exactly the characters of another span, where ids decide the order.
      const spans = pairs.map(([s, e], i) => span(1001 + i, s, e));
      const created = spans[pick % spans.length];
      const twin = spans[(pick + 1) % spans.length];
      const temp = onTheSameCharacters ? { ...created, id: -1, start: twin.start, end: twin.end } : { ...created, id: -1 };
      const others = spans.filter((s) => s !== created);
      fc.pre(!others.some((s) => s.id === serverId)); // the server's id is new (a span it had already is the session's business)
      const index = new SpanIndex(model, [...others]);
      index.apply([{ after: temp }]);
      const before = drawing(index, (id) => (id === -1 ? serverId : id));

      const renamed = { ...temp, id: serverId };
      const dirty = index.rename(-1, renamed);

      const fresh = new SpanIndex(model, [...others, renamed]);
      expect(drawing(index)).toEqual(drawing(fresh));
      expect(index.ordered().map((s) => s.id)).toEqual(fresh.ordered().map((s) => s.id));
      const after = drawing(index);
      after.forEach((segments, u) => {
        if (JSON.stringify(segments) !== JSON.stringify(before[u])) expect(dirty.has(u)).toBe(true);
      });
    }),
    { numRuns: 300 },
  );
});

it('keeps a span on the same characters as another in its order when the new id sorts differently', () => {
  const index = new SpanIndex(model, [span(5, 4, 7)]);
  index.apply([{ after: span(-1, 4, 7) }]);
  // -1 sorted before 5; 9 sorts after it, so the two swap lanes and both are redrawn.
  const dirty = index.rename(-1, span(9, 4, 7));
  expect(index.ordered().map((s) => s.id)).toEqual([5, 9]);
  expect(index.lane(5)).toBe(0);
  expect(index.lane(9)).toBe(1);
  expect(dirty.size).toBeGreaterThan(0);
});
