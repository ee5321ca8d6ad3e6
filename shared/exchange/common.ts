// Helpers shared by the exporters and importers: validation, choosing the offsets to write,
// batch code-point conversion, draft construction and line reading.
import type { DocumentDraft } from '../api/import';
import type { DocumentMetadata } from '../model';
import { codePointLength, codePointsToUtf16, spanProblem, utf16ToCodePoints } from '../text/offsets';
import { coded, type CodedProblem } from './problems';
import { StringWriter } from './string-writer';
import type { DraftSpan, Dropped, ExchangeProblem, ExportContext, ExportDocument, ExportSpan, Utf8Text } from './types';
import type { ExportWriter } from './writer';

/**
 * Why a document cannot be exported, naming the document and the span, or null when it can.
 * Source offsets, when set, must be a range of originalText; with offsets 'source' a non-empty
 * one must also not split a surrogate pair.
 */
export function validateExportDocument(doc: ExportDocument, offsets: ExportContext['offsets'] = 'normalized'): string | null {
  for (const span of doc.spans) {
    const problem = spanExportProblem(doc, span, offsets);
    if (problem !== null) return `document ${doc.id}, span ${span.id}: ${problem}`;
  }
  return null;
}

const hasValue = (n: number | null | undefined): n is number => n !== undefined && n !== null;

/** What is wrong with one span of `doc`, or null. */
function spanExportProblem(doc: ExportDocument, span: ExportSpan, offsets: ExportContext['offsets']): string | null {
  if (typeof span.label !== 'string' || span.label.trim() === '') return 'label is empty';
  const problem = spanProblem(doc.text, span.start, span.end);
  if (problem !== null) return problem;
  const hasStart = hasValue(span.sourceStart);
  if (hasStart !== hasValue(span.sourceEnd)) return 'sourceStart and sourceEnd must be set together';
  if (!hasStart) return null;
  const s = span.sourceStart as number;
  const e = span.sourceEnd as number;
  // An empty source range (text normalization inserted) is not corrupt: a source export leaves
  // such a span out as 'no-source-offsets'.
  if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s || e > doc.originalText.length) {
    return `source offsets: ${s}-${e} is not a range of the original text (${doc.originalText.length})`;
  }
  const sourceProblem = offsets === 'source' && e > s ? spanProblem(doc.originalText, s, e) : null;
  return sourceProblem === null ? null : `source offsets: ${sourceProblem}`;
}

/** What exporters throw for a document they must not write; `problem` names the document and span. */
export class UnexportableDocument extends Error {
  constructor(readonly problem: string) {
    super(`Cannot export ${problem}`);
  }
}

export function assertExportable(doc: ExportDocument, offsets: ExportContext['offsets'] = 'normalized'): void {
  const problem = validateExportDocument(doc, offsets);
  if (problem) throw new UnexportableDocument(problem);
}

/** Spans a format dropped (or adjusted), by reason, with their ids: only those spans cost anything. */
export class DropCounter {
  private spans = new Map<string, number[]>();
  add(reason: string, span: ExportSpan): void {
    const ids = this.spans.get(reason);
    if (ids) ids.push(span.id);
    else this.spans.set(reason, [span.id]);
  }
  list(): Dropped[] {
    return [...this.spans].map(([reason, spanIds]) => ({ reason, count: spanIds.length, spanIds }));
  }
}

/** A span with the offsets this export writes (UTF-16 into `text` of its ResolvedDocument). */
export interface ResolvedSpan {
  span: ExportSpan;
  start: number;
  end: number;
}

export interface ResolvedDocument {
  /** doc.text, or doc.originalText with offsets 'source'. */
  text: string;
  /** Sorted by start, end, id. */
  spans: ResolvedSpan[];
  drops: DropCounter;
}

/** Validates (throwing on a corrupt span) and picks normalized or source offsets. */
export function resolveDocument(doc: ExportDocument, ctx: ExportContext): ResolvedDocument {
  assertExportable(doc, ctx.offsets);
  const drops = new DropCounter();
  const source = ctx.offsets === 'source';
  const spans: ResolvedSpan[] = [];
  for (const span of doc.spans) {
    if (!source) spans.push({ span, start: span.start, end: span.end });
    else if (span.sourceStart === undefined || span.sourceEnd === undefined || span.sourceEnd === span.sourceStart) drops.add('no-source-offsets', span);
    else spans.push({ span, start: span.sourceStart, end: span.sourceEnd });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.span.id - b.span.id);
  return { text: source ? doc.originalText : doc.text, spans, drops };
}

/**
 * What a format derives from a span's attributes, made once per attributes object in `cache`: the
 * export job gives every span with the same attributes the same object.
 */
export function derivedFromAttributes<T>(span: ExportSpan, cache: WeakMap<Record<string, string>, T>, derive: (attributes: Record<string, string>) => T): T {
  let derived = cache.get(span.attributes);
  if (derived === undefined) cache.set(span.attributes, (derived = derive(span.attributes)));
  return derived;
}

const plainWriters = new WeakMap<ExportContext, ExportWriter>();
/** The context's writer; for a context made without one (a test calling a format), a string writer of its own. */
export function writerOf(ctx: ExportContext): ExportWriter {
  if (ctx.writer) return ctx.writer;
  let writer = plainWriters.get(ctx);
  if (!writer) plainWriters.set(ctx, (writer = new StringWriter()));
  return writer;
}

/** The stored UTF-8 of resolveDocument's text, when the export has it (see ExportContext.storedUtf8). */
export const resolvedUtf8 = (doc: ExportDocument, ctx: ExportContext): Utf8Text | undefined =>
  ctx.storedUtf8?.(doc, ctx.offsets === 'source' ? 'originalText' : 'text');

/** Code-point offsets of every span, in one pass over the text. */
export function codePointSpans(text: string, spans: readonly { start: number; end: number }[]): { start: number[]; end: number[] } {
  const edges = new Array<number>(spans.length * 2);
  spans.forEach((s, i) => {
    edges[2 * i] = s.start;
    edges[2 * i + 1] = s.end;
  });
  const cp = utf16ToCodePoints(text, edges);
  return { start: spans.map((_, i) => cp[2 * i]!), end: spans.map((_, i) => cp[2 * i + 1]!) };
}

export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Whitespace for JavaScript's \s or Python's str.isspace(); such characters never become CoNLL tokens. */
export const WHITESPACE = /[\s\x1c-\x1f\x85]/u;

/** WHITESPACE for one UTF-16 unit, without a regular expression (hot loops). */
export function isWhitespaceUnit(u: number): boolean {
  if (u <= 0x20) return u === 0x20 || (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x1f);
  if (u < 0x85) return false;
  if (u > 0x3000) return u === 0xfeff; // Chinese text: one comparison
  return (
    u === 0x85 ||
    u === 0xa0 ||
    u === 0x1680 ||
    (u >= 0x2000 && u <= 0x200a) ||
    u === 0x2028 ||
    u === 0x2029 ||
    u === 0x202f ||
    u === 0x205f ||
    u === 0x3000 ||
    u === 0xfeff
  );
}

/** Non-empty lines with their 1-based numbers; tolerates \r\n. */
export function* lines(text: string): Generator<{ line: number; text: string }> {
  const all = stripBom(text).split('\n');
  for (let i = 0; i < all.length; i++) {
    const raw = all[i].endsWith('\r') ? all[i].slice(0, -1) : all[i];
    if (raw.trim() !== '') yield { line: i + 1, text: raw };
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);

/** A title for a draft whose format has none: the first non-empty line, shortened. */
export function deriveTitle(text: string, fallback: string): string {
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t) return [...t].length > 40 ? `${[...t].slice(0, 40).join('')}…` : t;
  }
  return fallback;
}

export function metadataFrom(fields: Record<string, unknown>, text: string, fallbackTitle: string): DocumentMetadata {
  const reporters = Array.isArray(fields.reporters) ? fields.reporters.filter((r): r is string => typeof r === 'string') : [];
  return {
    title: str(fields.title) ?? deriveTitle(text, fallbackTitle),
    date: str(fields.date),
    source: str(fields.source),
    district: str(fields.district),
    url: str(fields.url),
    reporters,
    externalId: str(fields.externalId ?? fields.external_id ?? fields.id),
  };
}

/** A draft whose original text is its text (identity offset map): every exchange format but biaozhu-jsonl. */
export function identityDraft(text: string, metadata: DocumentMetadata, spans: DraftSpan[]): DocumentDraft {
  return { metadata, originalText: text, text, offsetMap: [0, text.length, 0, text.length], steps: [], warnings: [], removed: [], spans };
}

export interface RawCpSpan {
  start: unknown;
  /** Exclusive. */
  end: unknown;
  label: string;
  attributes?: Record<string, string>;
  annotator?: string;
  /** Text the file says the span covers; checked when given. */
  mention?: string;
}

/**
 * Converts code-point spans read from a file to UTF-16 draft spans, reporting (and skipping)
 * spans out of range or whose mention text does not match.
 */
export function cpSpansToDraft(text: string, raw: RawCpSpan[], problem: (problem: CodedProblem) => void): DraftSpan[] {
  const cpLen = codePointLength(text);
  const ok: RawCpSpan[] = [];
  for (const s of raw) {
    const { start, end, label } = s;
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) {
      const params = { label, start: JSON.stringify(start) ?? '', end: JSON.stringify(end) ?? '' };
      problem(coded('span_offsets_not_integers', `span ${label} has non-integer offsets ${params.start}-${params.end}; skipped`, params));
    } else if (start < 0 || end <= start || end > cpLen) {
      const code = start < 0 ? 'span_negative_start' : end <= start ? 'span_empty' : 'span_past_end';
      problem(coded(code, `span ${label} ${start}-${end} is outside the text (${cpLen} characters); skipped`, { label, start, end, length: cpLen }));
    } else ok.push(s);
  }
  const units = codePointsToUtf16(
    text,
    ok.flatMap((s) => [s.start as number, s.end as number]),
  );
  const out: DraftSpan[] = [];
  ok.forEach((s, i) => {
    const start = units[2 * i];
    const end = units[2 * i + 1];
    if (s.mention !== undefined && text.slice(start, end) !== s.mention) {
      const covered = text.slice(start, end);
      const params = { label: s.label, start: s.start as number, end: s.end as number, covered, mention: s.mention };
      problem(coded('span_mention_mismatch', `span ${s.label} ${s.start}-${s.end} covers "${covered}", not "${s.mention}"; skipped`, params));
      return;
    }
    const span: DraftSpan = { start, end, label: s.label };
    if (s.attributes && Object.keys(s.attributes).length > 0) span.attributes = s.attributes;
    if (s.annotator) span.annotator = s.annotator;
    out.push(span);
  });
  return out;
}

export const stringRecord = (value: unknown): Record<string, string> =>
  isRecord(value) ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, String(v)]]))) : {};

/** Parses JSON Lines, reporting lines that are not JSON objects. */
export function forEachJsonLine(
  file: { name: string; text: string },
  problems: ExchangeProblem[],
  visit: (record: Record<string, unknown>, line: number) => void,
): void {
  for (const { line, text } of lines(file.text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const detail = (error as Error).message;
      problems.push({ file: file.name, line, ...coded('not_json', `not valid JSON: ${detail}`, { detail }) });
      continue;
    }
    if (!isRecord(value)) problems.push({ file: file.name, line, ...coded('not_json_object', 'not a JSON object') });
    else visit(value, line);
  }
}

export const baseName = (name: string): string => {
  const file = name.replace(/\\/g, '/').split('/').pop() ?? name;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
};

/** Output path of a document for layout 'file-per-split'. */
export const splitPath = (split: string | undefined, extension: string): string => (split ? `${split}${extension}` : '');
