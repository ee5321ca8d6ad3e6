import { describe, expect, test } from 'vitest';
import { exportToStrings, parseExchange } from '../../../shared/exchange';
import { at, ctx, cpSlice, DEMO_TEXT, demoDoc, doc, draftTriples, span, triples } from './fixtures';

describe('doccano-jsonl', () => {
  test('writes code-point offsets so Python text[start:end] is the mention', () => {
    const { files } = exportToStrings('doccano-jsonl', [demoDoc(3)], ctx());
    const record = JSON.parse(files.get('') ?? '');
    expect(record.id).toBe(3);
    expect(record.title).toBe('示例 3');
    expect(record.external_id).toBe('ext-3');
    const mentions = record.label.map(([s, e, l]: [number, number, string]) => `${l}:${cpSlice(record.text, s, e)}`);
    expect(mentions).toEqual(['PERSON:王明远', 'PROJECT:智慧社区', 'PERSON:李𠮷华', 'TARGET:“绿色\n发展”目标', 'SLOGAN:绿色\n发展', 'PROJECT:𠮷祥工程']);
    expect(record.label[2]).toEqual([25, 28, 'PERSON']);
  });

  test('imports label triples, older "labels" and object "entities" lists', () => {
    const text = '𠮷镇长王明远';
    const lines = [
      JSON.stringify({ id: 'a', text, label: [[3, 6, 'PERSON']] }),
      JSON.stringify({ text, labels: [[3, 6, 'PERSON']] }),
      JSON.stringify({ text, entities: [{ id: 1, label: 'PERSON', start_offset: 3, end_offset: 6 }] }),
      JSON.stringify({ text, label: [[3, 60, 'PERSON']] }),
    ].join('\n');
    const { drafts, problems } = parseExchange('doccano-jsonl', [{ name: 'd.jsonl', text: lines }]);
    expect(drafts.map(draftTriples)).toEqual([[[4, 7, 'PERSON']], [[4, 7, 'PERSON']], [[4, 7, 'PERSON']], []]);
    expect(drafts[0].metadata.externalId).toBe('a');
    expect(drafts[0].offsetMap).toEqual([0, text.length, 0, text.length]);
    expect(drafts[0].originalText).toBe(text);
    expect(problems).toEqual([
      { file: 'd.jsonl', line: 4, message: expect.stringMatching(/outside the text/), code: 'span_past_end', params: expect.objectContaining({ length: 6 }) },
    ]);
  });

  test('offsets "source" writes the original text and source offsets', () => {
    const original = '区委书记　王明远\r\n调研';
    const text = '区委书记王明远\n调研';
    const d = doc(4, text, [span(1, ...at(text, '王明远'), 'PERSON', { sourceStart: 5, sourceEnd: 8 }), span(2, 0, 4, 'TARGET')], { originalText: original });
    const { files, dropped } = exportToStrings('doccano-jsonl', [d], ctx('source'));
    const record = JSON.parse(files.get('') ?? '');
    expect(record.text).toBe(original);
    expect(record.label).toEqual([[5, 8, 'PERSON']]);
    expect(dropped).toEqual([{ reason: 'no-source-offsets', count: 1 }]);
  });

  test('round-trips the demo document', () => {
    const d = demoDoc(1);
    const { files } = exportToStrings('doccano-jsonl', [d], ctx());
    const { drafts } = parseExchange('doccano-jsonl', [{ name: 'x', text: files.get('') ?? '' }]);
    expect(drafts[0].text).toBe(DEMO_TEXT);
    expect(draftTriples(drafts[0])).toEqual(triples(d.spans));
  });
});
