// Documents and generators shared by the exchange tests. Demo sentences are invented.
import fc from 'fast-check';
import type { DocumentDraft } from '../../../shared/api/import';
import type { ExportContext, ExportDocument, ExportSpan } from '../../../shared/exchange';

export const LABELS = ['PERSON', 'SLOGAN', 'PROJECT', 'TARGET'] as const;

export const ctx = (offsets: ExportContext['offsets'] = 'normalized'): ExportContext => ({
  labels: [
    { key: 'PERSON', nameZh: '人物', nameEn: 'Person' },
    { key: 'SLOGAN', nameZh: '口号', nameEn: 'Slogan' },
    { key: 'PROJECT', nameZh: '项目', nameEn: 'Project' },
    { key: 'TARGET', nameZh: '目标', nameEn: 'Target' },
  ],
  offsets,
});

export function span(id: number, start: number, end: number, label: string, extra: Partial<ExportSpan> = {}): ExportSpan {
  return {
    id,
    start,
    end,
    label,
    attributes: {},
    annotator: 'lin',
    origin: 'manual',
    reviewState: 'pending',
    createdAt: '2024-05-01T08:00:00.000Z',
    updatedAt: '2024-05-01T08:00:00.000Z',
    ...extra,
  };
}

export function doc(id: number, text: string, spans: ExportSpan[], extra: Partial<ExportDocument> = {}): ExportDocument {
  return {
    id,
    metadata: {
      title: `示例 ${id}`,
      date: '2024-05-01',
      source: '示例区融媒体中心',
      district: '示例区',
      url: null,
      reporters: ['记者甲'],
      externalId: `ext-${id}`,
    },
    status: 'done',
    text,
    originalText: text,
    spans,
    ...extra,
  };
}

/** UTF-16 range of the nth occurrence of `mention` in `text`. */
export function at(text: string, mention: string, nth = 0): [number, number] {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = text.indexOf(mention, from + 1);
    if (from < 0) throw new Error(`"${mention}" not in text`);
  }
  return [from, from + mention.length];
}

/** Python-style slice: code points. */
export const cpSlice = (text: string, start: number, end: number): string => [...text].slice(start, end).join('');

// Astral characters (𠮷, emoji), a line break inside a span and nested spans.
export const DEMO_TEXT = '区委书记王明远在回龙观调研“智慧社区”建设。\n镇长李𠮷华😀提出“绿色\n发展”目标，落实“𠮷祥工程”！';

export function demoDoc(id = 1): ExportDocument {
  const t = DEMO_TEXT;
  return doc(id, t, [
    span(11, ...at(t, '王明远'), 'PERSON', { attributes: { role: '区委书记', note: 'a b,c|d:%20' } }),
    span(12, ...at(t, '智慧社区'), 'PROJECT'),
    span(13, ...at(t, '李𠮷华'), 'PERSON', { attributes: { role: '镇长' }, origin: 'suggested', reviewState: 'accepted' }),
    span(14, ...at(t, '绿色\n发展'), 'SLOGAN'),
    span(15, ...at(t, '“绿色\n发展”目标'), 'TARGET'),
    span(16, ...at(t, '𠮷祥工程'), 'PROJECT'),
  ]);
}

/** Spans as the importers return them, for comparison. */
export const triples = (spans: { start: number; end: number; label: string }[]) =>
  spans.map((s) => [s.start, s.end, s.label] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));

export const draftTriples = (draft: DocumentDraft) => triples(draft.spans);

const PIECES = [
  '区',
  '委',
  '书',
  '记',
  '王',
  '明',
  '远',
  '调',
  '研',
  '智',
  '慧',
  '社',
  '建',
  '设',
  '绿',
  '色',
  '𠮷',
  '😀',
  '𝄞',
  '🇨🇳',
  '𪚥',
  'a',
  'Z',
  '7',
  ' ',
  '\u3000',
  '\t',
  '\n',
  '\n',
  '\r\n',
  '。',
  '！',
  '？',
  '，',
  '“',
  '”',
  '、',
  '"',
  ',',
  '%',
  '|',
  ':',
];

export const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 60 }).map((p) => p.join(''));

const ATTR_PIECES = ['市委书记', ' ', '%', '%20', '_', ',', '|', ':', 'x', '\t', '𠮷', '副'];
const attributesArb = fc.dictionary(
  fc.constantFrom('role', 'level', 'note'),
  fc.array(fc.constantFrom(...ATTR_PIECES), { minLength: 1, maxLength: 5 }).map((p) => p.join('')),
  { maxKeys: 2 },
);

/** UTF-16 offsets of the code-point boundaries of text. */
export function boundaries(text: string): number[] {
  const out = [0];
  let u = 0;
  for (const c of text) out.push((u += c.length));
  return out;
}

export interface GenOptions {
  attributes?: boolean;
}

/** A document with random spans (overlapping and nested allowed). */
export const docArb = (id: number, options: GenOptions = {}) =>
  textArb
    .filter((t) => t.length > 0)
    .chain((text) => {
      const b = boundaries(text);
      const n = b.length - 1;
      const spanArb = fc
        .record({
          a: fc.integer({ min: 0, max: n }),
          b: fc.integer({ min: 0, max: n }),
          label: fc.constantFrom(...LABELS),
          attributes: options.attributes ? attributesArb : fc.constant({}),
        })
        .filter(({ a, b: c }) => a !== c);
      return fc.array(spanArb, { maxLength: 8 }).map((raw) =>
        doc(
          id,
          text,
          raw.map((r, i) => span(id * 100 + i + 1, b[Math.min(r.a, r.b)], b[Math.max(r.a, r.b)], r.label, { attributes: r.attributes })),
        ),
      );
    });

export const docsArb = (options: GenOptions = {}) =>
  fc.integer({ min: 1, max: 3 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => docArb(i + 1, options))));
