// The import pipeline: bytes of one file → drafts (one per article or record). Pure: no Node,
// Electron or DOM APIs, so the main process and the browser build run the same code.
import type { DocumentDraft, ImportOptions } from '../api/import';
import type { DocumentMetadata, ImportWarning } from '../model';
import { codePointsToUtf16 } from '../text/offsets';
import { coded, type CodedProblem } from '../exchange/problems';
import { buildDrafts } from './drafts';
import { decodeBytes } from './encoding';
import { extractDocx } from './formats/docx';
import { extractHtml, sniffHtmlCharset } from './formats/html';
import { parseDelimited, parseJson, parseJsonl, type ParsedRecords, type Problem, type RawRecord } from './formats/records';
import { parseDate } from './metadata';
import type { NormalizeOptions } from './normalize';
import { mapToNormalized } from './offset-map';

export { normalizeText } from './normalize';
export { composeOffsetMaps, mapToOriginal, mapToNormalized } from './offset-map';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface FileOutcome {
  format: string;
  encoding: string | null;
  encodingConfidence: number | null;
  drafts: DocumentDraft[];
  /** Why the file cannot be imported (English), with its code and values for the UI. */
  error: string | null;
  errorCode?: CodedProblem['code'];
  errorParams?: CodedProblem['params'];
  problems: Problem[];
}

const FORMATS: Record<string, string> = {
  txt: 'txt',
  text: 'txt',
  md: 'txt',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
  docx: 'docx',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json',
  csv: 'csv',
  tsv: 'tsv',
};

// Formats people drop by mistake; named in the error instead of reported as binary garbage.
const UNSUPPORTED = new Set([
  'pdf',
  'doc',
  'rtf',
  'odt',
  'wps',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'zip',
  'rar',
  '7z',
  'gz',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'mp3',
  'mp4',
  'exe',
]);

const FIELD_NAMES: Record<string, string[]> = {
  text: ['text', 'content', 'body', 'article', 'fulltext', '正文', '内容', '全文'],
  id: ['id', '_id', 'doc_id', 'docid', 'uuid', '编号'],
  title: ['title', 'headline', '标题', '题目'],
  date: ['date', 'time', 'publish_time', 'pub_date', 'published', 'datetime', '日期', '时间', '发布时间'],
  source: ['source', 'outlet', 'media', '来源', '媒体'],
  url: ['url', 'link', 'href', '链接'],
  district: ['district', '区', '区县'],
};

type Options = Partial<ImportOptions>;

function outcome(format: string, partial: Partial<FileOutcome>): FileOutcome {
  return { format, encoding: null, encodingConfidence: null, drafts: [], error: null, problems: [], ...partial };
}

/** A file that cannot be imported, with the coded reason. */
function failed(format: string, base: Partial<FileOutcome>, why: CodedProblem): FileOutcome {
  return outcome(format, { ...base, error: why.message, errorCode: why.code, ...(why.params ? { errorParams: why.params } : {}) });
}

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));
const sizeText = (bytes: number) => `${megabytes(bytes)} MB`;

export interface ProcessHooks {
  /**
   * Called now and then while one file is read (between parsing chunks, records and steps); it
   * throws to stop, and processFile lets that error through unchanged (a cancelled import).
   */
  checkCancelled?: () => void;
}

/** Wraps the hook so the catch-alls below can tell its throw (let through) from a parser's (reported). */
function cancelWatch(hook: (() => void) | undefined) {
  let thrown: { error: unknown } | null = null;
  const check = hook
    ? () => {
        try {
          hook();
        } catch (error) {
          thrown = { error };
          throw error;
        }
      }
    : undefined;
  return {
    check,
    rethrowIfCancelled(): void {
      if (thrown) throw thrown.error;
    },
  };
}

/**
 * Processes one file; never throws for bad input, it reports an error or problems instead. It
 * throws only what `hooks.checkCancelled` throws.
 */
export function processFile(input: { fileName: string; bytes: Uint8Array }, options: Options, hooks: ProcessHooks = {}): FileOutcome {
  const cancel = cancelWatch(hooks.checkCancelled);
  const check = cancel.check;
  const ext = /\.([a-z0-9]+)$/i.exec(input.fileName)?.[1].toLowerCase() ?? '';
  let format = FORMATS[ext] ?? '';
  const { bytes } = input;
  if (bytes.length > MAX_IMPORT_BYTES) {
    const why = `file is ${sizeText(bytes.length)}; the limit is ${sizeText(MAX_IMPORT_BYTES)}`;
    return failed(format || 'txt', {}, coded('file_too_large', why, { size: megabytes(bytes.length), limit: megabytes(MAX_IMPORT_BYTES) }));
  }
  if (bytes.length === 0) return failed(format || 'txt', {}, coded('empty_file', 'empty file'));
  if (UNSUPPORTED.has(ext)) {
    const why = `.${ext} files cannot be imported; save the text as .txt, .html, .docx, .jsonl, .json, .csv or .tsv`;
    return failed(ext, {}, coded('unsupported_extension', why, { ext }));
  }
  const common = {
    fileName: input.fileName,
    normalize: { disabledSteps: options.disabledSteps ?? [], checkCancelled: check },
    split: options.splitArticles ?? true,
  };
  const withDrafts = (fmt: string, base: Partial<FileOutcome>, drafts: DocumentDraft[]) =>
    drafts.length ? outcome(fmt, { ...base, drafts }) : failed(fmt, base, coded('no_text_after_normalization', 'no text left after normalization'));
  try {
    if (format === 'docx') {
      const doc = extractDocx(bytes, check);
      if ('error' in doc) return failed('docx', {}, coded('docx_unreadable', doc.error, { detail: doc.error }));
      if (!doc.text.trim()) return failed('docx', {}, coded('empty_file', 'empty file (the document has no text)'));
      return withDrafts(
        'docx',
        {},
        buildDrafts({ ...common, original: doc.text, base: doc.text, baseMap: null, hints: { title: doc.title ?? undefined }, fileWarnings: [] }),
      );
    }
  } catch (e) {
    cancel.rethrowIfCancelled();
    return failed('docx', {}, coded('file_unreadable', `could not read the file: ${(e as Error).message}`, { detail: (e as Error).message }));
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const decoded = decodeBytes(bytes, options.encoding, format === 'html' || !format ? sniffHtmlCharset(head) : null);
  if ('error' in decoded) return failed(format || 'txt', {}, coded('binary_file', decoded.error, { at: decoded.nulAt }));
  const { text } = decoded;
  if (!format) format = /^\s*(<!doctype html|<html|<head|<body)/i.test(text) ? 'html' : 'txt';
  const base = { format, encoding: decoded.encoding, encodingConfidence: decoded.confidence };
  if (!text.trim()) return failed(format, base, coded('empty_file', 'empty file'));
  try {
    if (format === 'txt') {
      return withDrafts(format, base, buildDrafts({ ...common, original: text, base: text, baseMap: null, hints: {}, fileWarnings: decoded.warnings }));
    }
    if (format === 'html') {
      const page = extractHtml(text, check);
      if (!page.text.trim()) return failed(format, base, coded('html_no_article', 'no article text found in the HTML'));
      const hints: Partial<DocumentMetadata> = {
        title: page.title ?? undefined,
        date: page.date ? (parseDate(page.date) ?? undefined) : undefined,
        source: page.source ?? undefined,
        reporters: page.author ? page.author.split(/[\s,，、]+/).filter(Boolean) : undefined,
      };
      return withDrafts(format, base, buildDrafts({ ...common, original: text, base: page.text, baseMap: page.map, hints, fileWarnings: decoded.warnings }));
    }
    let parsed: ParsedRecords | { error: CodedProblem };
    if (format === 'jsonl') parsed = parseJsonl(text, check);
    else if (format === 'json') parsed = parseJson(text);
    else parsed = parseDelimited(text, format === 'tsv' ? '\t' : ',', check);
    if ('error' in parsed) return failed(format, base, parsed.error);
    const problems: Problem[] = [...parsed.problems];
    const drafts: DocumentDraft[] = [];
    for (const record of parsed.records) {
      check?.();
      drafts.push(...recordDrafts(record, options, common, decoded.warnings, problems));
    }
    if (!drafts.length && !problems.length) return failed(format, base, coded('no_records', 'no records found'));
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return outcome(format, { ...base, drafts, problems });
  } catch (e) {
    cancel.rethrowIfCancelled();
    // Nothing here should throw on bad input; if something does, the file fails, not the batch.
    return failed(format, base, coded('file_unreadable', `could not read the file: ${(e as Error).message}`, { detail: (e as Error).message }));
  }
}

function field(fields: Record<string, unknown>, key: string, mapping: Record<string, string | undefined>): unknown {
  const mapped = mapping[key];
  if (mapped) return fields[mapped];
  const lower = new Map(Object.keys(fields).map((k) => [k.toLowerCase(), k]));
  for (const name of FIELD_NAMES[key]) {
    const k = lower.get(name);
    if (k !== undefined && fields[k] !== null && fields[k] !== '') return fields[k];
  }
  return undefined;
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined);

function recordDrafts(
  record: RawRecord,
  options: Options,
  common: { fileName: string; normalize: NormalizeOptions; split: boolean },
  fileWarnings: ImportWarning[],
  problems: Problem[],
): DocumentDraft[] {
  const where = record.line !== undefined ? `line ${record.line}` : `record ${record.index}`;
  const mapping = options.fieldMapping ?? {};
  const text = field(record.fields, 'text', mapping);
  if (typeof text !== 'string' || !text.trim()) {
    const why = `${where} has no text field${mapping.text ? ` ('${mapping.text}')` : ''}`;
    problems.push({ line: record.line, ...coded('record_no_text', why, { field: mapping.text ?? 'text' }) });
    return [];
  }
  const rawDate = asString(field(record.fields, 'date', mapping));
  const id = asString(field(record.fields, 'id', mapping));
  const hints: Partial<DocumentMetadata> = {
    title: asString(field(record.fields, 'title', mapping)),
    date: rawDate ? (parseDate(rawDate) ?? undefined) : undefined,
    source: asString(field(record.fields, 'source', mapping)),
    url: asString(field(record.fields, 'url', mapping)),
    district: asString(field(record.fields, 'district', mapping)),
    externalId: id ?? `${common.fileName}:${record.line ?? record.index}`,
  };
  const { spans, invalid } = recordSpans(record.fields, text);
  for (const s of invalid) {
    const why = `${where}: span ${s.start}-${s.end} (${s.label}) is outside the text`;
    problems.push({ line: record.line, ...coded('span_outside_text', why, { label: s.label, start: s.start, end: s.end, length: text.length }) });
  }
  // A record is one document; splitting it would break the offsets of the spans it carries.
  const drafts = buildDrafts({ ...common, split: false, original: text, base: text, baseMap: null, hints, fileWarnings });
  const draft = drafts[0];
  if (!draft) {
    problems.push({ line: record.line, ...coded('no_text_after_normalization', `${where} has no text left after normalization`) });
    return [];
  }
  for (const s of spans) {
    const r = mapToNormalized(draft.offsetMap, s.start, s.end);
    const why = `${where}: span ${s.start}-${s.end} (${s.label}) was removed by normalization`;
    if (r.end <= r.start) problems.push({ line: record.line, ...coded('span_removed_by_normalization', why, { label: s.label, start: s.start, end: s.end }) });
    else draft.spans.push({ ...s, start: r.start, end: r.end });
  }
  return [draft];
}

type Span = DocumentDraft['spans'][number];

/** Spans a record carries: {start,end,label} objects (UTF-16) or doccano [start,end,label] (code points). */
function recordSpans(fields: Record<string, unknown>, text: string): { spans: Span[]; invalid: Span[] } {
  const out: Span[] = [];
  for (const key of ['spans', 'entities']) {
    const list = fields[key];
    if (!Array.isArray(list)) continue;
    for (const s of list) {
      if (s && typeof s === 'object' && Number.isInteger(s.start) && Number.isInteger(s.end) && typeof s.label === 'string') {
        out.push({
          start: s.start,
          end: s.end,
          label: s.label,
          ...(s.attributes ? { attributes: s.attributes } : {}),
          ...(s.annotator ? { annotator: s.annotator } : {}),
        });
      }
    }
  }
  for (const key of ['label', 'labels']) {
    const list = fields[key];
    if (!Array.isArray(list)) continue;
    for (const s of list) {
      if (Array.isArray(s) && Number.isInteger(s[0]) && Number.isInteger(s[1]) && typeof s[2] === 'string') {
        try {
          const [start, end] = codePointsToUtf16(text, [s[0], s[1]]);
          out.push({ start, end, label: s[2] });
        } catch {
          out.push({ start: s[0], end: s[1], label: s[2] }); // past the end: reported as invalid
        }
      }
    }
  }
  const ok = (s: Span) => s.start >= 0 && s.end > s.start && s.end <= text.length;
  return { spans: out.filter(ok), invalid: out.filter((s) => !ok(s)) };
}
