// computeAgreement on hand-made documents whose spans, matches and disagreements can be counted
// by eye, and properties over random corpora (coder order, bad offsets, the corpus continuum).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeAgreement, AgreementInputError, unitizingDisagreement, alphaU, mergeOverlapping } from '../../../shared/agreement';
import { columns, random, randomCorpus, type TestSpan } from './generate';

const PERSON = 0;
const SLOGAN = 1;
const span = (doc: number, coder: number, start: number, end: number, label: number): TestSpan => ({ doc, coder, start, end, label });

describe('two coders on one document', () => {
  // A: [0,4) PERSON, [10,14) SLOGAN;  B: [0,4) PERSON, [11,14) SLOGAN, [16,18) PERSON
  const spans = [span(1, 0, 0, 4, PERSON), span(1, 0, 10, 14, SLOGAN), span(1, 1, 0, 4, PERSON), span(1, 1, 11, 14, SLOGAN), span(1, 1, 16, 18, PERSON)];
  const result = computeAgreement({
    coders: ['A', 'B'],
    labels: ['PERSON', 'SLOGAN'],
    documents: [{ id: 1, length: 20, title: 'doc' }],
    spans: columns(spans),
  });

  test('exact match: one of A’s two spans, one of B’s three', () => {
    const { exact } = result.pairs[0];
    expect(exact).toMatchObject({ reference: 2, other: 3, matchedReference: 1, matchedOther: 1, precision: 1 / 3, recall: 1 / 2 });
    expect(exact.f1).toBeCloseTo(0.4, 12);
    expect(result.overall.f1Exact).toBeCloseTo(0.4, 12);
  });

  test('overlap match: both of A’s spans, two of B’s three', () => {
    const { overlap } = result.pairs[0];
    expect(overlap).toMatchObject({ matchedReference: 2, matchedOther: 2, precision: 2 / 3, recall: 1 });
    expect(overlap.f1).toBeCloseTo(0.8, 12);
    expect(result.byLabel[SLOGAN].f1Exact).toBe(0);
    expect(result.byLabel[SLOGAN].f1Overlap).toBe(1);
    expect(result.byLabel[PERSON].spans).toEqual([1, 2]);
  });

  test('confusion: PERSON with PERSON, SLOGAN with SLOGAN, one PERSON of B over nothing of A', () => {
    expect(result.confusion.labels).toEqual(['PERSON', 'SLOGAN', null]);
    expect(result.confusion.counts).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
  });

  test('disagreements: character 10 and characters 16–17, with each coder’s category', () => {
    expect(result.characters).toBe(20);
    expect(result.disagreements).toEqual([
      {
        id: 1,
        title: 'doc',
        characters: 20,
        disagreeing: 3,
        moreSegments: 0,
        segments: [
          { start: 10, end: 11, categories: ['SLOGAN', null] },
          { start: 16, end: 18, categories: [null, 'PERSON'] },
        ],
      },
    ]);
    expect(result.perDocument[0]).toMatchObject({ id: 1, characters: 20, disagreeing: 3 });
  });

  test('κ by hand: 17 of 20 characters agree', () => {
    // A: PERSON 4, SLOGAN 4, none 12; B: PERSON 6, SLOGAN 3, none 11.
    const pe = (4 * 6 + 4 * 3 + 12 * 11) / 400;
    expect(result.overall.kappa).toBeCloseTo((17 / 20 - pe) / (1 - pe), 12);
    expect(result.overall.kappaKind).toBe('cohen');
  });
});

test('overlapping spans of different labels: the one starting first wins the character, then the longest', () => {
  const spans = [span(1, 0, 2, 6, SLOGAN), span(1, 0, 0, 4, PERSON), span(1, 1, 0, 6, SLOGAN), span(1, 1, 0, 6, PERSON)];
  const result = computeAgreement({
    coders: ['A', 'B'],
    labels: ['PERSON', 'SLOGAN'],
    documents: [{ id: 1, length: 6 }],
    spans: columns(spans),
    segmentsPerDocument: 10,
  });
  // A: PPPPSS; B: equal spans, PERSON is the earlier label: PPPPPP.
  expect(result.disagreements[0].segments).toEqual([{ start: 4, end: 6, categories: ['SLOGAN', 'PERSON'] }]);
});

test('documents are ranked by their share of disagreeing characters, and the list is cut', () => {
  const docs = [
    { id: 1, length: 100 },
    { id: 2, length: 10 },
    { id: 3, length: 50 },
  ];
  const spans = [span(1, 0, 0, 5, 0), span(2, 1, 0, 5, 0), span(3, 0, 0, 5, 0), span(3, 1, 20, 30, 0)];
  const result = computeAgreement({ coders: ['A', 'B'], labels: ['X'], documents: docs, spans: columns(spans), disagreementDocuments: 2 });
  expect(result.disagreements.map((d) => d.id)).toEqual([2, 3]);
  expect(result.perDocument.map((d) => d.disagreeing)).toEqual([5, 5, 15]);
});

test('bad input: spans outside their document are skipped and counted; one coder is refused', () => {
  const spans = [span(1, 0, 0, 5, 0), span(1, 1, 8, 12, 0), span(1, 1, -1, 2, 0), span(1, 1, 0, 2, 7), span(99, 0, 0, 2, 0)];
  const result = computeAgreement({ coders: ['A', 'B'], labels: ['X'], documents: [{ id: 1, length: 10 }], spans: columns(spans) });
  expect(result.skippedSpans).toBe(3);
  expect(result.byLabel[0].spans).toEqual([1, 0]);
  expect(() => computeAgreement({ coders: ['A'], labels: ['X'], documents: [], spans: columns([]) })).toThrow(AgreementInputError);
});

test('no documents: every figure is null, nothing crashes', () => {
  const result = computeAgreement({ coders: ['A', 'B'], labels: ['X'], documents: [], spans: columns([]) });
  expect(result.overall).toMatchObject({ kappa: null, alpha: null, alphaU: null, f1Exact: null, f1Overlap: null });
});

const corpusArb = fc
  .record({ seed: fc.integer(), coders: fc.integer({ min: 2, max: 4 }) })
  .map(({ seed, coders }) => randomCorpus(random(seed), { coders, labels: 3, documents: 3, maxLength: 80 }));

test('swapping coders changes no symmetric figure (property)', () => {
  fc.assert(
    fc.property(corpusArb, (corpus) => {
      const names = Array.from({ length: corpus.coders }, (_, c) => `c${c}`);
      const input = { coders: names, labels: ['A', 'B', 'C'], documents: corpus.documents };
      const a = computeAgreement({ ...input, spans: columns(corpus.spans) });
      const reversed = corpus.spans.map((s) => ({ ...s, coder: corpus.coders - 1 - s.coder }));
      const b = computeAgreement({ ...input, coders: [...names].reverse(), spans: columns(reversed) });
      for (const key of ['kappa', 'alpha', 'alphaU', 'f1Exact', 'f1Overlap'] as const) {
        const x = a.overall[key];
        const y = b.overall[key];
        if (x === null || y === null) expect(x).toBe(y);
        else expect(Math.abs(x - y)).toBeLessThan(1e-9);
      }
      expect(b.confusion.counts.flat().reduce((s, n) => s + n, 0)).toBe(a.confusion.counts.flat().reduce((s, n) => s + n, 0));
    }),
    { numRuns: 100 },
  );
});

test('corpus α_U is α_U of the documents laid end to end (property)', () => {
  fc.assert(
    fc.property(corpusArb, (corpus) => {
      const result = computeAgreement({
        coders: Array.from({ length: corpus.coders }, (_, c) => `c${c}`),
        labels: ['A', 'B', 'C'],
        documents: corpus.documents,
        spans: columns(corpus.spans),
      });
      const offsets = new Map<number, number>();
      let total = 0;
      for (const d of corpus.documents) {
        offsets.set(d.id, total);
        total += d.length;
      }
      const parts = [0, 1, 2].map((label) =>
        unitizingDisagreement(
          total,
          Array.from({ length: corpus.coders }, (_, c) => {
            const mine = corpus.spans
              .filter((s) => s.label === label && s.coder === c)
              .map((s) => [offsets.get(s.doc)! + s.start, offsets.get(s.doc)! + s.end])
              .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
            return mergeOverlapping(
              mine.map((s) => s[0]),
              mine.map((s) => s[1]),
            );
          }),
        ),
      );
      const expected = alphaU(parts);
      if (expected === null) expect(result.overall.alphaU).toBeNull();
      else expect(Math.abs((result.overall.alphaU as number) - expected)).toBeLessThan(1e-9);
    }),
    { numRuns: 100 },
  );
});

/** Naive span matching: every span against every span. */
function naiveMatches(spans: TestSpan[], reference: number, other: number, overlap: boolean) {
  const ofCoder = (c: number) => spans.filter((s) => s.coder === c);
  const matches = (a: TestSpan, b: TestSpan) =>
    a.doc === b.doc && a.label === b.label && (overlap ? a.start < b.end && b.start < a.end : a.start === b.start && a.end === b.end);
  const r = ofCoder(reference);
  const o = ofCoder(other);
  return {
    reference: r.length,
    other: o.length,
    matchedReference: r.filter((a) => o.some((b) => matches(a, b))).length,
    matchedOther: o.filter((b) => r.some((a) => matches(a, b))).length,
  };
}

test('span matches, confusion and disagreeing characters equal a naive count (property)', () => {
  fc.assert(
    fc.property(corpusArb, (corpus) => {
      const result = computeAgreement({
        coders: Array.from({ length: corpus.coders }, (_, c) => `c${c}`),
        labels: ['A', 'B', 'C'],
        documents: corpus.documents,
        spans: columns(corpus.spans),
        segmentsPerDocument: 1000,
      });
      let p = 0;
      let confusionTotal = 0;
      for (let a = 0; a < corpus.coders; a++) {
        for (let b = a + 1; b < corpus.coders; b++, p++) {
          expect(result.pairs[p].exact).toMatchObject(naiveMatches(corpus.spans, a, b, false));
          expect(result.pairs[p].overlap).toMatchObject(naiveMatches(corpus.spans, a, b, true));
          const ra = corpus.spans.filter((s) => s.coder === a);
          const rb = corpus.spans.filter((s) => s.coder === b);
          const hits = (x: TestSpan, y: TestSpan) => x.doc === y.doc && x.start < y.end && y.start < x.end;
          confusionTotal += ra.reduce((n, x) => n + Math.max(1, rb.filter((y) => hits(x, y)).length), 0) + rb.filter((y) => !ra.some((x) => hits(x, y))).length;
        }
      }
      expect(result.confusion.counts.flat().reduce((s, n) => s + n, 0)).toBe(confusionTotal);
      for (const doc of result.perDocument) {
        const segments = result.disagreements.find((d) => d.id === doc.id)?.segments ?? [];
        expect(segments.reduce((n, s) => n + s.end - s.start, 0)).toBe(doc.disagreeing);
        for (const s of segments) expect(new Set(s.categories).size).toBeGreaterThan(1);
      }
    }),
    { numRuns: 100 },
  );
});
