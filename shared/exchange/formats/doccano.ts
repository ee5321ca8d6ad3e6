// doccano sequence-labeling JSONL: {"id", "text", "label": [[start, end, "LABEL"], ...]} plus the
// document's metadata as extra top-level fields (doccano keeps unknown fields as metadata).
// Offsets are code points, end exclusive, so Python's text[start:end] is the mention. doccano's
// own browser UI counts UTF-16 units instead (they differ only after characters outside the BMP,
// such as 𠮷 or emoji); docs/formats.md says so.
import { codePointSpans, cpSpansToDraft, forEachJsonLine, identityDraft, isRecord, metadataFrom, resolveDocument, splitPath, type RawCpSpan } from '../common';
import { coded, type CodedProblem } from '../problems';
import type { ExchangeFile, ExportDocument, Exporter, ParseResult } from '../types';

const EXTENSION = '.jsonl';

export function metadataFields(doc: ExportDocument): Record<string, string | string[]> {
  const m = doc.metadata;
  const out: Record<string, string | string[]> = {};
  if (m.title) out.title = m.title;
  if (m.date) out.date = m.date;
  if (m.source) out.source = m.source;
  if (m.district) out.district = m.district;
  if (m.url) out.url = m.url;
  if (m.reporters.length > 0) out.reporters = m.reporters;
  if (m.externalId) out.external_id = m.externalId;
  return out;
}

export const doccanoExporter: Exporter = {
  format: 'doccano-jsonl',
  extension: EXTENSION,
  layout: 'file-per-split',
  spanDetails: 'none',
  begin: () => [],
  document(doc, ctx) {
    const { text, spans, drops } = resolveDocument(doc, ctx);
    const cp = codePointSpans(text, spans);
    const label = spans.map((s, i) => [cp.start[i], cp.end[i], s.span.label]);
    const record = { id: doc.id, text, label, ...metadataFields(doc) };
    const path = splitPath(doc.split, EXTENSION);
    return { chunks: [{ path, text: `${JSON.stringify(record)}\n` }], dropped: drops.list() };
  },
  end: () => [],
};

/** Span lists doccano has written over the years: label/labels as triples, entities as objects. */
export function doccanoSpans(record: Record<string, unknown>): RawCpSpan[] | null {
  for (const key of ['label', 'labels', 'entities']) {
    const list = record[key];
    if (!Array.isArray(list)) continue;
    const spans: RawCpSpan[] = [];
    for (const item of list) {
      if (Array.isArray(item) && item.length >= 3 && typeof item[2] === 'string') {
        spans.push({ start: item[0], end: item[1], label: item[2] });
      } else if (isRecord(item) && typeof item.label === 'string' && 'start_offset' in item) {
        spans.push({ start: item.start_offset, end: item.end_offset, label: item.label });
      } else return null;
    }
    return spans;
  }
  return null;
}

export function parseDoccano(file: ExchangeFile, out: ParseResult): void {
  forEachJsonLine(file, out.problems, (record, line) => {
    const report = (problem: CodedProblem) => out.problems.push({ file: file.name, line, ...problem });
    const text = typeof record.text === 'string' ? record.text : typeof record.data === 'string' ? record.data : null;
    if (text === null) return report(coded('no_text', 'record has no "text"'));
    const raw = doccanoSpans(record);
    if (raw === null && ['label', 'labels', 'entities'].some((k) => k in record))
      report(coded('doccano_bad_labels', 'label list is not a list of [start, end, "LABEL"]; spans skipped'));
    const spans = cpSpansToDraft(text, raw ?? [], report);
    out.drafts.push(identityDraft(text, metadataFrom(record, text, `${file.name} ${line}`), spans));
  });
}
