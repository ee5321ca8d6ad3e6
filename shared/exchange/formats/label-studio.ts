// Label Studio JSON: an array of tasks {id, data: {text, title, ...}, annotations: [{result}]}.
// A span is a result {id, from_name: 'label', to_name: 'text', type: 'labels', value: {start,
// end, text, labels: [LABEL]}}; each attribute is a per-region TextArea result with the same id
// and from_name = the attribute key. Offsets are code points, end exclusive: Label Studio's
// frontend converts selections to code points (fixCodePointsInRange), and the importer falls
// back to UTF-16 units when value.text only matches that way (older versions).
import { codePointLength, codePointsToUtf16, spanProblem } from '../../text/offsets';
import { codePointSpans, identityDraft, isRecord, metadataFrom, resolveDocument, splitPath, stripBom } from '../common';
import { metadataFields } from './doccano';
import type { DraftSpan, ExchangeFile, ExportContext, Exporter, ParseResult } from '../types';

const EXTENSION = '.json';
const opened = new WeakMap<ExportContext, Set<string>>();

export const labelStudioExporter: Exporter = {
  format: 'label-studio',
  extension: EXTENSION,
  layout: 'file-per-split',
  spanDetails: 'attributes',
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
    const result: unknown[] = [];
    spans.forEach((s, i) => {
      const id = String(s.span.id);
      const start = cp.start[i];
      const end = cp.end[i];
      result.push({ id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text: text.slice(s.start, s.end), labels: [s.span.label] } });
      for (const [key, value] of Object.entries(s.span.attributes)) {
        result.push({ id, from_name: key, to_name: 'text', type: 'textarea', value: { start, end, text: [value] } });
      }
    });
    const task = { id: doc.id, data: { text, ...metadataFields(doc) }, annotations: [{ result }] };
    const path = splitPath(doc.split, EXTENSION);
    const first = !files.has(path);
    files.add(path);
    return { chunks: [{ path, text: `${first ? '[\n' : ',\n'}${JSON.stringify(task)}` }], dropped: drops.list() };
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
}

/** The spans of one task: regions of every annotation (not cancelled), identical ones once. */
function taskSpans(task: Record<string, unknown>, text: string, report: (message: string) => void): DraftSpan[] {
  const annotations = Array.isArray(task.annotations) ? task.annotations : Array.isArray(task.completions) ? task.completions : [];
  const seen = new Set<string>();
  const spans: DraftSpan[] = [];
  const cpLen = codePointLength(text);
  for (const annotation of annotations) {
    if (!isRecord(annotation) || annotation.was_cancelled === true || !Array.isArray(annotation.result)) continue;
    const by = annotation.completed_by;
    const annotator = typeof by === 'string' ? by : isRecord(by) && typeof by.email === 'string' ? by.email : undefined;
    const regions = new Map<string, Region>();
    const regionOf = (id: string, value: Record<string, unknown>) => {
      let r = regions.get(id);
      if (!r) regions.set(id, (r = { start: value.start, end: value.end, text: value.text, labels: [], attributes: [] }));
      return r;
    };
    annotation.result.forEach((item, n) => {
      if (!isRecord(item) || !isRecord(item.value)) return;
      const id = typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : `#${n}`;
      const value = item.value;
      if (item.type === 'labels' && Array.isArray(value.labels)) {
        regionOf(id, value).labels.push(...value.labels.filter((l): l is string => typeof l === 'string'));
      } else if (item.type === 'textarea' && Array.isArray(value.text) && typeof item.from_name === 'string') {
        regionOf(id, value).attributes.push([item.from_name, value.text.join('\n')]);
      } else if (item.type === 'choices' && Array.isArray(value.choices) && typeof item.from_name === 'string') {
        regionOf(id, value).attributes.push([item.from_name, value.choices.join(',')]);
      }
    });
    const unique = new Set<string>();
    for (const [id, r] of regions) {
      if (r.labels.length === 0) continue;
      const { start, end } = r;
      if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) {
        report(`region ${id} has no plain-text offsets (${JSON.stringify(start)}-${JSON.stringify(end)}); skipped`);
        continue;
      }
      let [s, e] = [start as number, end as number];
      const asCp = e <= cpLen ? codePointsToUtf16(text, [s, e]) : null;
      const mention = typeof r.text === 'string' ? r.text : null;
      if (asCp && (mention === null || text.slice(asCp[0], asCp[1]) === mention)) [s, e] = asCp;
      else if (mention === null || spanProblem(text, s, e) !== null || text.slice(s, e) !== mention) {
        report(`region ${id} ${s}-${e} ${mention === null ? 'is past the end of the text' : `does not cover "${mention}"`}; skipped`);
        continue;
      } // else: UTF-16 offsets from an older Label Studio
      const attributes = Object.fromEntries(r.attributes);
      for (const label of r.labels) {
        const key = `${s}:${e}:${label}`;
        if (seen.has(key)) continue;
        unique.add(key);
        const span: DraftSpan = { start: s, end: e, label };
        if (r.attributes.length > 0) span.attributes = attributes;
        if (annotator) span.annotator = annotator;
        spans.push(span);
      }
    }
    for (const key of unique) seen.add(key);
  }
  return spans;
}

export function parseLabelStudio(file: ExchangeFile, out: ParseResult): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(file.text));
  } catch (error) {
    out.problems.push({ file: file.name, message: `not valid JSON: ${(error as Error).message}` });
    return;
  }
  const tasks = Array.isArray(parsed) ? parsed : [parsed];
  tasks.forEach((task, index) => {
    const report = (message: string) => out.problems.push({ file: file.name, message: `task ${index + 1}: ${message}` });
    if (!isRecord(task) || !isRecord(task.data)) return report('not a task with "data"');
    const data = task.data;
    const text = typeof data.text === 'string' ? data.text : Object.values(data).find((v): v is string => typeof v === 'string');
    if (text === undefined) return report('task data has no text');
    const spans = taskSpans(task, text, report);
    out.drafts.push(identityDraft(text, metadataFrom({ id: task.id, ...data }, text, `${file.name} ${index + 1}`), spans));
  });
}
