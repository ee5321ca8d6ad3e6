// Splits the normalized document text into render units and blocks.
//
// A unit is one Lexical paragraph: a line of document.text (lines are joined by '\n', so empty lines
// stay empty units and offsets line up). Very long lines are cut into several units at sentence ends,
// so windowing still works on a document that is one giant line; consecutive units of one line have
// no '\n' between them. A block is a run of units rendered by one lazily created Lexical editor.

export interface Unit {
  /** Global offset (UTF-16) of the unit's first character. */
  start: number;
  /** Exclusive. The '\n' after a line, if any, is not part of the unit. */
  end: number;
  /** True when the next unit continues the same line (no '\n' between). */
  continues: boolean;
}

export interface Block {
  index: number;
  firstUnit: number;
  /** Exclusive. */
  endUnit: number;
  start: number;
  end: number;
}

export interface TextModel {
  text: string;
  units: Unit[];
  blocks: Block[];
  /** Block index of each unit. */
  unitBlock: Int32Array;
}

const MAX_UNIT = 2400;
const BLOCK_TARGET = 1600;
const SENTENCE_END = /[。！？!?；;]/;

function isHighSurrogate(code: number) {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Cuts one long line into pieces no longer than MAX_UNIT, preferring sentence ends. */
function cutLine(text: string, start: number, end: number, out: Unit[]) {
  let s = start;
  while (end - s > MAX_UNIT) {
    let cut = s + MAX_UNIT;
    for (let i = cut - 1; i > s + MAX_UNIT / 2; i--) {
      if (SENTENCE_END.test(text[i])) {
        cut = i + 1;
        break;
      }
    }
    if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
    out.push({ start: s, end: cut, continues: true });
    s = cut;
  }
  out.push({ start: s, end, continues: false });
}

export function buildTextModel(text: string): TextModel {
  const units: Unit[] = [];
  let lineStart = 0;
  for (;;) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    cutLine(text, lineStart, lineEnd, units);
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  const blocks: Block[] = [];
  const unitBlock = new Int32Array(units.length);
  let first = 0;
  let chars = 0;
  for (let i = 0; i < units.length; i++) {
    chars += units[i].end - units[i].start + 1;
    unitBlock[i] = blocks.length;
    const last = i === units.length - 1;
    if (chars >= BLOCK_TARGET || last) {
      blocks.push({ index: blocks.length, firstUnit: first, endUnit: i + 1, start: units[first].start, end: units[i].end });
      first = i + 1;
      chars = 0;
    }
  }
  return { text, units, blocks, unitBlock };
}

/** Index of the unit holding offset; an offset on a '\n' belongs to the unit it ends. */
export function unitAt(model: TextModel, offset: number): number {
  const { units } = model;
  let lo = 0;
  let hi = units.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (units[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Units whose text intersects [start, end). */
export function unitsInRange(model: TextModel, start: number, end: number): number[] {
  const out: number[] = [];
  const first = unitAt(model, start);
  for (let u = first; u < model.units.length && model.units[u].start < end; u++) {
    const unit = model.units[u];
    if (Math.min(unit.end, end) > Math.max(unit.start, start) || (unit.start === unit.end && start <= unit.start && end > unit.start)) {
      out.push(u);
    }
  }
  return out;
}

/** Estimated pixel height of a block before it is rendered, from character counts. */
export function estimateBlockHeight(model: TextModel, block: Block, charsPerLine: number, lineHeight: number, paraGap: number): number {
  let lines = 0;
  let gaps = 0;
  for (let u = block.firstUnit; u < block.endUnit; u++) {
    const unit = model.units[u];
    lines += Math.max(1, Math.ceil((unit.end - unit.start) / Math.max(1, charsPerLine)));
    gaps++;
  }
  return lines * lineHeight + gaps * paraGap;
}
