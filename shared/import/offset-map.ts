// Offset maps: flat quadruples [normStart, normLen, origStart, origLen] (see OffsetMap in
// shared/model.ts). Every normalization step returns one map from its output to its input;
// composing them gives the map from the final text to the decoded original.
import type { OffsetMap } from '../model';

/** Pushes a segment, merging contiguous one-to-one segments so plain copies stay one segment. */
function pushSegment(out: number[], ns: number, nl: number, os: number, ol: number, block: boolean): void {
  if (nl <= 0) return;
  if (block && nl === ol && nl > 1) {
    // A block whose lengths happen to match would read as one-to-one; unit segments keep the
    // "every unit maps to the whole range" meaning exactly.
    for (let i = 0; i < nl; i++) out.push(ns + i, 1, os, ol);
    return;
  }
  const n = out.length;
  if (nl === ol && n >= 4) {
    const pns = out[n - 4],
      pnl = out[n - 3],
      pos = out[n - 2],
      pol = out[n - 1];
    if (pnl === pol && pns + pnl === ns && pos + pol === os) {
      out[n - 3] += nl;
      out[n - 1] += ol;
      return;
    }
  }
  out.push(ns, nl, os, ol);
}

/** Builds a step's output text and its map back to the step's input. */
export class MapBuilder {
  private readonly parts: string[] = [];
  private readonly segs: number[] = [];
  private outLen = 0;
  constructor(private readonly input: string) {}

  get length(): number {
    return this.outLen;
  }

  /** Copies input[start, end) unchanged. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    this.parts.push(this.input.slice(start, end));
    pushSegment(this.segs, this.outLen, end - start, start, end - start, false);
    this.outLen += end - start;
  }

  /** Replaces input[start, end) by text; every output unit maps to the whole input range. */
  replace(start: number, end: number, text: string): void {
    if (text.length > 0) {
      this.parts.push(text);
      pushSegment(this.segs, this.outLen, text.length, start, end - start, text.length !== 1 || end - start !== 1);
      this.outLen += text.length;
    }
  }

  /** Replaces input[start, end) by text of the same length, unit for unit (one-to-one). */
  substitute(start: number, end: number, text: string): void {
    if (text.length !== end - start) throw new RangeError('substitute needs text of the same length');
    if (!text) return;
    this.parts.push(text);
    pushSegment(this.segs, this.outLen, text.length, start, text.length, false);
    this.outLen += text.length;
  }

  finish(): { text: string; map: OffsetMap } {
    return { text: this.parts.join(''), map: this.segs };
  }
}

export const identityMap = (length: number): OffsetMap => (length > 0 ? [0, length, 0, length] : []);

/** Index of the segment containing normalized offset pos (pos < text length), by binary search. */
function segmentAt(map: OffsetMap, pos: number): number {
  let lo = 0;
  let hi = map.length / 4 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map[mid * 4] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const mapEnd = (map: OffsetMap): number => (map.length ? map[map.length - 4] + map[map.length - 3] : 0);
const mapOrigEnd = (map: OffsetMap): number => (map.length ? map[map.length - 2] + map[map.length - 1] : 0);

/** Maps a normalized range [normStart, normEnd) to the original range it came from. */
export function mapToOriginal(map: OffsetMap, normStart: number, normEnd: number): { start: number; end: number } {
  if (map.length === 0) return { start: 0, end: 0 };
  const total = mapEnd(map);
  const s = Math.max(0, Math.min(normStart, total));
  const e = Math.max(s, Math.min(normEnd, total));
  const point = (pos: number): number => {
    if (pos >= total) return mapOrigEnd(map);
    const k = segmentAt(map, pos) * 4;
    return map[k + 1] === map[k + 3] ? map[k + 2] + (pos - map[k]) : map[k + 2];
  };
  const start = point(s);
  if (e === s) return { start, end: start };
  const k = segmentAt(map, e - 1) * 4;
  const end = map[k + 1] === map[k + 3] ? map[k + 2] + (e - map[k]) : map[k + 2] + map[k + 3];
  return { start, end: Math.max(start, end) };
}

/** Maps an original range forward to the normalized range that came from it (empty when deleted). */
export function mapToNormalized(map: OffsetMap, origStart: number, origEnd: number): { start: number; end: number } {
  const n = map.length / 4;
  let start = mapEnd(map);
  for (let i = 0; i < n; i++) {
    const k = i * 4;
    const os = map[k + 2],
      ol = map[k + 3];
    if (os + ol > origStart || (ol === 0 && os >= origStart)) {
      start = map[k] + (map[k + 1] === ol && origStart > os ? origStart - os : 0);
      break;
    }
  }
  let end = start;
  for (let i = n - 1; i >= 0; i--) {
    const k = i * 4;
    const os = map[k + 2],
      ol = map[k + 3];
    if (os < origEnd) {
      end = map[k] + (map[k + 1] === ol && origEnd < os + ol ? origEnd - os : map[k + 1]);
      break;
    }
  }
  return { start, end: Math.max(start, end) };
}

/**
 * Composes two maps: outer maps middle text → original, inner maps final text → middle text.
 * The result maps final text → original.
 */
export function composeOffsetMaps(outer: OffsetMap, inner: OffsetMap): OffsetMap {
  const out: number[] = [];
  const outerCount = outer.length / 4;
  let j = 0;
  for (let i = 0; i < inner.length; i += 4) {
    const ns = inner[i],
      nl = inner[i + 1],
      ms = inner[i + 2],
      ml = inner[i + 3];
    if (nl === ml) {
      // One-to-one: project each overlapped outer segment.
      while (j < outerCount - 1 && outer[j * 4] + outer[j * 4 + 1] <= ms) j++;
      let k = j;
      while (k < outerCount) {
        const as = outer[k * 4],
          al = outer[k * 4 + 1],
          os = outer[k * 4 + 2],
          ol = outer[k * 4 + 3];
        if (as >= ms + ml) break;
        const x = Math.max(as, ms);
        const y = Math.min(as + al, ms + ml);
        if (y > x) {
          if (al === ol) pushSegment(out, ns + (x - ms), y - x, os + (x - as), y - x, false);
          else pushSegment(out, ns + (x - ms), y - x, os, ol, true);
        }
        k++;
      }
    } else {
      const r = mapToOriginal(outer, ms, ms + ml);
      pushSegment(out, ns, nl, r.start, r.end - r.start, true);
    }
  }
  return out;
}

/** The part of a map covering normalized [start, end), rebased so start becomes 0. */
export function sliceOffsetMap(map: OffsetMap, start: number, end: number): OffsetMap {
  const out: number[] = [];
  if (end <= start || map.length === 0) return out;
  for (let k = segmentAt(map, start) * 4; k < map.length; k += 4) {
    const ns = map[k],
      nl = map[k + 1],
      os = map[k + 2],
      ol = map[k + 3];
    if (ns >= end) break;
    const x = Math.max(ns, start);
    const y = Math.min(ns + nl, end);
    if (y <= x) continue;
    if (nl === ol) pushSegment(out, x - start, y - x, os + (x - ns), y - x, false);
    else pushSegment(out, x - start, y - x, os, ol, true);
  }
  return out;
}

/**
 * Why a map is not a valid cover of a text of textLength, or null when it is: segments are
 * contiguous from 0, lie inside the original, and their original starts and ends never go back.
 */
export function offsetMapProblem(map: OffsetMap, textLength: number, originalLength: number): string | null {
  if (map.length % 4 !== 0) return 'length is not a multiple of 4';
  let expect = 0;
  let lastStart = 0;
  let lastEnd = 0;
  for (let k = 0; k < map.length; k += 4) {
    const ns = map[k],
      nl = map[k + 1],
      os = map[k + 2],
      ol = map[k + 3];
    if (ns !== expect) return `segment ${k / 4} starts at ${ns}, expected ${expect}`;
    if (nl <= 0 || ol < 0 || os < 0) return `segment ${k / 4} has bad lengths`;
    if (os + ol > originalLength) return `segment ${k / 4} runs past the original`;
    if (os < lastStart || os + ol < lastEnd) return `segment ${k / 4} goes back in the original`;
    lastStart = os;
    lastEnd = os + ol;
    expect = ns + nl;
  }
  return expect === textLength ? null : `map covers ${expect} units, text has ${textLength}`;
}
