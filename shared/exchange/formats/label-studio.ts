// Label Studio JSON: an array of tasks {id, data: {text, title, ...}, annotations: [{result}]}.
// A span is a result {id, from_name: 'label', to_name: 'text', type: 'labels', value: {start,
// end, text, labels: [LABEL]}}; each attribute is a per-region TextArea result with the same id
// and from_name = the attribute key. Offsets are code points, end exclusive: Label Studio's
// frontend converts selections to code points (fixCodePointsInRange), and the importer falls
// back to UTF-16 units when value.text only matches that way (older versions). Relations (#23) are
// results {"type": "relation", "from_id", "to_id", "direction": "right", "labels": [type]} between
// label regions; a linked span's region carries its entity as "meta": {"biaozhu_entity": {id, name, label}}.
import { codePointLength, codePointsToUtf16, spanProblem } from '../../text/offsets';
import {
  codePointSpans,
  identityDraft,
  isRecord,
  metadataFrom,
  resolvedUtf8,
  resolveDocument,
  splitPath,
  stripBom,
  writerOf,
  type ResolvedSpan,
} from '../common';
import { coded, type CodedProblem } from '../problems';
import { metadataFields } from './doccano';
import type { DraftSpan, ExchangeFile, ExportContext, ExportDocument, Exporter, ParseResult, Utf8Text } from '../types';
import type { DraftRelation } from '../../api/import';
import { draftEntityOf, keepRelationsWithSpans, writtenRelations } from '../entities';
import type { ExportWriter } from '../writer';

const EXTENSION = '.json';
const opened = new WeakMap<ExportContext, Set<string>>();
/** A result's labels and an attribute's start, made once per label or key. */
const pieces = new Map<string, string>();
function piece(key: string, make: () => string): string {
  let made = pieces.get(key);
  if (made === undefined) {
    if (pieces.size >= 1000) pieces.clear();
    pieces.set(key, (made = make()));
  }
  return made;
}
const labelsOf = (label: string) => piece(`L${label}`, () => `,"labels":[${JSON.stringify(label)}]}}`);
const textareaStart = (key: string) => piece(`A${key}`, () => `","from_name":${JSON.stringify(key)},"to_name":"text","type":"textarea","value":{"start":`);

/** {"id": String(span.id), "from_name": "label", ..., "value": {start, end, text — up to the labels, which differ. */
function writeLabelRegionStart(
  out: ExportWriter,
  text: string,
  spans: ResolvedSpan[],
  cp: { start: number[]; end: number[] },
  i: number,
  comma: boolean,
): void {
  const { span, start, end } = spans[i];
  out.text(comma ? ',{"id":"' : '{"id":"');
  out.number(span.id);
  out.text('","from_name":"label","to_name":"text","type":"labels","value":{"start":');
  out.number(cp.start[i]);
  out.text(',"end":');
  out.number(cp.end[i]);
  out.text(',"text":');
  out.jsonString(text, start, end);
}

/**
 * Writes a task exactly as `JSON.stringify(task)` of `{id, data: {text, ...metadata},
 * annotations: [{result}]}` gives it (a test holds it to that), without building a million
 * result objects: JSON.stringify of them cost half again the CPU time of the whole export.
 */
function writeTask(
  out: ExportWriter,
  doc: ExportDocument,
  text: string,
  utf8: Utf8Text | undefined,
  spans: ResolvedSpan[],
  cp: { start: number[]; end: number[] },
  ctx: ExportContext,
): void {
  const fields = JSON.stringify(metadataFields(doc));
  out.text(`{"id":${JSON.stringify(doc.id)},"data":{"text":`);
  out.jsonText(text, utf8);
  out.text(`${fields === '{}' ? '}' : `,${fields.slice(1)}`},"annotations":[{"result":[`);
  for (let i = 0; i < spans.length; i++) {
    const { span } = spans[i];
    writeLabelRegionStart(out, text, spans, cp, i, i > 0);
    const entity = span.entityId === undefined ? undefined : ctx.entities?.get(span.entityId);
    if (entity)
      out.text(
        `,"labels":${JSON.stringify([span.label])}},"meta":{"biaozhu_entity":${JSON.stringify({ id: entity.id, name: entity.name, label: entity.label })}}}`,
      );
    else out.text(labelsOf(span.label));
    // One textarea result per attribute, with the span's id and offsets.
    for (const key in span.attributes) {
      out.text(',{"id":"');
      out.number(span.id);
      out.text(textareaStart(key));
      out.number(cp.start[i]);
      out.text(',"end":');
      out.number(cp.end[i]);
      out.text(',"text":[');
      out.jsonString(span.attributes[key]);
      out.text(']}}');
    }
  }
  for (const r of writtenRelations(
    doc,
    spans.map((s) => s.span.id),
  )) {
    out.text(`,{"type":"relation","from_id":"${r.fromId}","to_id":"${r.toId}","direction":"right","labels":${JSON.stringify([r.type])}}`);
  }
  // Label Studio's lead_time: seconds spent on the annotation; ours is the task's, every coder's active time (#24).
  const activeMs = doc.timings?.reduce((sum, t) => sum + t.activeMs, 0);
  out.text(activeMs === undefined ? ']}]' : `],"lead_time":${JSON.stringify(activeMs / 1000)}}]`);
  writePredictions(out, text, spans, cp);
  out.text('}');
}

/**
 * Accepted suggestions (#22) also go out as Label Studio predictions: one prediction per source
 * (model_version `biaozhu-<source>[-<id>]`, score the mean confidence), each region with its own
 * score, so that Label Studio can show what the machine proposed beside what the coder kept. A
 * task without such spans has no "predictions" key: its JSON is as before.
 */
function writePredictions(out: ExportWriter, text: string, spans: ResolvedSpan[], cp: { start: number[]; end: number[] }): void {
  const bySource = new Map<string, number[]>();
  spans.forEach(({ span }, i) => {
    const detail = span.originDetail;
    if (!detail) return;
    const version = `biaozhu-${detail.source}${detail.sourceId ? `-${detail.sourceId}` : ''}`;
    const list = bySource.get(version);
    if (list) list.push(i);
    else bySource.set(version, [i]);
  });
  if (bySource.size === 0) return;
  out.text(',"predictions":[');
  let first = true;
  for (const [version, indexes] of bySource) {
    const score = indexes.reduce((sum, i) => sum + spans[i].span.originDetail!.confidence, 0) / indexes.length;
    // Scores are fractions: written as JSON writes them (the writers' number() is for offsets).
    out.text(`${first ? '' : ','}{"model_version":${JSON.stringify(version)},"score":${JSON.stringify(score)},"result":[`);
    indexes.forEach((i, n) => {
      const { span } = spans[i];
      writeLabelRegionStart(out, text, spans, cp, i, n > 0);
      out.text(`,"labels":[${JSON.stringify(span.label)}]},"score":${JSON.stringify(span.originDetail!.confidence)}}`);
    });
    out.text(']}');
    first = false;
  }
  out.text(']');
}

export const labelStudioExporter: Exporter = {
  format: 'label-studio',
  extension: EXTENSION,
  layout: 'file-per-split',
  spanDetails: 'attributes',
  utf8Texts: true,
  entities: true,
  timing: true,
  // The '[' of each file is written with its first task, so split files open only when used.
  begin(ctx) {
    opened.set(ctx, new Set());
    return [];
  },
  document(doc, ctx) {
    let files = opened.get(ctx);
    if (!files) opened.set(ctx, (files = new Set()));
    const { text, spans, drops } = resolveDocument(doc, ctx);
    const cp = codePointSpans(text, spans);
    const path = splitPath(doc.split, EXTENSION);
    const first = !files.has(path);
    files.add(path);
    const out = writerOf(ctx);
    out.clear();
    out.text(first ? '[\n' : ',\n');
    writeTask(out, doc, text, resolvedUtf8(doc, ctx), spans, cp, ctx);
    return { chunks: [{ path, text: out.take() }], dropped: drops.list() };
  },
  end(ctx) {
    const files = opened.get(ctx) ?? new Set<string>();
    opened.delete(ctx);
    if (files.size === 0) return [{ path: '', text: '[]\n' }];
    return [...files].map((path) => ({ path, text: '\n]\n' }));
  },
};

interface Region {
  start: unknown;
  end: unknown;
  text: unknown;
  labels: string[];
  attributes: [string, string][];
  entity: unknown;
}

/** A relation result's relations, one per label (a relation without a label has no type to import). */
function relationsOf(item: Record<string, unknown>): { from: string; to: string; type: string }[] {
  const ends = [item.from_id, item.to_id].map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''));
  // The reversed direction names its ends the other way round.
  const [from, to] = item.direction === 'left' ? [ends[1]!, ends[0]!] : [ends[0]!, ends[1]!];
  const labels = Array.isArray(item.labels) ? item.labels : [];
  return labels.flatMap((type) => (typeof type === 'string' && type && !/\s/.test(type) && from && to ? [{ from, to, type }] : []));
}

/** The spans of one task: regions of every annotation (not cancelled), identical ones once. */
function taskSpans(task: Record<string, unknown>, text: string, report: (problem: CodedProblem) => void): { spans: DraftSpan[]; relations: DraftRelation[] } {
  const annotations = Array.isArray(task.annotations) ? task.annotations : Array.isArray(task.completions) ? task.completions : [];
  const seen = new Set<string>();
  const spans: DraftSpan[] = [];
  const relations: DraftRelation[] = [];
  /** Each span's ref (its first region's id), by place and label: a span seen in two annotations is one. */
  const refOfKey = new Map<string, string>();
  const cpLen = codePointLength(text);
  for (const annotation of annotations) {
    if (!isRecord(annotation) || annotation.was_cancelled === true || !Array.isArray(annotation.result)) continue;
    const by = annotation.completed_by;
    const annotator = typeof by === 'string' ? by : isRecord(by) && typeof by.email === 'string' ? by.email : undefined;
    const regions = new Map<string, Region>();
    const regionOf = (id: string, value: Record<string, unknown>) => {
      let r = regions.get(id);
      if (!r) regions.set(id, (r = { start: value.start, end: value.end, text: value.text, labels: [], attributes: [], entity: undefined }));
      return r;
    };
    const links: { from: string; to: string; type: string }[] = [];
    annotation.result.forEach((item, n) => {
      if (isRecord(item) && item.type === 'relation') return links.push(...relationsOf(item));
      if (!isRecord(item) || !isRecord(item.value)) return;
      const id = typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : `#${n}`;
      const value = item.value;
      if (item.type === 'labels' && Array.isArray(value.labels)) {
        const region = regionOf(id, value);
        region.labels.push(...value.labels.filter((l): l is string => typeof l === 'string'));
        if (isRecord(item.meta) && item.meta.biaozhu_entity !== undefined) region.entity = item.meta.biaozhu_entity;
      } else if (item.type === 'textarea' && Array.isArray(value.text) && typeof item.from_name === 'string') {
        regionOf(id, value).attributes.push([item.from_name, value.text.join('\n')]);
      } else if (item.type === 'choices' && Array.isArray(value.choices) && typeof item.from_name === 'string') {
        regionOf(id, value).attributes.push([item.from_name, value.choices.join(',')]);
      }
    });
    const unique = new Set<string>();
    const regionRef = new Map<string, string>();
    for (const [id, r] of regions) {
      if (r.labels.length === 0) continue;
      const { start, end } = r;
      if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) {
        const params = { region: id, start: JSON.stringify(start) ?? '', end: JSON.stringify(end) ?? '' };
        report(coded('label_studio_region_no_offsets', `region ${id} has no plain-text offsets (${params.start}-${params.end}); skipped`, params));
        continue;
      }
      let [s, e] = [start as number, end as number];
      const asCp = e <= cpLen ? codePointsToUtf16(text, [s, e]) : null;
      const mention = typeof r.text === 'string' ? r.text : null;
      if (asCp && (mention === null || text.slice(asCp[0], asCp[1]) === mention)) [s, e] = asCp;
      else if (mention === null || spanProblem(text, s, e) !== null || text.slice(s, e) !== mention) {
        const message = `region ${id} ${s}-${e} ${mention === null ? 'is past the end of the text' : `does not cover "${mention}"`}; skipped`;
        if (mention === null) report(coded('label_studio_region_past_end', message, { region: id, start: s, end: e, length: cpLen }));
        else report(coded('label_studio_region_mismatch', message, { region: id, start: s, end: e, mention }));
        continue;
      } // else: UTF-16 offsets from an older Label Studio
      const attributes = Object.fromEntries(r.attributes);
      for (const label of r.labels) {
        const key = `${s}:${e}:${label}`;
        if (!regionRef.has(id)) regionRef.set(id, refOfKey.get(key) ?? id);
        if (seen.has(key)) continue;
        unique.add(key);
        const span: DraftSpan = { start: s, end: e, label };
        if (!refOfKey.has(key)) refOfKey.set(key, (span.ref = id));
        const entity = r.entity === undefined ? null : draftEntityOf({ label, ...(r.entity as object) });
        if (entity) span.entity = entity;
        if (r.attributes.length > 0) span.attributes = attributes;
        if (annotator) span.annotator = annotator;
        spans.push(span);
      }
    }
    for (const key of unique) seen.add(key);
    const endOf = (region: string) => regionRef.get(region) ?? region;
    relations.push(...links.map((l) => ({ type: l.type, from: endOf(l.from), to: endOf(l.to), ...(annotator ? { annotator } : {}) })));
  }
  return { spans, relations };
}

export function parseLabelStudio(file: ExchangeFile, out: ParseResult): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(file.text));
  } catch (error) {
    const detail = (error as Error).message;
    out.problems.push({ file: file.name, ...coded('not_json', `not valid JSON: ${detail}`, { detail }) });
    return;
  }
  const tasks = Array.isArray(parsed) ? parsed : [parsed];
  tasks.forEach((task, index) => {
    // Each problem names its task (the file has no lines to name): `task` among the values.
    const report = (problem: CodedProblem) =>
      out.problems.push({
        file: file.name,
        message: `task ${index + 1}: ${problem.message}`,
        code: problem.code,
        params: { ...problem.params, task: index + 1 },
      });
    if (!isRecord(task) || !isRecord(task.data)) return report(coded('label_studio_not_task', 'not a task with "data"'));
    const data = task.data;
    const text = typeof data.text === 'string' ? data.text : Object.values(data).find((v): v is string => typeof v === 'string');
    if (text === undefined) return report(coded('label_studio_no_text', 'task data has no text'));
    const { spans, relations } = taskSpans(task, text, report);
    const draft = identityDraft(text, metadataFrom({ id: task.id, ...data }, text, `${file.name} ${index + 1}`), spans);
    draft.relations = relations;
    keepRelationsWithSpans(draft, report);
    out.drafts.push(draft);
  });
}
