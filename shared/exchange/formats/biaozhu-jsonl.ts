// Biaozhu JSONL: one document per line, complete and lossless (text, original text, offset map,
// metadata, status, split, note, every span field and note). Offsets: UTF-16 `start`/`end` (end exclusive, as
// JavaScript counts) plus code-point `start_cp`/`end_cp` (as Python counts) into `text`, and
// UTF-16 `source_start`/`source_end` into `original_text` when known.
import { DOCUMENT_STATUSES } from '../../model';
import { codePointLength, codePointsToUtf16, spanProblem } from '../../text/offsets';
import { assertExportable, codePointSpans, derivedFromAttributes, forEachJsonLine, isRecord, metadataFrom, stringRecord } from '../common';
import { coded, spanOffsetsProblem, type CodedProblem, type ImportProblemCode, type ProblemParams } from '../problems';
import { NUMBER_BYTES, putBytes, putNumber, utf8Bytes, Utf8Builder } from '../text-builder';
import type { DraftSpan, ExchangeFile, Exporter, ExportSpan, ParseResult } from '../types';

/** The constant stretches of a span's JSON, encoded once. */
const [SPAN_ID, END, START_CP, END_CP, SOURCE_START, SOURCE_END, ATTRIBUTES, UPDATED_AT, NULL, NOTE] = [
  '{"id":', ',"end":', ',"start_cp":', ',"end_cp":', ',"source_start":', ',"source_end":', ',"attributes":', ',"updated_at":', 'null', ',"note":',
].map(utf8Bytes);
/** A span's bytes besides its label, attributes, annotator stretch and times: keys, seven numbers, a comma and the closing brace. */
const SPAN_FIXED_BYTES = [SPAN_ID, END, START_CP, END_CP, SOURCE_START, SOURCE_END, ATTRIBUTES, UPDATED_AT].reduce((n, piece) => n + piece.length, 0) + 7 * NUMBER_BYTES + 2;

type Stretches = { label(label: string): Uint8Array; who(annotator: string, origin: string, reviewState: string): Uint8Array; time(time: string): Uint8Array };

/**
 * Stretches that depend on values few spans differ in, encoded once per value: the label (with
 * the keys around it), and annotator, origin and review state together.
 */
function stretches(): Stretches {
  const labels = new Map<string, Uint8Array>();
  const times = new Map<string, Uint8Array>();
  const whos = new Map<string, Map<string, Map<string, Uint8Array>>>();
  return {
    label(label) {
      let bytes = labels.get(label);
      if (bytes === undefined) {
        if (labels.size >= 1000) labels.clear();
        labels.set(label, (bytes = utf8Bytes(`,"label":${JSON.stringify(label)},"start":`)));
      }
      return bytes;
    },
    who(annotator, origin, reviewState) {
      let byOrigin = whos.get(annotator);
      if (byOrigin === undefined) {
        if (whos.size >= 1000) whos.clear();
        whos.set(annotator, (byOrigin = new Map()));
      }
      let byState = byOrigin.get(origin);
      if (byState === undefined) byOrigin.set(origin, (byState = new Map()));
      let bytes = byState.get(reviewState);
      if (bytes === undefined) {
        const json = `,"annotator":${JSON.stringify(annotator)},"origin":${JSON.stringify(origin)},"review_state":${JSON.stringify(reviewState)},"created_at":`;
        byState.set(reviewState, (bytes = utf8Bytes(json)));
      }
      return bytes;
    },
    /** A time as a JSON string: spans made together share theirs (an import, a suggestion run). */
    time(time) {
      let bytes = times.get(time);
      if (bytes === undefined) {
        if (times.size >= 10_000) times.clear();
        times.set(time, (bytes = utf8Bytes(JSON.stringify(time))));
      }
      return bytes;
    },
  };
}

const attributesBytes = (attributes: Record<string, string>): Uint8Array => utf8Bytes(JSON.stringify(attributes));

/**
 * The spans' JSON, one after another. A function of its own, like every hot loop that code follows
 * (see bench/analysis.md, item 23).
 */
function writeSpans(out: Utf8Builder, spans: readonly ExportSpan[], cp: { start: number[]; end: number[] }, attributesJson: WeakMap<Record<string, string>, Uint8Array>, pieces: Stretches): void {
  // Span by span, field by field into bytes, with one check of room per span: a million spans'
  // JSON strings were a third of the export, and a call per field half of what was left.
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    const attributes = derivedFromAttributes(s, attributesJson, attributesBytes);
    const label = pieces.label(s.label);
    const who = pieces.who(s.annotator, s.origin, s.reviewState);
    const created = pieces.time(s.createdAt);
    const updated = s.updatedAt === s.createdAt ? created : pieces.time(s.updatedAt);
    // Few spans have a note: only they pay for one, and only those lines have the key.
    const note = s.note ? utf8Bytes(JSON.stringify(s.note)) : null;
    const bytes = out.room(SPAN_FIXED_BYTES + label.length + attributes.length + who.length + created.length + updated.length + (note ? NOTE.length + note.length : 0));
    let at = out.size;
    if (i > 0) bytes[at++] = 0x2c;
    at = putBytes(bytes, at, SPAN_ID);
    at = putNumber(bytes, at, s.id);
    at = putBytes(bytes, at, label);
    at = putNumber(bytes, at, s.start);
    at = putBytes(bytes, at, END);
    at = putNumber(bytes, at, s.end);
    at = putBytes(bytes, at, START_CP);
    at = putNumber(bytes, at, cp.start[i]);
    at = putBytes(bytes, at, END_CP);
    at = putNumber(bytes, at, cp.end[i]);
    at = putBytes(bytes, at, SOURCE_START);
    at = s.sourceStart === undefined || s.sourceStart === null ? putBytes(bytes, at, NULL) : putNumber(bytes, at, s.sourceStart);
    at = putBytes(bytes, at, SOURCE_END);
    at = s.sourceEnd === undefined || s.sourceEnd === null ? putBytes(bytes, at, NULL) : putNumber(bytes, at, s.sourceEnd);
    at = putBytes(bytes, at, ATTRIBUTES);
    at = putBytes(bytes, at, attributes);
    at = putBytes(bytes, at, who);
    at = putBytes(bytes, at, created);
    at = putBytes(bytes, at, UPDATED_AT);
    at = putBytes(bytes, at, updated);
    if (note) {
      at = putBytes(bytes, at, NOTE);
      at = putBytes(bytes, at, note);
    }
    bytes[at++] = 0x7d;
    out.commit(at);
  }
}

/**
 * Writes the record as UTF-8 bytes, exactly what `JSON.stringify(record)` of the fields below in
 * this order gives (a test holds it to that): the two texts, most of a line's bytes, go from the
 * document's strings into the output without a JSON string and its UTF-8 copy in between.
 */
function biaozhuJsonlExporterFor(): Exporter {
  const out = new Utf8Builder(); // document() runs to completion: one builder serves every document
  const attributesJson = new WeakMap<Record<string, string>, Uint8Array>(); // see derivedFromAttributes
  const pieces = stretches();
  return {
    format: 'biaozhu-jsonl',
    extension: '.jsonl',
    layout: 'file',
    spanDetails: 'all',
    utf8Texts: true,
    notes: true,
    begin: () => [],
    document(doc, ctx) {
      // Both offset systems are written, so the ctx.offsets choice does not change this format.
      assertExportable(doc, 'normalized');
      const spans = [...doc.spans].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
      const cp = codePointSpans(doc.text, spans);
      const m = doc.metadata;
      const metadata = { title: m.title, date: m.date, source: m.source, district: m.district, url: m.url, reporters: m.reporters, externalId: m.externalId };
      out.clear();
      out.append(`{"id":${JSON.stringify(doc.id)},"text":`);
      const textFrom = out.size;
      const textUtf8 = ctx.storedUtf8?.(doc, 'text');
      if (textUtf8) out.appendJsonUtf8(textUtf8);
      else out.appendJsonString(doc.text);
      const textTo = out.size;
      out.append(`,"metadata":${JSON.stringify(metadata)},"status":${JSON.stringify(doc.status)}${doc.split ? `,"split":${JSON.stringify(doc.split)}` : ''}${doc.note ? `,"note":${JSON.stringify(doc.note)}` : ''},"original_text":`);
      // Often nothing was normalized: the original text is the text, whose JSON is written already.
      if (doc.originalText === doc.text) out.repeat(textFrom, textTo);
      else {
        const originalUtf8 = ctx.storedUtf8?.(doc, 'originalText');
        if (originalUtf8) out.appendJsonUtf8(originalUtf8);
        else out.appendJsonString(doc.originalText);
      }
      out.append(`,"offset_map":${JSON.stringify(doc.offsetMap ?? [0, doc.text.length, 0, doc.originalText.length])},"spans":[`);
      writeSpans(out, spans, cp, attributesJson, pieces);
      out.append(']}\n');
      return { chunks: [{ path: '', text: out.take() }], dropped: [] };
    },
    end: () => [],
  };
}

export const biaozhuJsonlExporter = biaozhuJsonlExporterFor();

/** Checks an offset map covers `text` and points into `original`; returns why not, or null. */
function offsetMapProblem(map: unknown, textLength: number, originalLength: number): CodedProblem | null {
  if (map === undefined) return coded('offset_map_missing', 'no offset_map');
  if (!Array.isArray(map) || map.length % 4 !== 0 || !map.every((n) => Number.isInteger(n) && n >= 0)) {
    return coded('offset_map_malformed', 'offset_map must be a list of non-negative integers in groups of four');
  }
  let next = 0;
  for (let i = 0; i < map.length; i += 4) {
    const segment = i / 4;
    if (map[i] !== next) return coded('offset_map_gap', `offset_map segment ${segment} starts at ${map[i]}, expected ${next}`, { segment, at: map[i], expected: next });
    if (map[i + 2] + map[i + 3] > originalLength) return coded('offset_map_past_original', `offset_map segment ${segment} points past the original text`, { segment });
    next += map[i + 1];
  }
  return next === textLength ? null : coded('offset_map_incomplete', `offset_map covers ${next} of ${textLength} units`, { covered: next, length: textLength });
}

export function parseBiaozhuJsonl(file: ExchangeFile, out: ParseResult): void {
  forEachJsonLine(file, out.problems, (record, line) => {
    const report = (code: ImportProblemCode, message: string, params?: ProblemParams) => out.problems.push({ file: file.name, line, ...coded(code, message, params) });
    if (typeof record.text !== 'string') return report('no_text', 'record has no "text"');
    const text = record.text;
    let originalText = typeof record.original_text === 'string' ? record.original_text : text;
    let offsetMap = record.offset_map as number[];
    const mapProblem = offsetMapProblem(offsetMap, text.length, originalText.length);
    if (mapProblem) {
      if (record.offset_map !== undefined || originalText !== text) report(mapProblem.code, `${mapProblem.message}; original text replaced by the text`, mapProblem.params);
      originalText = text;
      offsetMap = [0, text.length, 0, text.length];
    }
    const spans: DraftSpan[] = [];
    const cpLen = codePointLength(text);
    for (const raw of Array.isArray(record.spans) ? record.spans : []) {
      if (!isRecord(raw) || typeof raw.label !== 'string' || raw.label === '') {
        report('span_no_label', 'span without a label; skipped');
        continue;
      }
      let { start, end } = raw as { start: unknown; end: unknown };
      if ((start === undefined || end === undefined) && Number.isInteger(raw.start_cp) && Number.isInteger(raw.end_cp)) {
        // Hand-written records may carry only code points.
        const s = raw.start_cp as number;
        const e = raw.end_cp as number;
        if (s >= 0 && e <= cpLen) [start, end] = codePointsToUtf16(text, [s, e]);
      }
      const problem = typeof start === 'number' && typeof end === 'number' ? spanProblem(text, start, end) : 'offsets missing';
      if (problem) {
        const whatsWrong = spanOffsetsProblem(text, start, end, raw.label) ?? { code: 'span_offsets_missing' as const, params: { label: raw.label } };
        report(whatsWrong.code, `span ${raw.id ?? ''} (${raw.label}): ${problem}; skipped`, whatsWrong.params);
        continue;
      }
      const span: DraftSpan = { start: start as number, end: end as number, label: raw.label };
      const attributes = stringRecord(raw.attributes);
      if (Object.keys(attributes).length > 0) span.attributes = attributes;
      if (typeof raw.annotator === 'string' && raw.annotator) span.annotator = raw.annotator;
      if (raw.origin === 'manual' || raw.origin === 'suggested') span.origin = raw.origin;
      if (raw.review_state === 'pending' || raw.review_state === 'accepted' || raw.review_state === 'rejected') span.reviewState = raw.review_state;
      if (typeof raw.note === 'string' && raw.note) span.note = raw.note;
      spans.push(span);
    }
    const fields = isRecord(record.metadata) ? record.metadata : {};
    const externalId = 'externalId' in fields ? fields.externalId : record.id;
    const metadata = metadataFrom({ ...fields, externalId }, text, `${file.name} ${line}`);
    const status = DOCUMENT_STATUSES.find((s) => s === record.status);
    const note = typeof record.note === 'string' && record.note ? { note: record.note } : {};
    out.drafts.push({ metadata, originalText, text, offsetMap, steps: [], warnings: [], removed: [], spans, ...(status ? { status } : {}), ...note });
  });
}
