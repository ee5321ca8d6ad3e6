// What the reader needs to know about spans: which spans touch each unit, and each span's lane
// (the row its underline is drawn in, so nested and overlapping spans never share a line).
import type { Annotation } from '../../../shared/model';
import { unitsInRange, type TextModel } from './textModel';

export interface Segment {
  start: number;
  end: number;
  /** Spans covering the whole segment (empty for plain text). */
  ids: number[];
}

export class SpanIndex {
  readonly spans = new Map<number, Annotation>();
  private readonly byUnit: Set<number>[];
  private readonly lanes = new Map<number, number>();
  /** Spans in document order, kept sorted by insertion so lanes never need a full sort. */
  private sorted: Annotation[] = [];
  private readonly laneEnds: number[] = [];

  constructor(
    private readonly model: TextModel,
    annotations: Iterable<Annotation>,
  ) {
    this.byUnit = model.units.map(() => new Set<number>());
    for (const a of annotations) this.insert(a, false);
    this.sorted = [...this.spans.values()].sort(byPosition);
    this.updateLanes();
  }

  lane(id: number): number {
    return this.lanes.get(id) ?? 0;
  }

  /**
   * Applies changes and returns the units to re-render: those the changed spans touch(ed), plus
   * those of spans whose lane moved as a consequence.
   */
  apply(changes: { before?: Annotation | null; after?: Annotation | null }[]): Set<number> {
    const dirty = new Set<number>();
    for (const { before, after } of changes) {
      if (before) for (const u of this.remove(before.id)) dirty.add(u);
      if (after) for (const u of this.insert(after)) dirty.add(u);
    }
    for (const id of this.updateLanes()) {
      const span = this.spans.get(id);
      if (span) for (const u of unitsInRange(this.model, span.start, span.end)) dirty.add(u);
    }
    return dirty;
  }

  /**
   * Gives a span another id (the server's, for one created here) keeping its lane. Returns the
   * units to re-render: none, unless the new id reorders it among spans on the same characters.
   */
  rename(oldId: number, renamed: Annotation): Set<number> {
    const lane = this.lanes.get(oldId);
    this.remove(oldId);
    this.insert(renamed);
    if (lane !== undefined) this.lanes.set(renamed.id, lane);
    const dirty = new Set<number>();
    for (const id of this.updateLanes()) {
      const span = this.spans.get(id);
      if (span) for (const u of unitsInRange(this.model, span.start, span.end)) dirty.add(u);
    }
    return dirty;
  }

  /** Cuts a unit at every span boundary inside it; each piece lists the spans covering it. */
  segments(unitIndex: number): Segment[] {
    const unit = this.model.units[unitIndex];
    const ids = this.byUnit[unitIndex];
    if (unit.end === unit.start) return [];
    if (ids.size === 0) return [{ start: unit.start, end: unit.end, ids: [] }];
    const cuts = new Set<number>([unit.start, unit.end]);
    const spans: Annotation[] = [];
    for (const id of ids) {
      const s = this.spans.get(id);
      if (!s) continue;
      spans.push(s);
      if (s.start > unit.start && s.start < unit.end) cuts.add(s.start);
      if (s.end > unit.start && s.end < unit.end) cuts.add(s.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out: Segment[] = [];
    for (let i = 0; i < points.length - 1; i++) {
      const start = points[i];
      const end = points[i + 1];
      const covering = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
      out.push({ start, end, ids: covering });
    }
    return out;
  }

  /** Spans in document order (start, then longer first). */
  ordered(): readonly Annotation[] {
    return this.sorted;
  }

  private insert(a: Annotation, keepSorted = true): number[] {
    this.spans.set(a.id, a);
    if (keepSorted) this.sorted.splice(this.position(a), 0, a);
    const units = unitsInRange(this.model, a.start, a.end);
    for (const u of units) this.byUnit[u].add(a.id);
    return units;
  }

  private remove(id: number): number[] {
    const old = this.spans.get(id);
    if (!old) return [];
    this.spans.delete(id);
    this.lanes.delete(id);
    const at = this.position(old);
    if (this.sorted[at]?.id === id) this.sorted.splice(at, 1);
    else this.sorted = this.sorted.filter((s) => s.id !== id);
    const units = unitsInRange(this.model, old.start, old.end);
    for (const u of units) this.byUnit[u].delete(id);
    return units;
  }

  /** Index where a belongs in the sorted list (binary search). */
  private position(a: Annotation): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byPosition(this.sorted[mid], a) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Greedy interval colouring: outer (earlier, longer) spans take the lower lanes. One allocation-free
   * pass over the sorted spans (this runs on every keypress); returns the spans whose lane changed.
   */
  private updateLanes(): number[] {
    const changed: number[] = [];
    const laneEnds = this.laneEnds;
    laneEnds.length = 0;
    for (const span of this.sorted) {
      let lane = 0;
      while (lane < laneEnds.length && laneEnds[lane] > span.start) lane++;
      laneEnds[lane] = span.end;
      if (this.lanes.get(span.id) !== lane) {
        this.lanes.set(span.id, lane);
        changed.push(span.id);
      }
    }
    return changed;
  }
}

function byPosition(a: Annotation, b: Annotation): number {
  return a.start - b.start || b.end - a.end || a.id - b.id;
}
