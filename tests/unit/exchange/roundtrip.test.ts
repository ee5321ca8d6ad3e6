// Property tests: random documents (Han, astral characters, ASCII, line breaks, punctuation)
// with random spans → export → parseExchange → the same text and spans.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ExportFormat } from '../../../shared/api/export';
import { exportToStrings, parseExchange, type ExportDocument } from '../../../shared/exchange';
import { WHITESPACE } from '../../../shared/exchange/common';
import { ctx, docsArb, triples } from './fixtures';

const RUNS = { numRuns: 150 };

function roundTrip(format: ExportFormat, docs: ExportDocument[]) {
  const { files, dropped, adjusted } = exportToStrings(format, docs, ctx());
  const parsed = parseExchange(
    format,
    [...files].map(([name, text]) => ({ name: name || 'export', text })),
  );
  return { ...parsed, dropped, adjusted };
}

const attributesOf = (spans: { start: number; end: number; label: string; attributes?: Record<string, string> }[]) =>
  spans.map((s) => `${s.start}:${s.end}:${s.label}:${JSON.stringify(Object.entries(s.attributes ?? {}).sort())}`).sort();

describe.each(['biaozhu-jsonl', 'doccano-jsonl', 'cluener', 'label-studio'] as const)('%s round trip', (format) => {
  const withAttributes = format === 'biaozhu-jsonl' || format === 'label-studio';
  test('overlapping spans come back identical', () => {
    fc.assert(
      fc.property(docsArb({ attributes: withAttributes }), (docs) => {
        const { drafts, problems, dropped } = roundTrip(format, docs);
        expect(problems).toEqual([]);
        expect(dropped).toEqual([]);
        expect(drafts.map((d) => d.text)).toEqual(docs.map((d) => d.text));
        drafts.forEach((draft, i) => {
          expect(triples(draft.spans)).toEqual(triples(docs[i].spans));
          if (withAttributes) expect(attributesOf(draft.spans)).toEqual(attributesOf(docs[i].spans));
          if (format === 'biaozhu-jsonl') {
            expect(draft.metadata).toEqual(docs[i].metadata);
            expect(draft.spans.every((s) => s.annotator === 'lin')).toBe(true);
          }
        });
      }),
      RUNS,
    );
  });
});

const BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

describe('brat round trip', () => {
  test('spans, fragments and attributes come back; line breaks at span edges are trimmed', () => {
    fc.assert(
      fc.property(docsArb({ attributes: true }), (docs) => {
        const { drafts, problems, dropped, adjusted } = roundTrip('brat', docs);
        expect(problems).toEqual([]);
        expect(drafts.map((d) => d.text)).toEqual(docs.map((d) => d.text));
        let trimmed = 0;
        let only = 0;
        drafts.forEach((draft, i) => {
          const text = docs[i].text;
          const expected = docs[i].spans.flatMap((s) => {
            let { start, end } = s;
            while (start < end && BREAK.test(text[start])) start++;
            while (end > start && BREAK.test(text[end - 1])) end--;
            if (start === end) return (only++, []);
            if (start !== s.start || end !== s.end) trimmed++;
            return [{ ...s, start, end }];
          });
          expect(triples(draft.spans)).toEqual(triples(expected));
          expect(attributesOf(draft.spans)).toEqual(attributesOf(expected));
        });
        const count = (list: typeof dropped, reason: string) => list.find((d) => d.reason === reason)?.count ?? 0;
        expect([count(adjusted, 'line-break-trimmed'), count(dropped, 'line-break-only')]).toEqual([trimmed, only]);
      }),
      RUNS,
    );
  });
});

/** Index among non-whitespace code points: what survives in CoNLL. */
function visibleIndex(text: string, skip: RegExp) {
  const index: number[] = [];
  let n = 0;
  let u = 0;
  for (const c of text) {
    index[u] = n;
    if (!skip.test(c)) n++;
    u += c.length;
  }
  index[u] = n;
  return index;
}

const visibleSpans = (text: string, spans: { start: number; end: number; label: string }[], skip: RegExp) => {
  const index = visibleIndex(text, skip);
  return triples(spans.map((s) => ({ start: index[s.start], end: index[s.end], label: s.label })));
};

describe.each(['conll-bio', 'conll-bioes'] as const)('%s round trip', (format) => {
  test('non-overlapping spans come back on the same characters; whitespace is not kept', () => {
    fc.assert(
      fc.property(docsArb(), (raw) => {
        // Keep non-overlapping spans that start and end on visible characters.
        const docs = raw.map((d) => {
          const kept: typeof d.spans = [];
          for (const s of [...d.spans].sort((a, b) => a.start - b.start)) {
            const edgesVisible = !WHITESPACE.test(d.text[s.start]) && !WHITESPACE.test(d.text[s.end - 1]);
            if (edgesVisible && kept.every((k) => k.end <= s.start || k.start >= s.end)) kept.push(s);
          }
          return { ...d, spans: kept };
        });
        const { drafts, problems, dropped } = roundTrip(format, docs);
        expect(problems).toEqual([]);
        expect(dropped).toEqual([]);
        expect(drafts).toHaveLength(docs.length);
        drafts.forEach((draft, i) => {
          const visible = [...docs[i].text].filter((c) => !WHITESPACE.test(c)).join('');
          expect(draft.text.replace(/\n/g, '')).toBe(visible);
          expect(visibleSpans(draft.text, draft.spans, /\n/)).toEqual(visibleSpans(docs[i].text, docs[i].spans, WHITESPACE));
        });
      }),
      RUNS,
    );
  });

  test('overlapping spans: what is kept never overlaps, and every other span is reported', () => {
    fc.assert(
      fc.property(docsArb(), (docs) => {
        const { drafts, dropped } = roundTrip(format, docs);
        const lost = dropped.reduce((n, d) => n + d.count, 0);
        const kept = drafts.reduce((n, d) => n + d.spans.length, 0);
        expect(kept + lost).toBe(docs.reduce((n, d) => n + d.spans.length, 0));
        for (const draft of drafts) {
          const sorted = [...draft.spans].sort((a, b) => a.start - b.start);
          sorted.slice(1).forEach((s, i) => expect(s.start).toBeGreaterThanOrEqual(sorted[i].end));
        }
      }),
      RUNS,
    );
  });
});
