// Biaozhu JSONL: one document per line, complete and lossless (text, original text, offset map,
// metadata, status, split, note, every span field and note). Offsets: UTF-16 `start`/`end` (end exclusive, as
// JavaScript counts) plus code-point `start_cp`/`end_cp` (as Python counts) into `text`, and
// UTF-16 `source_start`/`source_end` into `original_text` when known. Entities and relations (#23):
// a linked span has `entity` (an id of the entity table), a document with relations has
// `relations` [{id, type, from, to, annotator, review_state, created_at}] naming its spans by `id`,
// and the file's last line is the entity table {"biaozhu_entities": [{id, name, label, aliases,
// fields, note}]} when the project has entities (see docs/formats.md). Timing (#24): a span made by
// one coder action has `lead_time_ms`; a document a coder worked on has `timings` [{annotator,
// first_opened_at, done_at, active_ms, active_ms_at_done}].
import { DOCUMENT_STATUSES, type OriginDetail } from '../../model';
import { codePointLength, codePointsToUtf16, spanProblem } from '../../text/offsets';
import { assertExportable, codePointSpans, forEachJsonLine, isRecord, metadataFrom, stringRecord, writerOf } from '../common';
import { coded, spanOffsetsProblem, type CodedProblem, type ImportProblemCode, type ProblemParams } from '../problems';
import { draftEntityOf, draftRelationOf, entityJson, keepRelationsWithSpans, writtenRelations } from '../entities';
import type { DocumentDraft, DraftEntity, DraftRelation, DraftTiming } from '../../api/import';
import type { DraftSpan, ExchangeFile, ExportContext, ExportDocumentTiming, Exporter, ExportRelation, ExportSpan, ParseResult } from '../types';
import { MAX_RECORDED_ACTIVE_MS } from '../../api/timing';

/** The key of the entity table's record (the file's last line). */
export const ENTITY_TABLE_KEY = 'biaozhu_entities';

const SUGGESTION_SOURCES = new Set(['dictionary', 'gazetteer', 'pattern', 'model']);

/** A record's `origin_detail` when well-formed ({source, source_id, confidence in [0, 1]}); anything else is ignored. */
function originDetailOf(raw: unknown): OriginDetail | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { source, source_id: sourceId, confidence } = raw as Record<string, unknown>;
  if (typeof source !== 'string' || !SUGGESTION_SOURCES.has(source) || typeof sourceId !== 'string' || sourceId.length > 100) return null;
  if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) return null;
  return { source: source as OriginDetail['source'], sourceId, confidence };
}

/** A span as its JSON record: what JSON.stringify writes, in this key order. */
function spanRecord(s: ExportSpan, startCp: number, endCp: number): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: s.id,
    label: s.label,
    start: s.start,
    end: s.end,
    start_cp: startCp,
    end_cp: endCp,
    source_start: s.sourceStart ?? null,
    source_end: s.sourceEnd ?? null,
    attributes: s.attributes,
    annotator: s.annotator,
    origin: s.origin,
    review_state: s.reviewState,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
  // Few spans have a note, came from a suggestion or are linked: only their records have the key.
  if (s.entityId !== undefined) record.entity = s.entityId;
  if (s.note) record.note = s.note;
  if (s.originDetail) record.origin_detail = { source: s.originDetail.source, source_id: s.originDetail.sourceId, confidence: s.originDetail.confidence };
  if (s.leadTimeMs !== undefined) record.lead_time_ms = s.leadTimeMs;
  return record;
}

/** A coder's time on the document (#24) as its JSON record. */
const timingRecord = (t: ExportDocumentTiming) => ({
  annotator: t.annotator,
  first_opened_at: t.firstOpenedAt,
  done_at: t.doneAt,
  active_ms: t.activeMs,
  active_ms_at_done: t.activeMsAtDone,
});

/**
 * Writes the record exactly as `JSON.stringify(record)` of the fields below in this order gives it
 * (a test holds it to that). The two texts, most of a line's bytes, go through the writer's
 * jsonText: copied as stored when the export has them (ExportContext.storedUtf8), without a JSON
 * string and its UTF-8 copy in between; the rest is JSON.stringify's.
 */
function biaozhuJsonlExporterFor(): Exporter {
  return {
    format: 'biaozhu-jsonl',
    extension: '.jsonl',
    layout: 'file',
    spanDetails: 'all',
    utf8Texts: true,
    notes: true,
    entities: true,
    timing: true,
    begin: () => [],
    document(doc, ctx) {
      // Both offset systems are written, so the ctx.offsets choice does not change this format.
      assertExportable(doc, 'normalized');
      const spans = [...doc.spans].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
      const cp = codePointSpans(doc.text, spans);
      const m = doc.metadata;
      const metadata = { title: m.title, date: m.date, source: m.source, district: m.district, url: m.url, reporters: m.reporters, externalId: m.externalId };
      const out = writerOf(ctx);
      out.clear();
      out.text(`{"id":${JSON.stringify(doc.id)},"text":`);
      const textUtf8 = ctx.storedUtf8?.(doc, 'text');
      out.jsonText(doc.text, textUtf8);
      out.text(
        `,"metadata":${JSON.stringify(metadata)},"status":${JSON.stringify(doc.status)}${doc.split ? `,"split":${JSON.stringify(doc.split)}` : ''}${doc.note ? `,"note":${JSON.stringify(doc.note)}` : ''},"original_text":`,
      );
      // Often nothing was normalized: the original text is the text, whose stored bytes are at hand.
      out.jsonText(doc.originalText, doc.originalText === doc.text ? textUtf8 : ctx.storedUtf8?.(doc, 'originalText'));
      const records = spans.map((s, i) => spanRecord(s, cp.start[i]!, cp.end[i]!));
      const relations = writtenRelations(
        doc,
        spans.map((s) => s.id),
      ).map(relationRecord);
      out.text(
        `,"offset_map":${JSON.stringify(doc.offsetMap ?? [0, doc.text.length, 0, doc.originalText.length])},"spans":${JSON.stringify(records)}${relations.length ? `,"relations":${JSON.stringify(relations)}` : ''}${doc.timings?.length ? `,"timings":${JSON.stringify(doc.timings.map(timingRecord))}` : ''}}\n`,
      );
      return { chunks: [{ path: '', text: out.take() }], dropped: [] };
    },
    end: (ctx) => entityTableChunks(ctx),
  };
}

const relationRecord = (r: ExportRelation) => ({
  id: r.id,
  type: r.type,
  from: r.fromId,
  to: r.toId,
  annotator: r.annotator,
  review_state: r.reviewState,
  created_at: r.createdAt,
});

/** The entity table as the file's last line; nothing when the project has no entities. */
function entityTableChunks(ctx: ExportContext): { path: string; text: string }[] {
  if (!ctx.entities?.size) return [];
  const table = [...ctx.entities.values()].sort((a, b) => a.id - b.id).map(entityJson);
  return [{ path: '', text: `${JSON.stringify({ [ENTITY_TABLE_KEY]: table })}\n` }];
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
    if (map[i] !== next)
      return coded('offset_map_gap', `offset_map segment ${segment} starts at ${map[i]}, expected ${next}`, { segment, at: map[i], expected: next });
    if (map[i + 2] + map[i + 3] > originalLength)
      return coded('offset_map_past_original', `offset_map segment ${segment} points past the original text`, { segment });
    next += map[i + 1];
  }
  return next === textLength ? null : coded('offset_map_incomplete', `offset_map covers ${next} of ${textLength} units`, { covered: next, length: textLength });
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const isIsoTime = (value: unknown): value is string => typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));

export function parseBiaozhuJsonl(file: ExchangeFile, out: ParseResult): void {
  const firstDraft = out.drafts.length;
  let table: Map<string, DraftEntity> | null = null;
  const links: { span: DraftSpan; entity: string; line: number }[] = [];
  forEachJsonLine(file, out.problems, (record, line) => {
    const report = (code: ImportProblemCode, message: string, params?: ProblemParams) =>
      out.problems.push({ file: file.name, line, ...coded(code, message, params) });
    if (Array.isArray(record[ENTITY_TABLE_KEY])) {
      table = entityTable(record[ENTITY_TABLE_KEY] as unknown[], table ?? new Map());
      return;
    }
    if (typeof record.text !== 'string') return report('no_text', 'record has no "text"');
    const text = record.text;
    let originalText = typeof record.original_text === 'string' ? record.original_text : text;
    let offsetMap = record.offset_map as number[];
    const mapProblem = offsetMapProblem(offsetMap, text.length, originalText.length);
    if (mapProblem) {
      if (record.offset_map !== undefined || originalText !== text)
        report(mapProblem.code, `${mapProblem.message}; original text replaced by the text`, mapProblem.params);
      originalText = text;
      offsetMap = [0, text.length, 0, text.length];
    }
    const spans: DraftSpan[] = [];
    const cpLen = codePointLength(text);
    for (const raw of Array.isArray(record.spans) ? record.spans : []) {
      const span = readSpan(raw, text, cpLen, report);
      if (!span) continue;
      if (isRecord(raw) && (typeof raw.entity === 'number' || typeof raw.entity === 'string')) links.push({ span, entity: String(raw.entity), line });
      spans.push(span);
    }
    const fields = isRecord(record.metadata) ? record.metadata : {};
    const externalId = 'externalId' in fields ? fields.externalId : record.id;
    const metadata = metadataFrom({ ...fields, externalId }, text, `${file.name} ${line}`);
    const status = DOCUMENT_STATUSES.find((s) => s === record.status);
    const note = typeof record.note === 'string' && record.note ? { note: record.note } : {};
    const relations: DraftRelation[] = [];
    for (const raw of Array.isArray(record.relations) ? record.relations : []) {
      const relation = draftRelationOf(raw, line);
      if ('code' in relation) report(relation.code, relation.message, relation.params);
      else relations.push(relation);
    }
    const draft: DocumentDraft = {
      metadata,
      originalText,
      text,
      offsetMap,
      steps: [],
      warnings: [],
      removed: [],
      spans,
      ...(status ? { status } : {}),
      ...note,
    };
    if (relations.length) draft.relations = relations;
    const timings = readTimings(record.timings, report);
    if (timings.length) draft.timings = timings;
    out.drafts.push(draft);
  });
  resolveLinks(file, out, firstDraft, table ?? new Map(), links);
  for (const draft of out.drafts.slice(firstDraft)) {
    keepRelationsWithSpans(draft, (problem, line) => out.problems.push({ file: file.name, ...(line === undefined ? {} : { line }), ...problem }));
  }
}

type Report = (code: ImportProblemCode, message: string, params?: ProblemParams) => void;

/** One span record; null (reported) when it has no label or its offsets do not fit the text. */
function readSpan(raw: unknown, text: string, cpLen: number, report: Report): DraftSpan | null {
  if (!isRecord(raw) || typeof raw.label !== 'string' || raw.label === '') {
    report('span_no_label', 'span without a label; skipped');
    return null;
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
    return null;
  }
  const span: DraftSpan = { start: start as number, end: end as number, label: raw.label };
  const attributes = stringRecord(raw.attributes);
  if (Object.keys(attributes).length > 0) span.attributes = attributes;
  if (typeof raw.annotator === 'string' && raw.annotator) span.annotator = raw.annotator;
  if (raw.origin === 'manual' || raw.origin === 'suggested') span.origin = raw.origin;
  const detail = span.origin === 'suggested' ? originDetailOf(raw.origin_detail) : null;
  if (detail) span.originDetail = detail;
  if (raw.review_state === 'pending' || raw.review_state === 'accepted' || raw.review_state === 'rejected') span.reviewState = raw.review_state;
  if (typeof raw.note === 'string' && raw.note) span.note = raw.note;
  // Timestamps that are not ISO times (hand-edited files) are left to the import's time.
  if (isIsoTime(raw.created_at)) span.createdAt = raw.created_at;
  if (isIsoTime(raw.updated_at)) span.updatedAt = raw.updated_at;
  if (typeof raw.id === 'number' || (typeof raw.id === 'string' && raw.id !== '')) span.ref = String(raw.id);
  if (raw.lead_time_ms !== undefined && raw.lead_time_ms !== null) {
    if (isDuration(raw.lead_time_ms)) span.leadTimeMs = raw.lead_time_ms;
    else
      report('timing_malformed', `span ${raw.id ?? ''}: lead_time_ms ${JSON.stringify(raw.lead_time_ms)} is not a whole number of milliseconds; left out`, {
        what: 'lead_time_ms',
      });
  }
  return span;
}

const isDuration = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_RECORDED_ACTIVE_MS;

/** A document's `timings` (#24): each {annotator, first_opened_at, done_at, active_ms, active_ms_at_done}; malformed ones reported and left out. */
function readTimings(raw: unknown, report: Report): DraftTiming[] {
  if (raw === undefined) return [];
  const timings: DraftTiming[] = [];
  for (const [i, t] of (Array.isArray(raw) ? raw : [raw]).entries()) {
    const done = isRecord(t) && (t.done_at === null || isIsoTime(t.done_at));
    const atDone = isRecord(t) && (t.active_ms_at_done === null || t.active_ms_at_done === undefined || isDuration(t.active_ms_at_done));
    if (!isRecord(t) || typeof t.annotator !== 'string' || !t.annotator || !isIsoTime(t.first_opened_at) || !done || !isDuration(t.active_ms) || !atDone) {
      report('timing_malformed', `timings[${i}] is not {annotator, first_opened_at, done_at, active_ms, active_ms_at_done}; left out`, {
        what: `timings[${i}]`,
      });
      continue;
    }
    const doneAt = t.done_at as string | null;
    timings.push({
      annotator: t.annotator,
      firstOpenedAt: t.first_opened_at as string,
      doneAt,
      activeMs: t.active_ms as number,
      activeMsAtDone: doneAt === null ? null : ((t.active_ms_at_done as number | null | undefined) ?? null),
    });
  }
  return timings;
}

/** Links spans to the file's entity table (its last line, read by now); the table goes with the file's first draft. */
function resolveLinks(
  file: ExchangeFile,
  out: ParseResult,
  firstDraft: number,
  entities: Map<string, DraftEntity>,
  links: { span: DraftSpan; entity: string; line: number }[],
): void {
  // The entity table is the file's last line: links are resolved once it is read.
  const first = out.drafts[firstDraft];
  if (first && entities.size > 0) first.entityTable = [...entities.values()];
  for (const { span, entity, line } of links) {
    const found = entities.get(entity);
    if (found) span.entity = found;
    else {
      const params = { span: span.ref ?? '', entity };
      out.problems.push({
        file: file.name,
        line,
        ...coded('entity_unknown', `span ${params.span} is linked to entity ${entity}, not in the file's entity table; imported unlinked`, params),
      });
    }
  }
}

/** The entity table record's entities by id; entries without a name and label are left out. */
function entityTable(rows: unknown[], into: Map<string, DraftEntity>): Map<string, DraftEntity> {
  for (const row of rows) {
    const entity = draftEntityOf(row);
    const id = isRecord(row) && (typeof row.id === 'number' || typeof row.id === 'string') ? String(row.id) : null;
    if (entity && id !== null) into.set(id, entity);
  }
  return into;
}
