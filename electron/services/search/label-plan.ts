// What labelling a set of hits would do, decided before anything is written, so that the preview
// and the write can never disagree: one plan, computed the same way for both.
//
// Rules (#21): a hit where this coder already has a span of the label on exactly those characters
// is skipped; a hit that would cut one of this coder's spans (overlap with neither containing the
// other) is a conflict, listed and not labelled; anything else becomes a span. Other coders' spans
// are layers of their own and never conflict. The batch's own earlier hits count as spans too, so
// two checked hits that cut each other give one span and one conflict, as they would one by one.

/** A span as the plan sees it: [start, end, labelId]. */
export type PlaceAndLabel = [start: number, end: number, labelId: number];

export interface PlannedHit {
  documentId: number;
  start: number;
  end: number;
}

/** Spans ordered by start, with the longest length, so the ones overlapping a range are found by binary search. */
class SpansByStart {
  private longest = 0;
  constructor(private readonly spans: PlaceAndLabel[] = []) {
    for (const [start, end] of spans) this.longest = Math.max(this.longest, end - start);
  }

  /** Appends a span starting at or after every span held (hits come in text order). */
  push(span: PlaceAndLabel): void {
    this.spans.push(span);
    this.longest = Math.max(this.longest, span[1] - span[0]);
  }

  /** Every span overlapping [start, end). */
  *overlapping(start: number, end: number): Generator<PlaceAndLabel> {
    const spans = this.spans;
    // A span overlapping [start, end) starts after start - longest: binary search for the first such.
    let low = 0;
    let high = spans.length;
    const from = start - this.longest;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (spans[middle][0] <= from) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < spans.length && spans[i][0] < end; i++) if (spans[i][1] > start) yield spans[i];
  }
}

const cuts = ([s, e]: PlaceAndLabel, start: number, end: number): boolean => !(s <= start && end <= e) && !(start <= s && e <= end);

export class LabelPlan {
  readonly create: PlannedHit[] = [];
  alreadyLabelled = 0;
  readonly conflicts: PlannedHit[] = [];

  constructor(readonly labelId: number) {}

  /**
   * Plans one document's hits. `hits`: in text order (by start, then end). `existing`: this coder's
   * spans in the document, ordered by start.
   */
  addDocument(documentId: number, hits: readonly { start: number; end: number }[], existing: PlaceAndLabel[]): void {
    const spans = new SpansByStart(existing);
    const planned = new SpansByStart();
    for (const { start, end } of hits) {
      const near = [...spans.overlapping(start, end), ...planned.overlapping(start, end)];
      if (near.some(([s, e, label]) => s === start && e === end && label === this.labelId)) this.alreadyLabelled++;
      else if (near.some((span) => cuts(span, start, end))) this.conflicts.push({ documentId, start, end });
      else {
        this.create.push({ documentId, start, end });
        planned.push([start, end, this.labelId]);
      }
    }
  }
}
