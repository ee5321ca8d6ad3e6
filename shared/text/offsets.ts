// Span offsets are UTF-16 code units into the normalized text, end exclusive.
// Exporters that need code points (brat, CLUENER, Python consumers) convert through here.

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** True when offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  return isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/** Whether [start, end) is a span of this text: integers, in order, inside it, no surrogate pair split. */
export function isValidSpan(text: string, start: number, end: number): boolean {
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    end > start &&
    end <= text.length &&
    !splitsSurrogatePair(text, start) &&
    !splitsSurrogatePair(text, end)
  );
}

/**
 * Why a span is invalid for this text, or null when it is valid. The messages are built apart:
 * exports check a million spans, and V8 converted numbers for messages it never used (a tenth of
 * a second per export in NumberToString) while they were built here.
 */
export function spanProblem(text: string, start: number, end: number): string | null {
  return isValidSpan(text, start, end) ? null : describeSpanProblem(text, start, end);
}

function describeSpanProblem(text: string, start: number, end: number): string {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'offsets must be integers';
  if (start < 0) return `start ${start} is negative`;
  if (end <= start) return `end ${end} must be greater than start ${start}`;
  if (end > text.length) return `end ${end} is past the end of the text (${text.length})`;
  if (splitsSurrogatePair(text, start)) return `start ${start} splits a surrogate pair`;
  return `end ${end} splits a surrogate pair`;
}

const SURROGATE = /[\ud800-\udfff]/;
/** Without surrogates every character is one code unit, and both kinds of offset are the same. */
export const hasSurrogates = (text: string): boolean => SURROGATE.test(text);
/** Like the counting loops below, which never go back before the first character. */
const atLeastZero = (offset: number): number => (offset > 0 ? offset : 0);

/**
 * Converts UTF-16 offsets to code-point offsets for many positions at once in one pass.
 * Offsets may come in any order; the result is aligned with the input.
 */
export function utf16ToCodePoints(text: string, offsets: readonly number[]): number[] {
  if (!hasSurrogates(text)) return offsets.map(atLeastZero);
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
  const out = new Array<number>(offsets.length);
  let unit = 0;
  let codePoints = 0;
  for (const i of order) {
    const target = offsets[i];
    while (unit < target) {
      unit += isHighSurrogate(text.charCodeAt(unit)) && isLowSurrogate(text.charCodeAt(unit + 1)) ? 2 : 1;
      codePoints++;
    }
    out[i] = codePoints;
  }
  return out;
}

/** Converts code-point offsets to UTF-16 offsets, aligned with the input. */
export function codePointsToUtf16(text: string, offsets: readonly number[]): number[] {
  if (!hasSurrogates(text)) {
    const past = offsets.find((offset) => offset > text.length);
    if (past !== undefined) throw new RangeError(`code-point offset ${past} is past the end of the text`);
    return offsets.map(atLeastZero);
  }
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
  const out = new Array<number>(offsets.length);
  let unit = 0;
  let codePoints = 0;
  for (const i of order) {
    const target = offsets[i];
    while (codePoints < target && unit < text.length) {
      unit += isHighSurrogate(text.charCodeAt(unit)) && isLowSurrogate(text.charCodeAt(unit + 1)) ? 2 : 1;
      codePoints++;
    }
    if (codePoints < target) throw new RangeError(`code-point offset ${target} is past the end of the text`);
    out[i] = unit;
  }
  return out;
}

export const codePointLength = (text: string): number => utf16ToCodePoints(text, [text.length])[0];

/** Whitespace and punctuation a selection may overshoot; brackets and quotes are handled as pairs. */
const TRIMMABLE = /[\s\u3000\u00a0\u200b-\u200d\ufeff，。、；：？！,.;:?!…—·]/u;
/** Opening mark → closing mark. Straight quotes open and close with the same mark. */
const PAIRS: Record<string, string> = {
  '“': '”',
  '‘': '’',
  '「': '」',
  '『': '』',
  '《': '》',
  '〈': '〉',
  '（': '）',
  '(': ')',
  '【': '】',
  '[': ']',
  '"': '"',
  "'": "'",
};
const OPENER_OF: Record<string, string> = Object.fromEntries(Object.entries(PAIRS).map(([open, close]) => [close, open]));

/** Index of the mark that closes the opener at `at`, searching up to `end`, or -1. */
function closerOf(text: string, at: number, end: number): number {
  const open = text[at];
  const close = PAIRS[open];
  let depth = 0;
  for (let i = at + 1; i < end; i++) {
    if (text[i] === close && depth === 0) return i;
    if (open !== close && text[i] === open) depth++;
    else if (text[i] === close) depth--;
  }
  return -1;
}

/** Index of the mark that opens the closer at `at`, searching back to `start`, or -1. */
function openerOf(text: string, at: number, start: number): number {
  const close = text[at];
  const open = OPENER_OF[close];
  let depth = 0;
  for (let i = at - 1; i >= start; i--) {
    if (text[i] === open && depth === 0) return i;
    if (open !== close && text[i] === close) depth++;
    else if (text[i] === open) depth--;
  }
  return -1;
}

/** Whether anything but punctuation, quotes and spaces lies in [start, end). */
function hasContent(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!TRIMMABLE.test(text[i]) && !(text[i] in PAIRS) && !(text[i] in OPENER_OF)) return true;
  return false;
}

/**
 * Shrinks a selection so it does not start or end on whitespace or punctuation, which is what a
 * researcher means when the mouse overshoots. A quote or bracket at an edge is kept when its partner
 * is inside the selection (“四个意识”, “3+1”主导功能) and dropped when it is not: trimming never
 * leaves half a pair behind.
 */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  let changed = true;
  while (changed) {
    const [s0, e0] = [s, e];
    while (s < e && TRIMMABLE.test(text[s])) s++;
    while (e > s && TRIMMABLE.test(text[e - 1])) e--;
    if (s < e && (text[s] in PAIRS ? closerOf(text, s, e) < 0 : text[s] in OPENER_OF)) s++;
    if (e > s && (text[e - 1] in OPENER_OF ? openerOf(text, e - 1, s) < 0 : text[e - 1] in PAIRS)) e--;
    changed = s !== s0 || e !== e0;
  }
  return hasContent(text, s, e) ? { start: s, end: e } : null;
}
