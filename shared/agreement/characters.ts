// One document's characters: each coder's category per character in a typed array, tallied for
// the overall figures, and the stretches where the coders disagree.
import { resetTally, type CodingTally } from './coding';
import type { Units } from './unitizing';

export interface CharacterPass {
  tally: CodingTally;
  disagreeing: number;
  /** [start, end, category of coder 0, of coder 1, …] per segment, at most `segmentLimit`. */
  segments: number[][];
  moreSegments: number;
}

/**
 * Paints one coder's categories into `into[0, length)`: 0 where no span is, else label + 1 of the
 * span that wins by the documented rule. `order[from, to)` indexes spans sorted by start, then
 * longest first, then label, so painting them back to front leaves the winner on top.
 */
export function paintCategories(
  into: Uint16Array,
  length: number,
  order: Int32Array,
  from: number,
  to: number,
  start: Int32Array,
  end: Int32Array,
  label: Int32Array,
): void {
  into.fill(0, 0, length);
  for (let k = to - 1; k >= from; k--) {
    const s = order[k];
    into.fill(label[s] + 1, start[s], end[s]);
  }
}

/**
 * Tallies every character of one document across coders (`painted[c]` from `paintCategories`)
 * into `tally` (emptied first; its coders and categories must fit).
 */
export function passCharacters(painted: Uint16Array[], length: number, segmentLimit: number, tally: CodingTally): CharacterPass {
  resetTally(tally);
  const categories = tally.categories;
  if (painted.length === 2) return passTwoCoders(painted[0], painted[1], length, segmentLimit, tally);
  const m = painted.length;
  const counts = new Int32Array(categories);
  const segments: number[][] = [];
  let moreSegments = 0;
  let disagreeing = 0;
  let open = -1; // start of the disagreement segment being read, or -1
  const first = painted[0];
  const closeSegment = (at: number) => {
    if (segments.length < segmentLimit) {
      const row = [open, at];
      for (let c = 0; c < m; c++) row.push(painted[c][open]);
      segments.push(row);
    } else moreSegments++;
    open = -1;
  };
  for (let i = 0; i < length; i++) {
    const k0 = first[i];
    let squares = 1;
    counts[k0] = 1;
    tally.byCoder[k0]++;
    let differs = false;
    for (let c = 1; c < m; c++) {
      const k = painted[c][i];
      squares += 2 * counts[k] + 1;
      counts[k]++;
      tally.byCoder[c * categories + k]++;
      if (k !== k0) differs = true;
    }
    for (let c = 0; c < m; c++) {
      const k = painted[c][i];
      if (counts[k] !== 0) {
        tally.totals[k] += counts[k];
        counts[k] = 0;
      }
    }
    tally.sumSquares += squares;
    if (tally.pairs) tally.pairs[k0 * categories + painted[1][i]]++;
    if (differs) {
      disagreeing++;
      // A new segment where one starts, or where any coder's category changes inside one.
      if (open >= 0) {
        for (let c = 0; c < m; c++) {
          if (painted[c][i] !== painted[c][i - 1]) {
            closeSegment(i);
            break;
          }
        }
      }
      if (open < 0) open = i;
    } else if (open >= 0) closeSegment(i);
  }
  if (open >= 0) closeSegment(length);
  tally.items = length;
  return { tally, disagreeing, segments, moreSegments };
}

/**
 * Two coders, the common case on a large corpus: only the category pair per character is
 * counted; every other count follows from that table.
 */
function passTwoCoders(a: Uint16Array, b: Uint16Array, length: number, segmentLimit: number, tally: CodingTally): CharacterPass {
  const categories = tally.categories;
  const pairs = tally.pairs as Float64Array;
  const segments: number[][] = [];
  let moreSegments = 0;
  let disagreeing = 0;
  let open = -1;
  for (let i = 0; i < length; i++) {
    const ka = a[i];
    const kb = b[i];
    pairs[ka * categories + kb]++;
    if (ka !== kb) {
      disagreeing++;
      if (open >= 0 && (ka !== a[i - 1] || kb !== b[i - 1])) {
        if (segments.length < segmentLimit) segments.push([open, i, a[open], b[open]]);
        else moreSegments++;
        open = -1;
      }
      if (open < 0) open = i;
    } else if (open >= 0) {
      if (segments.length < segmentLimit) segments.push([open, i, a[open], b[open]]);
      else moreSegments++;
      open = -1;
    }
  }
  if (open >= 0) {
    if (segments.length < segmentLimit) segments.push([open, length, a[open], b[open]]);
    else moreSegments++;
  }
  for (let x = 0; x < categories; x++) {
    for (let y = 0; y < categories; y++) {
      const n = pairs[x * categories + y];
      if (n === 0) continue;
      tally.byCoder[x] += n;
      tally.byCoder[categories + y] += n;
      tally.totals[x] += n;
      tally.totals[y] += n;
      tally.sumSquares += n * (x === y ? 4 : 2);
    }
  }
  tally.items = length;
  return { tally, disagreeing, segments, moreSegments };
}

/**
 * Per-label binary codings from coverage: `units[c]` are coder c's merged units of one label.
 * Tallies "inside a span of this label" (1) or not (0) over `length` characters into `tally`
 * (emptied first), without touching characters one by one.
 */
export function tallyCoverage(units: Units[], length: number, tally: CodingTally): CodingTally {
  resetTally(tally);
  if (units.length === 2) return coverTwo(units[0], units[1], length, tally);
  const m = units.length;
  // Boundaries of all coders, each flipping that coder's bit; sorted by position.
  const points: number[] = [];
  for (let c = 0; c < m; c++) {
    const u = units[c];
    for (let k = 0; k < u.start.length; k++) points.push(u.start[k] * 64 + c, u.end[k] * 64 + c);
  }
  points.sort((a, b) => a - b);
  const covered = new Uint8Array(m);
  let inside = 0; // coders covering the current stretch
  let at = 0;
  const add = (len: number) => {
    if (len <= 0) return;
    tally.items += len;
    tally.sumSquares += len * (inside * inside + (m - inside) * (m - inside));
    tally.totals[1] += len * inside;
    tally.totals[0] += len * (m - inside);
    for (let c = 0; c < m; c++) tally.byCoder[c * 2 + covered[c]] += len;
  };
  for (let p = 0; p < points.length; p++) {
    const pos = Math.floor(points[p] / 64);
    const c = points[p] % 64;
    add(pos - at);
    at = pos;
    covered[c] ^= 1;
    inside += covered[c] ? 1 : -1;
  }
  add(length - at);
  return tally;
}

const coveredLength = (u: Units) => {
  let sum = 0;
  for (let k = 0; k < u.start.length; k++) sum += u.end[k] - u.start[k];
  return sum;
};

/** Two coders: the 2 × 2 table from covered lengths and their intersection (a merge of sorted units). */
function coverTwo(a: Units, b: Units, length: number, tally: CodingTally): CodingTally {
  let both = 0;
  for (let i = 0, j = 0; i < a.start.length && j < b.start.length;) {
    const overlap = Math.min(a.end[i], b.end[j]) - Math.max(a.start[i], b.start[j]);
    if (overlap > 0) both += overlap;
    if (a.end[i] < b.end[j]) i++;
    else j++;
  }
  const onlyA = coveredLength(a) - both;
  const onlyB = coveredLength(b) - both;
  const neither = length - both - onlyA - onlyB;
  const pairs = tally.pairs as Float64Array;
  pairs[0] = neither;
  pairs[1] = onlyB;
  pairs[2] = onlyA;
  pairs[3] = both;
  tally.items = length;
  tally.sumSquares = 4 * (neither + both) + 2 * (onlyA + onlyB);
  tally.totals[0] = 2 * neither + onlyA + onlyB;
  tally.totals[1] = 2 * both + onlyA + onlyB;
  tally.byCoder[0] = neither + onlyB;
  tally.byCoder[1] = both + onlyA;
  tally.byCoder[2] = neither + onlyA;
  tally.byCoder[3] = both + onlyB;
  return tally;
}
