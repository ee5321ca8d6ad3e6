// Training examples as the trainer needs them: gold tags per character and feature hashes, after
// dropping spans a character-level tagger cannot hold (overlaps) or that do not fit the text.
import { codePoints } from './chars';
import { charFeatures, extraFeatures } from './features';
import { encodeSpans } from './tags';
import type { TaggerExample } from './types';

export interface PreparedExample {
  n: number;
  gold: Int32Array;
  start: Int32Array;
  hashes: Int32Array;
}

export interface Prepared {
  labels: string[];
  examples: PreparedExample[];
  characters: number;
  spans: number;
  droppedOverlapping: number;
  droppedInvalid: number;
  hitNames: string[];
}

/** Character-index spans of one example: the longest of overlapping spans kept, then earlier first. */
function cleanSpans(example: TaggerExample, indexAt: (offset: number) => number, labelIndex: Map<string, number>, counts: Prepared) {
  const valid: { start: number; end: number; label: number }[] = [];
  for (const span of example.spans) {
    const start = indexAt(span.start);
    const end = indexAt(span.end);
    if (start < 0 || end <= start || typeof span.label !== 'string') counts.droppedInvalid++;
    else valid.push({ start, end, label: labelIndex.get(span.label)! });
  }
  valid.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(example.text.length + 1);
  const kept: typeof valid = [];
  for (const span of valid) {
    let free = true;
    for (let i = span.start; i < span.end && free; i++) free = taken[i] === 0;
    if (!free) {
      counts.droppedOverlapping++;
      continue;
    }
    taken.fill(1, span.start, span.end);
    kept.push(span);
  }
  counts.spans += kept.length;
  return kept;
}

export function prepareExamples(examples: TaggerExample[], words: boolean): Prepared {
  const labels = [...new Set(examples.flatMap((e) => e.spans.map((s) => s.label)).filter((l) => typeof l === 'string'))].sort();
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const prepared: Prepared = { labels, examples: [], characters: 0, spans: 0, droppedOverlapping: 0, droppedInvalid: 0, hitNames: [] };
  const hitNames = new Set<string>();
  for (const example of examples) {
    if (typeof example?.text !== 'string' || !Array.isArray(example.spans))
      throw new Error(`Training example ${prepared.examples.length + 1} needs a text and a list of spans.`);
    const points = codePoints(example.text);
    const n = points.codes.length;
    const spans = cleanSpans(example, points.indexAt, labelIndex, prepared);
    const { start, hashes } = charFeatures(points, extraFeatures(example.text, points, words, example.hits));
    prepared.examples.push({ n, gold: encodeSpans(n, spans), start, hashes });
    prepared.characters += n;
    for (const hit of example.hits ?? []) hitNames.add(hit.name);
  }
  prepared.hitNames = [...hitNames].sort();
  return prepared;
}
