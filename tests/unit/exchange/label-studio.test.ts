import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportToStrings, parseExchange, type ExportDocument } from '../../../shared/exchange';
import { codePointSpans, resolveDocument } from '../../../shared/exchange/common';
import { metadataFields } from '../../../shared/exchange/formats/doccano';
import { at, ctx, cpSlice, DEMO_TEXT, demoDoc, doc, docArb, draftTriples, span, triples } from './fixtures';

/** The format's definition: each task is JSON.stringify of this object. */
function task(d: ExportDocument) {
  const { text, spans } = resolveDocument(d, ctx());
  const cp = codePointSpans(text, spans);
  const result = spans.flatMap((s, i) => {
    const id = String(s.span.id);
    const [start, end] = [cp.start[i], cp.end[i]];
    return [
      { id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text: text.slice(s.start, s.end), labels: [s.span.label] } },
      ...Object.entries(s.span.attributes).map(([key, value]) => ({
        id,
        from_name: key,
        to_name: 'text',
        type: 'textarea',
        value: { start, end, text: [value] },
      })),
    ];
  });
  return { id: d.id, data: { text, ...metadataFields(d) }, annotations: [{ result }] };
}

describe('label-studio', () => {
  test('property: the file is exactly the JSON of its tasks, escapes and astral characters included', () => {
    const odd = fc.string({ unit: fc.constantFrom('"', '\\', '\u0000', '\u001f', '\ud800', '区', '𠮷', '\n'), maxLength: 10 });
    fc.assert(
      fc.property(docArb(4, { attributes: true }), odd, fc.boolean(), (d, title, bare) => {
        const tricky: ExportDocument = {
          ...d,
          metadata: bare
            ? { title: '', date: null, source: null, district: null, url: null, reporters: [], externalId: null }
            : { ...d.metadata, title, reporters: [title] },
          spans: d.spans.map((s) => ({ ...s, label: `${s.label}${title}` })),
        };
        const { files } = exportToStrings('label-studio', [tricky, d], ctx());
        expect(files.get('')).toBe(`[\n${JSON.stringify(task(tricky))},\n${JSON.stringify(task(d))}\n]\n`);
      }),
      { numRuns: 300 },
    );
  });

  test('writes a JSON array of tasks with labels results in code points', () => {
    const { files } = exportToStrings('label-studio', [demoDoc(1), demoDoc(2)], ctx());
    const tasks = JSON.parse(files.get('') ?? '');
    expect(tasks).toHaveLength(2);
    expect(tasks[0].id).toBe(1);
    expect(tasks[0].data).toMatchObject({ text: DEMO_TEXT, title: '示例 1', date: '2024-05-01', district: '示例区', external_id: 'ext-1' });
    const result = tasks[0].annotations[0].result;
    const person = result.find((r: { id: string; type: string }) => r.id === '13' && r.type === 'labels');
    expect(person).toEqual({
      id: '13',
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start: 25, end: 28, text: '李𠮷华', labels: ['PERSON'] },
    });
    expect(cpSlice(DEMO_TEXT, 25, 28)).toBe('李𠮷华');
    expect(result).toContainEqual({ id: '13', from_name: 'role', to_name: 'text', type: 'textarea', value: { start: 25, end: 28, text: ['镇长'] } });
  });

  test('an empty export is an empty array, and splits get files of their own', () => {
    expect(exportToStrings('label-studio', [], ctx()).files).toEqual(new Map([['', '[]\n']]));
    const { files } = exportToStrings(
      'label-studio',
      [doc(1, '甲', [], { split: 'train' }), doc(2, '乙', [], { split: 'test' }), doc(3, '丙', [], { split: 'train' })],
      ctx(),
    );
    expect(JSON.parse(files.get('train.json') ?? '').map((t: { id: number }) => t.id)).toEqual([1, 3]);
    expect(JSON.parse(files.get('test.json') ?? '').map((t: { id: number }) => t.id)).toEqual([2]);
    expect(files.has('')).toBe(false);
  });

  test('round-trips spans and attributes', () => {
    const d = demoDoc(1);
    const { files } = exportToStrings('label-studio', [d], ctx());
    const { drafts, problems } = parseExchange('label-studio', [{ name: 'ls.json', text: files.get('') ?? '' }]);
    expect(problems).toEqual([]);
    expect(drafts[0].text).toBe(DEMO_TEXT);
    expect(drafts[0].metadata).toMatchObject({ title: '示例 1', externalId: 'ext-1', district: '示例区' });
    expect(draftTriples(drafts[0])).toEqual(triples(d.spans));
    expect(drafts[0].spans[0].attributes).toEqual({ role: '区委书记', note: 'a b,c|d:%20' });
  });

  test('imports tasks from Label Studio: several annotations, cancelled ones, UTF-16 offsets of old versions', () => {
    const text = '😀王明远在回龙观';
    const region = (id: string, start: number, end: number, mention: string, label: string) => ({
      id,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start, end, text: mention, labels: [label] },
    });
    const task = {
      id: 40,
      data: { text },
      annotations: [
        { completed_by: { email: 'a@example.org' }, result: [region('a', 1, 4, '王明远', 'PER')] },
        { result: [region('b', 1, 4, '王明远', 'PER'), region('c', 6, 9, '回龙观', 'LOC'), region('d', 0, 40, 'x', 'LOC')] },
        { was_cancelled: true, result: [region('e', 0, 1, '😀', 'X')] },
      ],
    };
    const { drafts, problems } = parseExchange('label-studio', [{ name: 'export.json', text: JSON.stringify([task]) }]);
    expect(drafts[0].spans).toEqual([
      { start: 2, end: 5, label: 'PER', annotator: 'a@example.org' },
      { start: 6, end: 9, label: 'LOC' },
    ]);
    expect(drafts[0].metadata.externalId).toBe('40');
    expect(problems).toEqual([
      {
        file: 'export.json',
        message: 'task 1: region d 0-40 does not cover "x"; skipped',
        code: 'label_studio_region_mismatch',
        params: { task: 1, region: 'd', start: 0, end: 40, mention: 'x' },
      },
    ]);
  });

  test('offsets are code points', () => {
    const t = '𠮷𠮷王';
    const { files } = exportToStrings('label-studio', [doc(1, t, [span(1, ...at(t, '王'), 'PERSON')])], ctx());
    expect(JSON.parse(files.get('') ?? '')[0].annotations[0].result[0].value).toMatchObject({ start: 2, end: 3 });
  });
});
