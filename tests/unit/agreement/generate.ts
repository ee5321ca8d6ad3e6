// Seeded random corpora of coders' spans for the agreement tests.
import type { SpanColumns } from '../../../shared/agreement';
import { random } from '../../../bench/corpus/rng';

export { random };

export interface TestSpan {
  doc: number;
  start: number;
  end: number;
  label: number;
  coder: number;
}

/**
 * Documents with spans by several coders: a shared set of "true" mentions that each coder keeps,
 * shifts, relabels or drops, plus coder-only spans, so agreement is neither perfect nor chance.
 * Spans of one coder may overlap and nest.
 */
export function randomCorpus(rnd: () => number, o: { coders: number; labels: number; documents: number; maxLength: number }) {
  const documents = Array.from({ length: o.documents }, (_, i) => ({ id: 10 + i * 3, length: 20 + Math.floor(rnd() * (o.maxLength - 20)) }));
  const spans: TestSpan[] = [];
  const int = (n: number) => Math.floor(rnd() * n);
  for (const doc of documents) {
    const truths = Array.from({ length: 1 + int(doc.length / 12) }, () => {
      const start = int(doc.length - 1);
      return { start, end: Math.min(doc.length, start + 1 + int(8)), label: int(o.labels) };
    });
    for (let c = 0; c < o.coders; c++) {
      const seen = new Set<string>();
      const add = (s: Omit<TestSpan, 'doc' | 'coder'>) => {
        const key = `${s.start}:${s.end}:${s.label}`;
        if (s.end > s.start && !seen.has(key)) {
          seen.add(key);
          spans.push({ doc: doc.id, coder: c, ...s });
        }
      };
      for (const t of truths) {
        const r = rnd();
        if (r < 0.55) add(t);
        else if (r < 0.7) add({ ...t, start: Math.max(0, t.start - int(3)), end: Math.min(doc.length, t.end + int(3)) });
        else if (r < 0.85) add({ ...t, label: int(o.labels) });
      }
      for (let k = int(3); k > 0; k--) {
        const start = int(doc.length - 1);
        add({ start, end: Math.min(doc.length, start + 1 + int(6)), label: int(o.labels) });
      }
    }
  }
  // Shuffled, so grouping and ordering inside computeAgreement is exercised too.
  for (let i = spans.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [spans[i], spans[j]] = [spans[j], spans[i]];
  }
  return { coders: o.coders, documents, spans };
}

export function columns(spans: TestSpan[]): SpanColumns {
  return {
    count: spans.length,
    doc: Int32Array.from(spans, (s) => s.doc),
    start: Int32Array.from(spans, (s) => s.start),
    end: Int32Array.from(spans, (s) => s.end),
    label: Int32Array.from(spans, (s) => s.label),
    coder: Int32Array.from(spans, (s) => s.coder),
  };
}
