// CLUENER 2020 JSON Lines: {"id", "text", "label": {"person": {"王明远": [[0, 2]]}}}. Type names are
// the label keys in lower case; offsets are code points with an INCLUSIVE end, so Python's
// text[start:end + 1] is the mention. Overlapping and nested mentions are fine.
import { codePointSpans, cpSpansToDraft, forEachJsonLine, identityDraft, isRecord, metadataFrom, resolveDocument, splitPath, type RawCpSpan } from '../common';
import { coded, type CodedProblem } from '../problems';
import type { ExchangeFile, Exporter, ParseResult } from '../types';

const EXTENSION = '.json';

export const clueNerExporter: Exporter = {
  format: 'cluener',
  extension: EXTENSION,
  layout: 'file-per-split',
  spanDetails: 'none',
  begin: () => [],
  document(doc, ctx) {
    const { text, spans, drops } = resolveDocument(doc, ctx);
    const cp = codePointSpans(text, spans);
    // Maps, not objects: a mention may be any string, "__proto__" included.
    const byType = new Map<string, Map<string, [number, number][]>>();
    spans.forEach((s, i) => {
      const type = s.span.label.toLowerCase();
      const mention = text.slice(s.start, s.end);
      let byMention = byType.get(type);
      if (!byMention) byType.set(type, (byMention = new Map()));
      let ranges = byMention.get(mention);
      if (!ranges) byMention.set(mention, (ranges = []));
      ranges.push([cp.start[i], cp.end[i] - 1]);
    });
    const label = Object.fromEntries([...byType].map(([type, m]) => [type, Object.fromEntries(m)]));
    const record = { id: doc.id, text, label };
    return { chunks: [{ path: splitPath(doc.split, EXTENSION), text: `${JSON.stringify(record)}\n` }], dropped: drops.list() };
  },
  end: () => [],
};

/** The mentions of a CLUENER record, or null when its label is not CLUENER-shaped. */
export function clueNerSpans(record: Record<string, unknown>): RawCpSpan[] | null {
  if (!isRecord(record.label)) return null;
  const spans: RawCpSpan[] = [];
  for (const [type, mentions] of Object.entries(record.label)) {
    if (!isRecord(mentions)) return null;
    for (const [mention, ranges] of Object.entries(mentions)) {
      if (!Array.isArray(ranges)) return null;
      for (const range of ranges) {
        if (!Array.isArray(range) || range.length !== 2) return null;
        const [start, endInclusive] = range as unknown[];
        const end = typeof endInclusive === 'number' ? endInclusive + 1 : endInclusive;
        spans.push({ start, end, label: type.toUpperCase(), mention });
      }
    }
  }
  return spans;
}

export function parseClueNer(file: ExchangeFile, out: ParseResult): void {
  forEachJsonLine(file, out.problems, (record, line) => {
    const report = (problem: CodedProblem) => out.problems.push({ file: file.name, line, ...problem });
    if (typeof record.text !== 'string') return report(coded('no_text', 'record has no "text"'));
    const text = record.text;
    const raw = clueNerSpans(record);
    if (raw === null && record.label !== undefined) report(coded('cluener_bad_label', '"label" is not {type: {mention: [[start, end], ...]}}; spans skipped'));
    const spans = cpSpansToDraft(text, raw ?? [], report);
    out.drafts.push(identityDraft(text, metadataFrom({ id: record.id }, text, `${file.name} ${line}`), spans));
  });
}
