// Formats are exported without reading the span details they do not declare (spanDetails): 'none'
// skips attributes, origin, review state and timestamps, 'attributes' all of them but attributes,
// 'review' only the timestamps; notes are read only for formats that declare Exporter.notes.
// Their output must not depend on those fields; a format that starts writing one must declare it,
// or this test fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../shared/api/export';
import { exporters, type ExportChunk, type ExportContext, type ExportDocument } from '../../../shared/exchange';
import { utf8Text } from '../../../shared/exchange/text-builder';
import type { SpanDetails } from '../../../shared/exchange/types';
import { ctx, docArb, docsArb } from './fixtures';

const detailsArb = fc.record({
  attributes: fc.dictionary(fc.constantFrom('role', 'unit', 'value'), fc.string({ minLength: 1, maxLength: 4 }), { maxKeys: 2 }),
  annotator: fc.constantFrom('lin', 'wang', 'zhao'),
  origin: fc.constantFrom('manual' as const, 'suggested' as const),
  reviewState: fc.constantFrom('pending' as const, 'accepted' as const, 'rejected' as const),
  createdAt: fc.constant('2025-01-02T03:04:05.000Z'),
  updatedAt: fc.constant('2025-06-07T08:09:10.000Z'),
  note: fc.constantFrom(undefined, '待核', 'a "note", with\nbreaks'),
});

/** What the export worker fills in for the details a format does not read. */
const withoutDetails = (doc: ExportDocument, details: SpanDetails, notes: boolean): ExportDocument => ({
  ...doc,
  note: notes ? doc.note : undefined,
  spans: doc.spans.map((s) => ({
    ...s,
    attributes: details === 'none' ? {} : s.attributes,
    ...(details === 'review' ? {} : { origin: 'manual' as const, reviewState: 'pending' as const }),
    createdAt: '',
    updatedAt: '',
    note: notes ? s.note : undefined,
  })),
});

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
/** Chunks as text, read at once: bytes may be the exporter's buffer, which its next call reuses. */
const asText = (chunks: ExportChunk[]) => chunks.map((c) => ({ path: c.path, text: typeof c.text === 'string' ? c.text : decoder.decode(c.text) }));

/** One document through a fresh export of `format`: begin, document, end. */
function exportOne(format: (typeof EXPORT_FORMATS)[number], doc: ExportDocument, offsets?: 'normalized' | 'source', storedUtf8?: ExportContext['storedUtf8']) {
  const exporter = exporters[format];
  const context = { ...ctx(offsets), storedUtf8 };
  const begin = asText(exporter.begin(context));
  const result = exporter.document(doc, context);
  return [begin, { ...result, chunks: asText(result.chunks) }, asText(exporter.end(context))];
}

const leanFormats = EXPORT_FORMATS.filter((format) => exporters[format].spanDetails !== 'all');

describe('formats that read fewer span details', () => {
  it('are every format but Biaozhu JSONL; the position-and-label formats read none', () => {
    expect(leanFormats.map((format) => [format, exporters[format].spanDetails])).toEqual([
      ['doccano-jsonl', 'none'],
      ['cluener', 'none'],
      ['conll-bio', 'none'],
      ['conll-bioes', 'none'],
      ['brat', 'attributes'],
      ['label-studio', 'attributes'],
      ['mentions-csv', 'review'],
      ['entities-csv', 'none'],
      ['relations-csv', 'none'],
    ]);
  });

  it.each(leanFormats)('%s writes the same output whatever the details it does not read are', (format) => {
    fc.assert(
      fc.property(docArb(1), fc.array(detailsArb, { minLength: 8, maxLength: 8 }), (doc, details) => {
        const detailed = { ...doc, note: details[0].note, spans: doc.spans.map((s, i) => ({ ...s, ...details[i] })) };
        const lean = withoutDetails(detailed, exporters[format].spanDetails, exporters[format].notes === true);
        expect(exportOne(format, lean)).toEqual(exportOne(format, detailed));
      }),
      { numRuns: 60 },
    );
  });
});

describe('notes', () => {
  it('are read for the formats that write them, and only those', () => {
    expect(EXPORT_FORMATS.filter((format) => exporters[format].notes)).toEqual(['biaozhu-jsonl', 'mentions-csv']);
  });

  it.each(EXPORT_FORMATS.filter((format) => !exporters[format].notes))('do not change what %s writes', (format) => {
    fc.assert(
      fc.property(docArb(1, { attributes: true }), fc.array(detailsArb, { minLength: 8, maxLength: 8 }), (doc, details) => {
        const noted = { ...doc, note: '文档备注', spans: doc.spans.map((s, i) => ({ ...s, note: details[i].note })) };
        expect(exportOne(format, noted)).toEqual(exportOne(format, doc));
      }),
      { numRuns: 30 },
    );
  });
});

describe("the order a document's spans come in", () => {
  // The export reader hands spans over in the order SQLite reads them (see readExportSpanLists):
  // every format must sort them itself.
  it.each(EXPORT_FORMATS)('does not change what %s writes', (format) => {
    const shuffledArb = docArb(1, { attributes: true }).chain((doc) =>
      fc.tuple(fc.constant(doc), fc.shuffledSubarray(doc.spans, { minLength: doc.spans.length, maxLength: doc.spans.length })),
    );
    fc.assert(
      fc.property(shuffledArb, ([doc, shuffled]) => {
        expect(exportOne(format, { ...doc, spans: shuffled })).toEqual(exportOne(format, doc));
      }),
      { numRuns: 60 },
    );
  });
});

describe('texts handed over as their UTF-8 bytes', () => {
  // The export worker gives formats that ask (utf8Texts) the texts' bytes as stored: what they
  // write must be what they write from the strings alone.
  const utf8Formats = EXPORT_FORMATS.filter((format) => exporters[format].utf8Texts);
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

  it('are asked for by the formats that write whole texts', () => {
    expect(utf8Formats).toEqual(['biaozhu-jsonl', 'brat', 'label-studio']);
  });

  it.each(utf8Formats)('do not change what %s writes, with either offsets and an original text the same or not', (format) => {
    const originalArb = fc.oneof(fc.constant(null), fc.constantFrom('（原文）', '\n"\\\t', '𠮷'));
    fc.assert(
      fc.property(docArb(1, { attributes: true }), originalArb, fc.constantFrom('normalized' as const, 'source' as const), (plain, extra, offsets) => {
        fc.pre(!LONE_SURROGATE.test(plain.text)); // as stored text: UTF-8 cannot carry a lone surrogate
        const originalText = extra === null ? plain.text : `${extra}${plain.text}`;
        const shift = originalText.length - plain.text.length;
        const doc: ExportDocument = {
          ...plain,
          originalText,
          offsetMap: [0, plain.text.length, shift, plain.text.length],
          spans: plain.spans.map((s) => ({ ...s, sourceStart: s.start + shift, sourceEnd: s.end + shift })),
        };
        const stored = { text: utf8Text(doc.text), originalText: utf8Text(doc.originalText) };
        expect(exportOne(format, doc, offsets, (_, which) => stored[which])).toEqual(exportOne(format, doc, offsets));
      }),
      { numRuns: 100 },
    );
  });
});

describe('attribute objects shared between spans', () => {
  // The export worker gives every span with the same attributes the same object, from which
  // formats derive what they write once: what they write must be what they write without
  // sharing, across the documents of one export.
  const exportAll = (format: (typeof EXPORT_FORMATS)[number], docs: ExportDocument[]) => {
    const exporter = exporters[format];
    const context = ctx();
    return [
      asText(exporter.begin(context)),
      ...docs.map((doc) => {
        const result = exporter.document(doc, context);
        return { ...result, chunks: asText(result.chunks) };
      }),
      asText(exporter.end(context)),
    ];
  };

  it.each(EXPORT_FORMATS)('does not change what %s writes', (format) => {
    fc.assert(
      fc.property(docsArb({ attributes: true }), (docs) => {
        const shared = new Map<string, Record<string, string>>();
        const sharing = docs.map((doc) => ({
          ...doc,
          spans: doc.spans.map((s) => {
            const key = JSON.stringify(s.attributes);
            if (!shared.has(key)) shared.set(key, Object.freeze({ ...s.attributes }));
            return { ...s, attributes: shared.get(key)! };
          }),
        }));
        expect(exportAll(format, sharing)).toEqual(exportAll(format, docs));
      }),
      { numRuns: 60 },
    );
  });
});
