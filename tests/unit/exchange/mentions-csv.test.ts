import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportToStrings, parseExchange, type ExportDocument } from '../../../shared/exchange';
import { CONTEXT_CHARS, CSV_HEADER, csvField } from '../../../shared/exchange/formats/mentions-csv';
import { utf16ToCodePoints } from '../../../shared/text/offsets';
import { ctx, cpSlice, DEMO_TEXT, demoDoc, doc, docArb, span } from './fixtures';

/** The format's definition, written plainly: one csvField-quoted row per span, in export order. */
function rows(d: ExportDocument): string {
  const chars = [...d.text];
  const m = d.metadata;
  return [...d.spans]
    .sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id)
    .map((s) => {
      const [start, end] = utf16ToCodePoints(d.text, [s.start, s.end]);
      const attributes = Object.keys(s.attributes).length ? JSON.stringify(s.attributes) : '{}';
      const left = chars.slice(Math.max(0, start - CONTEXT_CHARS), start).join('');
      const right = chars.slice(end, end + CONTEXT_CHARS).join('');
      return (
        [
          d.id,
          m.title,
          m.date,
          m.source,
          m.district,
          s.label,
          d.text.slice(s.start, s.end),
          start,
          end,
          attributes,
          s.annotator,
          left,
          right,
          s.reviewState,
          s.note ?? null,
          s.leadTimeMs ?? null,
          d.timings?.find((t) => t.annotator === s.annotator)?.activeMs ?? null,
        ]
          .map(csvField)
          .join(',') + '\r\n'
      );
    })
    .join('');
}

/** A small RFC 4180 reader, independent of the writer. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('mentions-csv', () => {
  test('property: the file is exactly its header and one quoted row per span', () => {
    const odd = fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', '区', '𠮷', ' '), maxLength: 8 });
    fc.assert(
      fc.property(docArb(5, { attributes: true }), odd, (d, name) => {
        const tricky: ExportDocument = {
          ...d,
          metadata: { ...d.metadata, title: name, source: null },
          spans: d.spans.map((s, i) => ({
            ...s,
            annotator: i % 2 ? name : 'lin',
            ...(i % 3 === 0 && name ? { note: name } : {}),
            ...(i % 4 === 1 ? { leadTimeMs: i * 1001 } : {}),
          })),
          timings: [{ annotator: 'lin', firstOpenedAt: '2026-12-01T08:00:00.000Z', doneAt: null, activeMs: 61_234, activeMsAtDone: null }],
        };
        const { files } = exportToStrings('mentions-csv', [tricky, d], ctx());
        expect(files.get('')).toBe(`\ufeff${CSV_HEADER.join(',')}\r\n${rows(tricky)}${rows(d)}`);
      }),
      { numRuns: 300 },
    );
  });

  test('BOM, header, one row per span, code-point offsets and 20-character contexts', () => {
    const { files } = exportToStrings('mentions-csv', [demoDoc(1)], ctx());
    const file = files.get('') ?? '';
    expect(
      file.startsWith(
        '\ufeffdocument_id,title,date,source,district,label,mention,start,end,attributes,annotator,left_context,right_context,review_state,note,lead_time_ms,document_active_ms\r\n',
      ),
    ).toBe(true);
    const [header, ...rows] = readCsv(file.slice(1));
    expect(header).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      const [start, end] = [Number(r[7]), Number(r[8])];
      expect(cpSlice(DEMO_TEXT, start, end)).toBe(r[6]);
      expect(r[11]).toBe(cpSlice(DEMO_TEXT, Math.max(0, start - 20), start));
      expect(r[12]).toBe(cpSlice(DEMO_TEXT, end, end + 20));
    }
    const person = rows.find((r) => r[6] === '王明远') ?? [];
    expect(person.slice(0, 11)).toEqual([
      '1',
      '示例 1',
      '2024-05-01',
      '示例区融媒体中心',
      '示例区',
      'PERSON',
      '王明远',
      '4',
      '7',
      '{"role":"区委书记","note":"a b,c|d:%20"}',
      'lin',
    ]);
    const slogan = rows.find((r) => r[5] === 'SLOGAN') ?? [];
    expect(slogan[6]).toBe('绿色\n发展');
  });

  test('quotes commas, quotes and line breaks', () => {
    const t = '他说"好,很好"。';
    const d = doc(2, t, [span(1, 2, 8, 'SLOGAN')], {
      metadata: { title: '标题,带"引号"', date: null, source: null, district: null, url: null, reporters: [], externalId: null },
    });
    const { files } = exportToStrings('mentions-csv', [d], ctx());
    const body = (files.get('') ?? '').split('\r\n')[1];
    expect(body).toBe('2,"标题,带""引号""",,,,SLOGAN,"""好,很好""",2,8,{},lin,他说,。,pending,,,');
  });

  test('cannot be imported and says why', () => {
    const { drafts, problems } = parseExchange('mentions-csv', [{ name: 'm.csv', text: 'x' }]);
    expect(drafts).toEqual([]);
    expect(problems[0].message).toMatch(/cannot be imported/);
  });
});
