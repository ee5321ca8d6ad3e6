// One row per span for R, pandas and Excel: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF
// rows, RFC 4180 quoting. start/end are code points, end exclusive (R's substr(text, start + 1,
// end) and pandas' text[start:end]); contexts are the 20 characters either side. Export only: the
// file does not hold the documents' text, so it cannot be imported back.
import { hasSurrogates } from '../../text/offsets';
import { codePointSpans, derivedFromAttributes, resolveDocument, writerOf } from '../common';
import { coded } from '../problems';
import type { ExchangeFile, Exporter, ExportSpan, ParseResult } from '../types';

export const CSV_HEADER = [
  'document_id',
  'title',
  'date',
  'source',
  'district',
  'label',
  'mention',
  'start',
  'end',
  'attributes',
  'annotator',
  'left_context',
  'right_context',
  // Added last, so scripts written for the columns before them keep working.
  'review_state',
  'note',
  // Annotation timing (#24): the span's lead time, and its coder's active time on the document (ms; empty: none).
  'lead_time_ms',
  'document_active_ms',
] as const;
export const CONTEXT_CHARS = 20;

const [QUOTE, COMMA, CR, LF] = [...'",\r\n'].map((c) => c.charCodeAt(0));

export const csvField = (value: string | number | null): string => {
  if (value === null) return '';
  const s = String(value);
  return needsQuotes(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** `"` `,` CR or LF; a loop, not a regular expression, because it runs for every field of every row. */
function needsQuotes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u === QUOTE || u === COMMA || u === LF || u === CR) return true;
  }
  return false;
}

/** The attributes' CSV field, made once per attribute set (spans with the same attributes share one). */
const attributesFields = new WeakMap<Record<string, string>, string>();
const attributesJsonField = (attributes: Record<string, string>): string => csvField(JSON.stringify(attributes));
const attributesField = (span: ExportSpan): string => derivedFromAttributes(span, attributesFields, attributesJsonField);

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/** UTF-16 position `count` code points before `at`. */
function back(text: string, at: number, count: number): number {
  let u = at;
  for (let n = 0; n < count && u > 0; n++) u -= u >= 2 && isLow(text.charCodeAt(u - 1)) && isHigh(text.charCodeAt(u - 2)) ? 2 : 1;
  return u;
}

/** UTF-16 position `count` code points after `at`. */
function forward(text: string, at: number, count: number): number {
  let u = at;
  for (let n = 0; n < count && u < text.length; n++) u += isHigh(text.charCodeAt(u)) && isLow(text.charCodeAt(u + 1)) ? 2 : 1;
  return u;
}

export const mentionsCsvExporter: Exporter = {
  format: 'mentions-csv',
  extension: '.csv',
  layout: 'file',
  spanDetails: 'review',
  notes: true,
  timing: true,
  begin: () => [{ path: '', text: `\ufeff${CSV_HEADER.join(',')}\r\n` }],
  document(doc, ctx) {
    const { text, spans, drops } = resolveDocument(doc, ctx);
    // Without surrogates a code point is a code unit: offsets and contexts need no conversion.
    const plain = !hasSurrogates(text);
    const cp = plain ? null : codePointSpans(text, spans);
    const m = doc.metadata;
    const documentFields = `${[doc.id, m.title, m.date, m.source, m.district].map(csvField).join(',')},`;
    const activeMs = doc.timings?.length ? new Map(doc.timings.map((t) => [t.annotator, t.activeMs])) : null;
    // Rows are written field by field through the writer: strings per row were half of the export's time.
    const out = writerOf(ctx);
    out.clear();
    spans.forEach(({ span, start, end }, i) => {
      out.text(documentFields);
      out.csvField(span.label);
      out.text(',');
      out.csvField(text, start, end);
      out.text(',');
      out.number(cp ? cp.start[i] : start);
      out.text(',');
      out.number(cp ? cp.end[i] : end);
      out.text(',');
      out.text(attributesField(span));
      out.text(',');
      out.csvField(span.annotator);
      out.text(',');
      out.csvField(text, plain ? Math.max(0, start - CONTEXT_CHARS) : back(text, start, CONTEXT_CHARS), start);
      out.text(',');
      out.csvField(text, end, plain ? Math.min(text.length, end + CONTEXT_CHARS) : forward(text, end, CONTEXT_CHARS));
      out.text(',');
      out.text(span.reviewState);
      out.text(',');
      if (span.note) out.csvField(span.note);
      out.text(',');
      if (span.leadTimeMs !== undefined) out.number(span.leadTimeMs);
      out.text(',');
      const active = activeMs?.get(span.annotator);
      if (active !== undefined) out.number(active);
      out.text('\r\n');
    });
    return { chunks: [{ path: '', text: out.take() }], dropped: drops.list() };
  },
  end: () => [],
};

export function parseMentionsCsv(file: ExchangeFile, out: ParseResult): void {
  out.problems.push({
    file: file.name,
    ...coded('mentions_csv_unsupported', 'a mentions CSV holds spans but not the documents’ text, so it cannot be imported; import Biaozhu JSONL instead'),
  });
}
