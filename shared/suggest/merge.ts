// Which proposals the coder sees (#22): one rule for every source.
// 1. None where a span of the coder already overlaps (the place is decided).
// 2. None that was rejected at exactly that place with that label.
// 3. Overlapping proposals: the one of highest confidence wins; then the longest; then by source
//    (dictionary, gazetteer, pattern, model: what the coder said before weighs most); then the
//    earliest. The others are dropped, not stacked, so Tab always walks a flat list.
import type { SuggestionRef, SuggestionSource } from '../api/suggestions';

export interface PlacedSpan {
  start: number;
  end: number;
}

export interface RejectedPlace extends PlacedSpan {
  labelId: number;
}

const SOURCE_RANK: Record<SuggestionSource, number> = { dictionary: 0, gazetteer: 1, pattern: 2, model: 3 };

const rejectedKey = (s: RejectedPlace) => `${s.start}:${s.end}:${s.labelId}`;

/** True when a proposal beats another over the same characters. */
export function beats(a: SuggestionRef, b: SuggestionRef): boolean {
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  const la = a.end - a.start;
  const lb = b.end - b.start;
  if (la !== lb) return la > lb;
  if (a.source !== b.source) return SOURCE_RANK[a.source] < SOURCE_RANK[b.source];
  return a.start < b.start;
}

/** Sorted spans as starts and a running max of ends, to ask "does anything overlap [s, e)?" in log time. */
class Occupied {
  private readonly starts: number[] = [];
  private readonly maxEnds: number[] = [];
  constructor(spans: readonly PlacedSpan[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    let maxEnd = -1;
    for (const span of sorted) {
      maxEnd = Math.max(maxEnd, span.end);
      this.starts.push(span.start);
      this.maxEnds.push(maxEnd);
    }
  }
  /** Some span starts before `end` and ends after `start`. */
  overlaps(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.maxEnds[lo - 1] > start;
  }
}

/** The proposals to show, in text order, none overlapping another or a span. */
export function mergeSuggestions(candidates: readonly SuggestionRef[], spans: readonly PlacedSpan[], rejected: readonly RejectedPlace[]): SuggestionRef[] {
  const occupied = new Occupied(spans);
  const rejectedPlaces = new Set(rejected.map(rejectedKey));
  const open = candidates.filter((c) => c.end > c.start && !occupied.overlaps(c.start, c.end) && !rejectedPlaces.has(rejectedKey(c)));
  const ranked = [...open].sort((a, b) => (beats(a, b) ? -1 : beats(b, a) ? 1 : 0));
  // Kept proposals never overlap each other, so an ordered array of them with binary search will do;
  // a few thousand per document at most.
  const byStart: SuggestionRef[] = [];
  for (const candidate of ranked) {
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid].start < candidate.start) lo = mid + 1;
      else hi = mid;
    }
    const before = byStart[lo - 1];
    const after = byStart[lo];
    if ((before && before.end > candidate.start) || (after && after.start < candidate.end)) continue;
    byStart.splice(lo, 0, candidate);
  }
  return byStart;
}
