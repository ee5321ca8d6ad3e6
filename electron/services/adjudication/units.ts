// Disagreement units: pure logic over the coders' spans of one document. A span all coders have
// (same start, end and label) is agreed; the other spans, grouped where they overlap (or touch
// through a chain of overlaps), make the units. So every character where the coders' labels
// differ lies in exactly one unit, and agreed spans never make one on their own.

export interface UnitSpan {
  start: number;
  end: number;
  labelId: number;
}

export interface CoderSpans {
  coder: string;
  spans: UnitSpan[];
}

export interface RawUnit {
  start: number;
  end: number;
  /** Per coder (in the given order), that coder's spans in the unit which not every coder has. */
  spans: UnitSpan[][];
}

export const spanKey = (s: UnitSpan): string => `${s.start}:${s.end}:${s.labelId}`;

/** The spans every coder has, each once, in text order. */
export function agreedSpans(coders: readonly CoderSpans[]): UnitSpan[] {
  if (coders.length === 0) return [];
  const others = coders.slice(1).map((c) => new Set(c.spans.map(spanKey)));
  const seen = new Set<string>();
  const agreed: UnitSpan[] = [];
  for (const span of coders[0].spans) {
    const key = spanKey(span);
    if (seen.has(key) || !others.every((set) => set.has(key))) continue;
    seen.add(key);
    agreed.push(span);
  }
  return agreed.sort(byPlace);
}

const byPlace = (a: UnitSpan, b: UnitSpan): number => a.start - b.start || a.end - b.end || a.labelId - b.labelId;

export function disagreementUnits(coders: readonly CoderSpans[]): RawUnit[] {
  const agreed = new Set(agreedSpans(coders).map(spanKey));
  const open: { span: UnitSpan; coder: number }[] = [];
  coders.forEach((c, coder) => {
    const seen = new Set<string>();
    for (const span of c.spans) {
      const key = spanKey(span);
      if (agreed.has(key) || seen.has(key)) continue;
      seen.add(key);
      open.push({ span, coder });
    }
  });
  open.sort((a, b) => byPlace(a.span, b.span));
  const units: RawUnit[] = [];
  let current: RawUnit | null = null;
  for (const { span, coder } of open) {
    // Empty spans cannot be made in the editor; one still forms (or joins) a unit at its place.
    if (!current || span.start >= current.end) {
      if (current) units.push(current);
      current = { start: span.start, end: span.end, spans: coders.map(() => []) };
    }
    current.end = Math.max(current.end, span.end);
    current.spans[coder].push(span);
  }
  if (current) units.push(current);
  return units;
}
