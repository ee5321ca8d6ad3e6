// The exchange layer: exporters (streaming, one document at a time) and importers for every
// format researchers use. See docs/formats.md for the offset conventions and what each format
// cannot hold.
import type { ExportFormat, ExportSpanIssue } from '../api/export';
import { bratExporter, parseBrat } from './formats/brat';
import { biaozhuJsonlExporter, parseBiaozhuJsonl } from './formats/biaozhu-jsonl';
import { clueNerExporter, parseClueNer } from './formats/cluener';
import { conllBioExporter, conllBioesExporter, parseConll } from './formats/conll';
import { doccanoExporter, parseDoccano } from './formats/doccano';
import { labelStudioExporter, parseLabelStudio } from './formats/label-studio';
import { mentionsCsvExporter, parseMentionsCsv } from './formats/mentions-csv';
import { entitiesCsvExporter, parseNetworkCsv, relationsCsvExporter } from './formats/network-csv';
import { SpanIssueList } from './span-issues';
import { StringWriter } from './string-writer';
import type { Dropped, ExchangeFile, ExportChunk, ExportContext, ExportDocument, Exporter, ParseResult } from './types';

export * from './types';
export { UnexportableDocument, validateExportDocument } from './common';
export { assignSplits, type SplitSpec } from './split';
export { detectExchangeFormat } from './detect';
export { SpanIssueList, spanIssuesCsv, SPAN_ISSUE_TEXT_MAX } from './span-issues';
export { StringWriter } from './string-writer';
export type { ExportWriter } from './writer';

export const exporters: Record<ExportFormat, Exporter> = {
  'biaozhu-jsonl': biaozhuJsonlExporter,
  'doccano-jsonl': doccanoExporter,
  cluener: clueNerExporter,
  'conll-bio': conllBioExporter,
  'conll-bioes': conllBioesExporter,
  brat: bratExporter,
  'label-studio': labelStudioExporter,
  'mentions-csv': mentionsCsvExporter,
  'entities-csv': entitiesCsvExporter,
  'relations-csv': relationsCsvExporter,
};

const fileParsers: Record<Exclude<ExportFormat, 'brat'>, (file: ExchangeFile, out: ParseResult) => void> = {
  'biaozhu-jsonl': parseBiaozhuJsonl,
  'doccano-jsonl': parseDoccano,
  cluener: parseClueNer,
  'conll-bio': parseConll,
  'conll-bioes': parseConll,
  'label-studio': parseLabelStudio,
  'mentions-csv': parseMentionsCsv,
  'entities-csv': parseNetworkCsv,
  'relations-csv': parseNetworkCsv,
};

/**
 * Parses whole files of one format into drafts (spans in UTF-16 offsets into draft.text, sorted
 * by start, end, label). brat pairs name.txt with name.ann; every other format reads each file
 * on its own. Problems name the file and, where there is one, the line.
 */
export function parseExchange(format: ExportFormat, files: ExchangeFile[]): ParseResult {
  const out: ParseResult = { drafts: [], problems: [] };
  if (format === 'brat') parseBrat(files, out);
  else for (const file of files) fileParsers[format](file, out);
  for (const draft of out.drafts) draft.spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return out;
}

/**
 * Runs an exporter over documents in memory, with the plain string writer, and gathers its output
 * by path. For tests, previews and small exports; the export job streams chunks to files instead.
 */
export function exportToStrings(
  format: ExportFormat,
  docs: Iterable<ExportDocument>,
  ctx: ExportContext,
  issueCap?: number,
): { files: Map<string, string>; dropped: Dropped[]; adjusted: Dropped[]; issues: ExportSpanIssue[]; issuesMore: number } {
  const exporter = exporters[format];
  ctx = { ...ctx, writer: new StringWriter() };
  const issues = new SpanIssueList(issueCap);
  const parts = new Map<string, string[]>();
  const dropped = new Map<string, number>();
  const adjusted = new Map<string, number>();
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const add = (chunks: ExportChunk[]) => {
    for (const c of chunks) {
      let list = parts.get(c.path);
      if (!list) parts.set(c.path, (list = []));
      list.push(typeof c.text === 'string' ? c.text : utf8.decode(c.text));
    }
  };
  const count = (into: Map<string, number>, list: Dropped[] = []) => {
    for (const d of list) into.set(d.reason, (into.get(d.reason) ?? 0) + d.count);
  };
  add(exporter.begin(ctx));
  for (const doc of docs) {
    const result = exporter.document(doc, ctx);
    add(result.chunks);
    count(dropped, result.dropped);
    count(adjusted, result.adjusted);
    issues.add('dropped', doc, result.dropped);
    issues.add('adjusted', doc, result.adjusted ?? []);
  }
  add(exporter.end(ctx));
  const list = (m: Map<string, number>) => [...m].map(([reason, n]) => ({ reason, count: n }));
  return {
    files: new Map([...parts].map(([path, texts]) => [path, texts.join('')])),
    dropped: list(dropped),
    adjusted: list(adjusted),
    issues: issues.issues,
    issuesMore: issues.more,
  };
}
