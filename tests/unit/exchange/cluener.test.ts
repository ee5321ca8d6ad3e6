import { describe, expect, test } from 'vitest';
import { exportToStrings, parseExchange } from '../../../shared/exchange';
import { at, ctx, cpSlice, demoDoc, doc, draftTriples, span, triples } from './fixtures';

describe('cluener', () => {
  test('uses lower-case types, mention keys and INCLUSIVE code-point ends', () => {
    const text = '𠮷😀王明远说王明远';
    const d = doc(1, text, [span(1, ...at(text, '王明远'), 'PERSON'), span(2, ...at(text, '王明远', 1), 'PERSON'), span(3, 0, 2, 'TARGET')]);
    const { files } = exportToStrings('cluener', [d], ctx());
    const record = JSON.parse(files.get('') ?? '');
    // 𠮷 and 😀 are one character each for Python: 王明远 is characters 2..4, inclusive.
    expect(record.label).toEqual({
      target: { '𠮷': [[0, 0]] },
      person: {
        王明远: [
          [2, 4],
          [6, 8],
        ],
      },
    });
    for (const [, mentions] of Object.entries(record.label as Record<string, Record<string, [number, number][]>>)) {
      for (const [mention, ranges] of Object.entries(mentions)) {
        for (const [s, e] of ranges) expect(cpSlice(text, s, e + 1)).toBe(mention);
      }
    }
  });

  test('keeps overlapping and nested spans', () => {
    const d = demoDoc(1);
    const { files, dropped } = exportToStrings('cluener', [d], ctx());
    expect(dropped).toEqual([]);
    const { drafts, problems } = parseExchange('cluener', [{ name: 'c.json', text: files.get('') ?? '' }]);
    expect(problems).toEqual([]);
    expect(draftTriples(drafts[0])).toEqual(triples(d.spans));
  });

  test('imports CLUENER-style files and checks mentions against the text', () => {
    const text = '浙商银行企业信贷部叶老桂博士则从另一个角度对五道门槛进行了解读。';
    const line1 = JSON.stringify({ text, label: { name: { 叶老桂: [[9, 11]] }, company: { 浙商银行: [[0, 3]] } } });
    const line2 = JSON.stringify({ text, label: { name: { 叶老: [[9, 11]] } } });
    const { drafts, problems } = parseExchange('cluener', [{ name: 'dev.json', text: `${line1}\n${line2}\n` }]);
    expect(draftTriples(drafts[0])).toEqual([
      [0, 4, 'COMPANY'],
      [9, 12, 'NAME'],
    ]);
    expect(drafts[1].spans).toEqual([]);
    expect(problems).toEqual([
      {
        file: 'dev.json',
        line: 2,
        message: expect.stringContaining('not "叶老"'),
        code: 'span_mention_mismatch',
        params: { label: 'NAME', start: 9, end: 12, covered: '叶老桂', mention: '叶老' },
      },
    ]);
  });
});
