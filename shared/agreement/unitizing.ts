// Krippendorff's unitizing α_U for one category (Krippendorff 1995, "On the reliability of
// unitizing continuous data"; 2004, Content Analysis, 2nd ed., ch. 12.4), computed as DKPro
// Statistics' KrippendorffAlphaUnitizingAgreement does (which reproduces the book's worked example).
// Each coder's stretch of the continuum [0, L) is cut into units (coded with the category) and the
// gaps between them. Formulas: docs/agreement.md.

/** One coder's units of one category: sorted by start, not overlapping each other. */
export interface Units {
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

export interface UnitizingDisagreement {
  /** D_o: observed disagreement. */
  observed: number;
  /** D_e: expected disagreement. */
  expected: number;
}

/**
 * Spans sorted by start, as the union of overlapping ones: α_U needs one coder's units of a
 * category not to overlap. Spans that only touch stay two units.
 */
export function mergeOverlapping(start: ArrayLike<number>, end: ArrayLike<number>, from = 0, to = start.length): Units {
  const outStart: number[] = [];
  const outEnd: number[] = [];
  for (let i = from; i < to; i++) {
    const last = outEnd.length - 1;
    if (last >= 0 && start[i] < outEnd[last]) {
      if (end[i] > outEnd[last]) outEnd[last] = end[i];
    } else {
      outStart.push(start[i]);
      outEnd.push(end[i]);
    }
  }
  return { start: outStart, end: outEnd };
}

/** δ² of two intersecting segments (either a unit or a gap), Krippendorff 2004 p. 253. */
function distance(b1: number, l1: number, unit1: boolean, b2: number, l2: number, unit2: boolean): number {
  if (unit1 && unit2) {
    const begins = b1 - b2;
    const ends = begins + l1 - l2;
    return begins * begins + ends * ends;
  }
  // A unit inside the other coder's gap is missed whole; a unit that sticks out of the gap is
  // counted where it meets the other coder's unit instead.
  if (unit1 && !unit2) return b2 <= b1 && b1 + l1 <= b2 + l2 ? l1 * l1 : 0;
  if (!unit1 && unit2) return b1 <= b2 && b2 + l2 <= b1 + l1 ? l2 * l2 : 0;
  return 0;
}

/** Σ δ² over the intersecting segments of two coders. */
function pairDisagreement(length: number, a: Units, b: Units): number {
  let sum = 0;
  let ia = 0; // next unit of a
  let ib = 0;
  // Current segment of each coder: [sa, ea), a unit or the gap before the next unit.
  let sa = 0;
  let ea = a.start.length > 0 ? a.start[0] : length;
  let ua = false;
  if (ea === 0) {
    ea = a.end[0];
    ua = true;
    ia = 1;
  }
  let sb = 0;
  let eb = b.start.length > 0 ? b.start[0] : length;
  let ub = false;
  if (eb === 0) {
    eb = b.end[0];
    ub = true;
    ib = 1;
  }
  for (;;) {
    sum += distance(sa, ea - sa, ua, sb, eb - sb, ub);
    const cut = Math.min(ea, eb);
    if (cut >= length) return sum;
    if (ea === cut) [sa, ea, ua, ia] = nextSegment(a, ia, ea, length);
    if (eb === cut) [sb, eb, ub, ib] = nextSegment(b, ib, eb, length);
  }
}

/** The segment starting at `at`: the next unit if it starts there, else the gap up to it. */
function nextSegment(u: Units, next: number, at: number, length: number): [number, number, boolean, number] {
  if (next < u.start.length && u.start[next] === at) return [at, u.end[next], true, next + 1];
  return [at, next < u.start.length ? u.start[next] : length, false, next];
}

/**
 * D_o and D_e of one category for m ≥ 2 coders over a continuum of `length` positions.
 * Both are 0 when nobody coded the category.
 */
export function unitizingDisagreement(length: number, coders: Units[]): UnitizingDisagreement {
  const m = coders.length;
  let unitCount = 0;
  for (const u of coders) unitCount += u.start.length;
  if (unitCount === 0 || length === 0 || m < 2) return { observed: 0, expected: 0 };

  let observedSum = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) observedSum += pairDisagreement(length, coders[i], coders[j]);
  const observed = (2 * observedSum) / (m * (m - 1) * length * length);

  // Every coder's gaps. Σ over gaps of length ≥ l of (gap − l + 1) is a plain loop for a
  // document's few units; for a corpus, gaps sorted by length with suffix sums make it one
  // binary search per unit.
  let gapCount = 0;
  for (const u of coders) gapCount += u.start.length + 1;
  const gaps = scratch(0, gapCount);
  gapCount = 0;
  for (const u of coders) {
    let at = 0;
    for (let k = 0; k < u.start.length; k++) {
      if (u.start[k] > at) gaps[gapCount++] = u.start[k] - at;
      at = u.end[k];
    }
    if (length > at) gaps[gapCount++] = length - at;
  }
  const direct = unitCount * gapCount <= 4096;
  const sorted = gaps.subarray(0, gapCount);
  const suffix = direct ? sorted : scratch(1, gapCount + 1);
  if (!direct) {
    sorted.sort();
    suffix[gapCount] = 0;
    for (let k = gapCount - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + sorted[k];
  }

  let numerator = 0;
  let selfPairs = 0;
  for (const u of coders) {
    for (let k = 0; k < u.start.length; k++) {
      const l = u.end[k] - u.start[k];
      selfPairs += l * (l - 1);
      let fitting = 0;
      if (direct) {
        for (let g = 0; g < gapCount; g++) if (sorted[g] >= l) fitting += sorted[g] - l + 1;
      } else {
        const first = lowerBound(sorted, l);
        fitting = suffix[first] - (l - 1) * (gapCount - first);
      }
      numerator += ((unitCount - 1) * (2 * l * l * l - 3 * l * l + l)) / 3 + l * l * fitting;
    }
  }
  const expected = ((2 / length) * numerator) / (m * length * (m * length - 1) - selfPairs);
  return { observed, expected };
}

/** Reused buffers: a corpus has tens of thousands of documents × labels to measure. */
const buffers = [new Float64Array(256), new Float64Array(256)];
function scratch(which: number, size: number): Float64Array {
  if (buffers[which].length < size) buffers[which] = new Float64Array(Math.max(size, buffers[which].length * 2));
  return buffers[which];
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** α_U = 1 − D_o / D_e; over several categories, 1 − ΣD_o / ΣD_e. Null when nothing was coded. */
export function alphaU(parts: UnitizingDisagreement[]): number | null {
  let observed = 0;
  let expected = 0;
  for (const p of parts) {
    observed += p.observed;
    expected += p.expected;
  }
  return expected === 0 ? null : 1 - observed / expected;
}
