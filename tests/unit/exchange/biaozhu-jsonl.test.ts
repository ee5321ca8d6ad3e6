import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportToStrings, parseExchange, type ExportDocument } from '../../../shared/exchange';
import { utf16ToCodePoints } from '../../../shared/text/offsets';
import { at, ctx, cpSlice, demoDoc, doc, docArb, span } from './fixtures';

/** The format's definition: the line is JSON.stringify of this record. */
function record(d: ExportDocument) {
  const spans = [...d.spans].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  const m = d.metadata;
  return {
    id: d.id,
    text: d.text,
    metadata: { title: m.title, date: m.date, source: m.source, district: m.district, url: m.url, reporters: m.reporters, externalId: m.externalId },
    status: d.status,
    ...(d.split ? { split: d.split } : {}),
    ...(d.note ? { note: d.note } : {}),
    original_text: d.originalText,
    offset_map: d.offsetMap ?? [0, d.text.length, 0, d.originalText.length],
    spans: spans.map((s) => {
      const [startCp, endCp] = utf16ToCodePoints(d.text, [s.start, s.end]);
      return {
        id: s.id,
        label: s.label,
        start: s.start,
        end: s.end,
        start_cp: startCp,
        end_cp: endCp,
        source_start: s.sourceStart ?? null,
        source_end: s.sourceEnd ?? null,
        attributes: s.attributes,
        annotator: s.annotator,
        origin: s.origin,
        review_state: s.reviewState,
        created_at: s.createdAt,
        updated_at: s.updatedAt,
        ...(s.note ? { note: s.note } : {}),
      };
    }),
  };
}

describe('biaozhu-jsonl', () => {
  test('property: each line is exactly JSON.stringify of the record, escapes and astral characters included', () => {
    const odd = fc.string({ unit: fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u2028', '\ud800', '区', '𠮷', '\n'), maxLength: 12 });
    fc.assert(
      fc.property(docArb(3, { attributes: true }), odd, odd, fc.constantFrom(undefined, 'train' as const), (d, title, original, split) => {
        const tricky: ExportDocument = {
          ...d,
          metadata: { ...d.metadata, title, reporters: [title] },
          originalText: original + d.text,
          split,
          note: title,
          spans: d.spans.map((s, i) => ({ ...s, annotator: i % 2 ? title : 'lin', createdAt: original, ...(i % 3 === 0 ? { note: original } : {}) })),
        };
        const { files } = exportToStrings('biaozhu-jsonl', [tricky, d], ctx());
        expect(files.get('')).toBe(`${JSON.stringify(record(tricky))}\n${JSON.stringify(record(d))}\n`);
      }),
      { numRuns: 300 },
    );
  });

  test('writes one complete line per document with UTF-16 and code-point offsets', () => {
    const { files, dropped } = exportToStrings('biaozhu-jsonl', [demoDoc(1), demoDoc(2)], ctx());
    expect(dropped).toEqual([]);
    const lines = (files.get('') ?? '').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const record = JSON.parse(lines[0]);
    expect(Object.keys(record)).toEqual(['id', 'text', 'metadata', 'status', 'original_text', 'offset_map', 'spans']);
    expect(record.metadata).toEqual({
      title: '示例 1',
      date: '2024-05-01',
      source: '示例区融媒体中心',
      district: '示例区',
      url: null,
      reporters: ['记者甲'],
      externalId: 'ext-1',
    });
    const person = record.spans.find((s: { id: number }) => s.id === 13);
    // 李𠮷华: 𠮷 is two UTF-16 units but one code point.
    expect(record.text.slice(person.start, person.end)).toBe('李𠮷华');
    expect(cpSlice(record.text, person.start_cp, person.end_cp)).toBe('李𠮷华');
    expect(person.end - person.start).toBe(4);
    expect(person.end_cp - person.start_cp).toBe(3);
    expect(person).toMatchObject({
      label: 'PERSON',
      attributes: { role: '镇长' },
      origin: 'suggested',
      review_state: 'accepted',
      annotator: 'lin',
      source_start: null,
    });
  });

  test('restores original text, offset map, metadata and spans on import', () => {
    const original = '区委书记　王明远在回龙观调研。';
    const text = '区委书记王明远在回龙观调研。';
    const offsetMap = [0, 4, 0, 4, 4, 0, 4, 1, 4, 10, 5, 10];
    const d = doc(7, text, [span(1, ...at(text, '王明远'), 'PERSON', { sourceStart: 5, sourceEnd: 8, attributes: { role: '区委书记' }, note: '职务待核' })], {
      originalText: original,
      offsetMap,
      split: 'dev',
      note: '原文有全角空格',
    });
    const { files } = exportToStrings('biaozhu-jsonl', [d], ctx());
    const record = JSON.parse(files.get('') ?? '');
    expect(record.split).toBe('dev');
    expect(record.spans[0]).toMatchObject({ source_start: 5, source_end: 8 });
    const { drafts, problems } = parseExchange('biaozhu-jsonl', [{ name: 'a.jsonl', text: files.get('') ?? '' }]);
    expect(problems).toEqual([]);
    expect(drafts).toEqual([
      {
        metadata: d.metadata,
        originalText: original,
        text,
        offsetMap,
        steps: [],
        warnings: [],
        removed: [],
        status: d.status,
        note: '原文有全角空格',
        spans: [
          {
            start: 4,
            end: 7,
            label: 'PERSON',
            attributes: { role: '区委书记' },
            annotator: 'lin',
            origin: 'manual',
            reviewState: 'pending',
            note: '职务待核',
            createdAt: '2024-05-01T08:00:00.000Z',
            updatedAt: '2024-05-01T08:00:00.000Z',
          },
        ],
      },
    ]);
  });

  test('reports bad lines and bad spans without losing the rest', () => {
    const good = JSON.stringify({
      id: 1,
      text: '王明远',
      metadata: { title: 't' },
      spans: [
        { label: 'PERSON', start: 0, end: 3 },
        { label: 'PERSON', start: 2, end: 9 },
      ],
    });
    const text = `${good}\n{oops\n\n${JSON.stringify({ id: 2, text: '𠮷', original_text: 'x', offset_map: [0, 5, 0, 1], spans: [] })}\n`;
    const { drafts, problems } = parseExchange('biaozhu-jsonl', [{ name: 'b.jsonl', text }]);
    expect(drafts).toHaveLength(2);
    expect(drafts[0].spans).toEqual([{ start: 0, end: 3, label: 'PERSON' }]);
    expect(drafts[1].originalText).toBe('𠮷');
    expect(drafts[1].offsetMap).toEqual([0, 2, 0, 2]);
    expect(problems.map((p) => p.line)).toEqual([1, 2, 4]);
    expect(problems[0].message).toMatch(/past the end/);
  });

  test('throws naming the document and span for a corrupt span', () => {
    const bad = doc(9, '𠮷祥', [span(77, 1, 3, 'PROJECT')]);
    expect(() => exportToStrings('biaozhu-jsonl', [bad], ctx())).toThrow(/document 9, span 77: start 1 splits a surrogate pair/);
  });
});
