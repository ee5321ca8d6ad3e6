// Span-level comparison of two coders in one document: exact and overlap matches per label, and
// which labels overlap which (the confusion matrix).
import type { PrecisionRecall } from './types';

/** One coder's spans of one label, sorted by start. */
export interface LabelSpans {
  start: number[];
  end: number[];
}

export interface MatchCounts {
  reference: number;
  other: number;
  matchedReference: number;
  matchedOther: number;
}

export const emptyCounts = (): MatchCounts => ({ reference: 0, other: 0, matchedReference: 0, matchedOther: 0 });

export function addCounts(into: MatchCounts, from: MatchCounts): void {
  into.reference += from.reference;
  into.other += from.other;
  into.matchedReference += from.matchedReference;
  into.matchedOther += from.matchedOther;
}

/** Spans at the very same offsets. Both lists sorted by start, then longest first. */
export function exactMatches(a: LabelSpans, b: LabelSpans): MatchCounts {
  let i = 0;
  let j = 0;
  let matched = 0;
  while (i < a.start.length && j < b.start.length) {
    const order = a.start[i] - b.start[j] || b.end[j] - a.end[i];
    if (order === 0) {
      matched++;
      i++;
      j++;
    } else if (order < 0) i++;
    else j++;
  }
  return { reference: a.start.length, other: b.start.length, matchedReference: matched, matchedOther: matched };
}

/** How many spans of `a` overlap at least one span of `b` (b sorted by start). */
function overlapping(a: LabelSpans, b: LabelSpans): number {
  if (b.start.length === 0) return 0;
  const reach = new Float64Array(b.start.length); // max end of b's first k + 1 spans
  let max = -1;
  for (let k = 0; k < b.start.length; k++) reach[k] = max = Math.max(max, b.end[k]);
  let count = 0;
  for (let i = 0; i < a.start.length; i++) {
    const before = startsBefore(b.start, a.end[i]);
    if (before > 0 && reach[before - 1] > a.start[i]) count++;
  }
  return count;
}

/** How many of the sorted `starts` are < `value`. */
export function startsBefore(starts: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A span matches when it overlaps a span of the other coder with the same label. */
export function overlapMatches(a: LabelSpans, b: LabelSpans): MatchCounts {
  return { reference: a.start.length, other: b.start.length, matchedReference: overlapping(a, b), matchedOther: overlapping(b, a) };
}

/**
 * Precision of the other coder against the reference, recall of the reference's spans, and F1
 * (their harmonic mean); null where a share has nothing to be a share of.
 */
export function precisionRecall(c: MatchCounts): PrecisionRecall {
  const precision = c.other === 0 ? null : c.matchedOther / c.other;
  const recall = c.reference === 0 ? null : c.matchedReference / c.reference;
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** All of one coder's spans in a document, sorted by start: parallel columns. */
export interface CoderSpans {
  start: number[];
  end: number[];
  label: number[];
}

/**
 * Adds to `counts` (size (labels + 1)², last row/column = none) every overlapping pair of a
 * reference span and another coder's span, and each span that overlaps nothing of the other.
 */
export function addConfusion(counts: Float64Array, labels: number, a: CoderSpans, b: CoderSpans): void {
  const none = labels;
  const width = labels + 1;
  const reach = new Float64Array(b.start.length);
  let max = -1;
  for (let k = 0; k < b.start.length; k++) reach[k] = max = Math.max(max, b.end[k]);
  const otherHit = new Uint8Array(b.start.length);
  for (let i = 0; i < a.start.length; i++) {
    let hit = false;
    for (let k = startsBefore(b.start, a.end[i]) - 1; k >= 0 && reach[k] > a.start[i]; k--) {
      if (b.end[k] > a.start[i]) {
        counts[a.label[i] * width + b.label[k]]++;
        otherHit[k] = 1;
        hit = true;
      }
    }
    if (!hit) counts[a.label[i] * width + none]++;
  }
  for (let k = 0; k < b.start.length; k++) if (!otherHit[k]) counts[none * width + b.label[k]]++;
}
