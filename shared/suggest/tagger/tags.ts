// BIOES tags over L labels: 0 is O; label k has B = 1+4k, I = 2+4k, E = 3+4k, S = 4+4k.
// Only well-formed sequences are allowed (I and E follow B or I of the same label, nothing ends
// on B or I), so decoding can never produce a broken span.

export const OUTSIDE = 0;
const B = 0;
const I = 1;
const E = 2;
const S = 3;

export const tagCount = (labels: number): number => 1 + 4 * labels;
const tagOf = (label: number, part: number): number => 1 + 4 * label + part;
const partOf = (tag: number): number => (tag - 1) % 4;
export const labelOf = (tag: number): number => (tag - 1) >> 2;

/** May `next` follow `prev`? prev = -1 is the start of the text. */
export function allowed(prev: number, next: number): boolean {
  const nextPart = next === OUTSIDE ? -1 : partOf(next);
  const continues = nextPart === I || nextPart === E;
  if (prev === -1 || prev === OUTSIDE) return !continues;
  const prevPart = partOf(prev);
  if (prevPart === B || prevPart === I) return continues && labelOf(prev) === labelOf(next);
  return !continues;
}

/** May the text start with this tag? */
export const canStart = (tag: number): boolean => allowed(-1, tag);

/** May the text end on this tag? */
export const canEnd = (tag: number): boolean => tag === OUTSIDE || partOf(tag) === E || partOf(tag) === S;

/** For each tag, the tags allowed before it (START not included), as flat lists. */
export interface Transitions {
  tags: number;
  /** predecessors of tag t are prevList[prevStart[t] .. prevStart[t+1]). */
  prevStart: Int32Array;
  prevList: Int32Array;
  nextStart: Int32Array;
  nextList: Int32Array;
}

export function transitions(labels: number): Transitions {
  const tags = tagCount(labels);
  const lists = (before: boolean) => {
    const start = new Int32Array(tags + 1);
    const list: number[] = [];
    for (let t = 0; t < tags; t++) {
      start[t] = list.length;
      for (let u = 0; u < tags; u++) if (before ? allowed(u, t) : allowed(t, u)) list.push(u);
    }
    start[tags] = list.length;
    return { start, list: Int32Array.from(list) };
  };
  const prev = lists(true);
  const next = lists(false);
  return { tags, prevStart: prev.start, prevList: prev.list, nextStart: next.start, nextList: next.list };
}

/** Writes the gold tag of every character from spans given in character indices (non-overlapping). */
export function encodeSpans(length: number, spans: { start: number; end: number; label: number }[]): Int32Array {
  const tags = new Int32Array(length);
  for (const { start, end, label } of spans) {
    if (end - start === 1) tags[start] = tagOf(label, S);
    else {
      tags[start] = tagOf(label, B);
      for (let i = start + 1; i < end - 1; i++) tags[i] = tagOf(label, I);
      tags[end - 1] = tagOf(label, E);
    }
  }
  return tags;
}

/** Spans (character indices) of a well-formed tag sequence. */
export function decodeSpans(tags: Int32Array): { start: number; end: number; label: number }[] {
  const spans: { start: number; end: number; label: number }[] = [];
  let open = -1;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (tag === OUTSIDE) continue;
    const part = partOf(tag);
    if (part === S) spans.push({ start: i, end: i + 1, label: labelOf(tag) });
    else if (part === B) open = i;
    else if (part === E && open >= 0) {
      spans.push({ start: open, end: i + 1, label: labelOf(tag) });
      open = -1;
    }
  }
  return spans;
}
