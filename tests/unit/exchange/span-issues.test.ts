// The report's list of dropped and adjusted spans: exactly the spans a format did not write as
// annotated, with their text, capped with the rest counted; and its CSV.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../shared/api/export';
import { exportToStrings, spanIssuesCsv, SPAN_ISSUE_TEXT_MAX } from '../../../shared/exchange';
import { ctx, doc, LABELS, span } from './fixtures';

const TEXT_UNITS = ['王', '明', '远', '\n', ' ', '𠮷', '。', '“', '”', '区'];

const docWithSpans = fc
  .array(fc.constantFrom(...TEXT_UNITS), { minLength: 1, maxLength: 40 })
  .chain((units) => {
    const text = units.join('');
    const edges = fc.integer({ min: 0, max: text.length });
    const spanArb = fc.tuple(edges, edges, fc.constantFrom(...LABELS)).filter(([a, b]) => a !== b);
    return fc.tuple(fc.constant(text), fc.array(spanArb, { maxLength: 12 }));
  })
  .map(([text, raw]) => {
    // Whole code points only: a span never splits a surrogate pair.
    const whole = (u: number) => (u > 0 && u < text.length && /[\uDC00-\uDFFF]/.test(text[u]!) ? u - 1 : u);
    const spans = raw.map(([a, b, label], i) => span(i + 1, whole(Math.min(a, b)), whole(Math.max(a, b)), label)).filter((s) => s.start < s.end);
    return doc(7, text, spans);
  });

describe('the dropped and adjusted span list', () => {
  it('lists exactly the spans each format counts as dropped or adjusted, with their own text', () => {
    fc.assert(
      fc.property(docWithSpans, fc.constantFrom(...EXPORT_FORMATS), (d, format) => {
        const { dropped, adjusted, issues, issuesMore } = exportToStrings(format, [d], ctx());
        const count = (list: { count: number }[]) => list.reduce((n, x) => n + x.count, 0);
        expect(issuesMore).toBe(0);
        expect(issues.filter((i) => i.kind === 'dropped')).toHaveLength(count(dropped));
        expect(issues.filter((i) => i.kind === 'adjusted')).toHaveLength(count(adjusted));
        // A span is dropped at most once.
        const droppedIds = issues.filter((i) => i.kind === 'dropped').map((i) => i.spanId);
        expect(new Set(droppedIds).size).toBe(droppedIds.length);
        for (const issue of issues) {
          const s = d.spans.find((x) => x.id === issue.spanId)!;
          expect(issue).toMatchObject({
            documentId: 7,
            title: d.metadata.title,
            label: s.label,
            start: s.start,
            end: s.end,
            text: d.text.slice(s.start, s.end),
          });
          expect(dropped.some((x) => x.reason === issue.reason) || adjusted.some((x) => x.reason === issue.reason)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('holds at most the cap and counts the rest', () => {
    // Ten copies of one span in each document: BIO keeps one and drops nine.
    const docs = Array.from({ length: 5 }, (_, d) =>
      doc(
        d + 1,
        '区委书记王明远调研。',
        Array.from({ length: 10 }, (_, i) => span(d * 100 + i, 4, 7, 'PERSON')),
      ),
    );
    const { issues, issuesMore, dropped } = exportToStrings('conll-bio', docs, ctx(), 20);
    expect(dropped).toEqual([{ reason: 'overlap', count: 45 }]);
    expect(issues).toHaveLength(20);
    expect(issuesMore).toBe(25);
    expect(issues.map((i) => i.documentId)).toEqual([...Array(9).fill(1), ...Array(9).fill(2), 3, 3]);
  });

  it('shortens a long span’s text without cutting a character in two', () => {
    const text = `${'区'.repeat(SPAN_ISSUE_TEXT_MAX - 1)}𠮷${'区'.repeat(50)}`;
    const { issues } = exportToStrings('conll-bio', [doc(1, text, [span(1, 0, text.length, 'SLOGAN'), span(2, 0, text.length, 'SLOGAN')])], ctx());
    expect(issues).toHaveLength(1);
    expect(issues[0].text).toBe(`${'区'.repeat(SPAN_ISSUE_TEXT_MAX - 1)}…`);
  });

  it('writes CSV a spreadsheet reads as text', () => {
    const csv = spanIssuesCsv([
      { kind: 'dropped', reason: 'overlap', documentId: 3, title: '标题, "引号"', spanId: 9, label: 'PERSON', start: 1, end: 4, text: '=1+2\n王' },
    ]);
    expect(csv).toBe('kind,reason,document_id,title,span_id,label,start,end,text\r\ndropped,overlap,3,"标题, ""引号""",9,PERSON,1,4,"\'=1+2\n王"\r\n');
  });
});
