// How a batch read from SQLite crosses from the export's reader thread to its formatting thread:
// texts as UTF-16 code units in one transferable array, span numbers in another, attributes and
// times as numbers into tables (text-table.ts). Structured clones of a million short strings or
// small arrays cost more than reading them did.
import type { SpanDetails, Utf8Text } from '../../../shared/exchange/types';
import type { ExportDocumentRow, SpanPositionList } from '../db/export-queries';
import { LIST_SEPARATOR } from '../db/export-queries';
import { isUtf8 } from 'node:buffer';
import { decodeValidUtf8, utf8ToUnits } from '../../../shared/text/utf8';
import type { TextNumbering, TextTableUpdate } from './text-table';

/** A document of a batch without its texts, which come in PackedTexts. */
export type BatchRow = Omit<ExportDocumentRow, 'text' | 'original_text'>;

/**
 * A batch's texts as UTF-16 code units in one transferable array: the text of each row, then its
 * original text when read. An original text identical to its text is not decoded twice: its range
 * is the text's. With `utf8`, the texts' bytes as stored come too (formats that copy whole texts).
 */
export interface PackedTexts {
  units: Uint16Array;
  /** Start and end in `units` of each text, in that order (one or two texts per row). */
  ranges: Int32Array;
  /** The texts' UTF-8, when asked for. */
  utf8: PackedUtf8 | null;
}

/** Texts as Utf8Text (shared/exchange/types.ts), packed. */
export interface PackedUtf8 {
  bytes: Uint8Array;
  /** Start and end in `bytes` of each text; -1, -1 for bytes that are not well-formed UTF-8. */
  ranges: Int32Array;
  /** Offsets from each text's start of the bytes JSON escapes, text after text. */
  jsonEscapes: Int32Array;
  /** Start and end in `jsonEscapes` of each text's offsets. */
  escapeRanges: Int32Array;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

/** Rows as readExportDocuments reads them: with `withOriginal`, a null original text is the text. */
export function packTexts(rows: ExportDocumentRow[], withOriginal: boolean, withUtf8: boolean): { rows: BatchRow[]; texts: PackedTexts } {
  const originals = rows.map(({ text, original_text: original }) => (!withOriginal ? null : original === null || sameBytes(text, original) ? text : original));
  let bytes = 0;
  rows.forEach((row, i) => (bytes += row.text.length + (originals[i] && originals[i] !== row.text ? originals[i].length : 0)));
  const units = new Uint16Array(bytes); // UTF-8 never has fewer bytes than UTF-16 has units
  const perRow = withOriginal ? 2 : 1;
  const ranges = new Int32Array(rows.length * perRow * 2);
  const utf8 = withUtf8 ? new Uint8Array(bytes) : null;
  const utf8Ranges = new Int32Array(withUtf8 ? ranges.length : 0);
  const escapeRanges = new Int32Array(withUtf8 ? ranges.length : 0);
  const escapes: number[] = [];
  let at = 0;
  let byteAt = 0;
  const add = (text: Uint8Array, k: number) => {
    const escapesFrom = escapes.length;
    // Node's native check first: decoding without checking each byte is 40 % faster.
    const end = isUtf8(text) ? decodeValidUtf8(text, units, at, utf8 ? escapes : undefined) : -1;
    ranges[2 * k] = at;
    ranges[2 * k + 1] = at = end >= 0 ? end : utf8ToUnits(text, units, at);
    if (!utf8) return;
    if (end < 0) {
      // Decoded with replacement characters: these bytes are not its text.
      escapes.length = escapesFrom;
      utf8Ranges[2 * k] = utf8Ranges[2 * k + 1] = escapeRanges[2 * k] = escapeRanges[2 * k + 1] = -1;
      return;
    }
    utf8.set(text, byteAt);
    utf8Ranges[2 * k] = byteAt;
    utf8Ranges[2 * k + 1] = byteAt += text.length;
    escapeRanges[2 * k] = escapesFrom;
    escapeRanges[2 * k + 1] = escapes.length;
  };
  const lean = rows.map(({ text, original_text: _, ...row }, i) => {
    add(text, i * perRow);
    const original = originals[i];
    if (original === text) {
      // The same bytes: the same ranges of units, bytes and escapes.
      for (const array of [ranges, utf8Ranges, escapeRanges]) if (array.length) array.copyWithin(2 * (i * perRow + 1), 2 * i * perRow, 2 * i * perRow + 2);
    } else if (original) add(original, i * perRow + 1);
    return row;
  });
  const packedUtf8 = utf8 ? { bytes: utf8, ranges: utf8Ranges, jsonEscapes: Int32Array.from(escapes), escapeRanges } : null;
  return { rows: lean, texts: { units, ranges, utf8: packedUtf8 } };
}

/** Text k of a batch as Utf8Text, when its bytes came. */
export function utf8TextOf(utf8: PackedUtf8 | null, k: number): Utf8Text | undefined {
  if (!utf8 || utf8.ranges[2 * k] < 0) return undefined;
  return {
    bytes: utf8.bytes.subarray(utf8.ranges[2 * k], utf8.ranges[2 * k + 1]),
    jsonEscapes: utf8.jsonEscapes.subarray(utf8.escapeRanges[2 * k], utf8.escapeRanges[2 * k + 1]),
  };
}

/** A batch's spans in document order. */
export interface PackedSpans {
  /** SPAN_NUMBERS numbers per span: documentId, id, start, end, labelId, annotatorId, state. */
  numbers: Float64Array;
  /** Each span's attributes as its number in the attributes table, when attributes were read. */
  attributes: Int32Array | null;
  attributesUpdate: TextTableUpdate | null;
  /** Each span's created and updated time as one number in the times table ('all' details). */
  times: Int32Array | null;
  timesUpdate: TextTableUpdate | null;
}

export const SPAN_NUMBERS = 7;
/** A span's state number: bit 0 origin 'suggested', bit 1 review 'accepted', bit 2 'rejected'. */
export const spanOrigin = (state: number): 'manual' | 'suggested' => (state & 1 ? 'suggested' : 'manual');
export const spanReviewState = (state: number): 'pending' | 'accepted' | 'rejected' => (state & 2 ? 'accepted' : state & 4 ? 'rejected' : 'pending');

/** The export's numberings of span texts, kept across its batches (see text-table.ts). */
export interface SpanNumberings {
  attributes: TextNumbering;
  times: TextNumbering;
}

/**
 * Parses readExportSpanPositions' lists read with `level`: positions (non-negative integers, six
 * per span) into numbers, attributes and times into numbers through the export's `numberings`. A
 * list whose count does not match the document's number of spans is refused: it would shift
 * every later span's details onto the wrong span.
 */
export function packPositions(lists: SpanPositionList[], level: SpanDetails, numberings: SpanNumberings): PackedSpans {
  const spans = lists.reduce((n, list) => n + list[1], 0);
  const numbers = new Float64Array(spans * SPAN_NUMBERS);
  const attributes = level === 'none' ? null : new Int32Array(spans);
  const times = level === 'all' ? new Int32Array(spans) : null;
  if (attributes) numberings.attributes.beginBatch();
  if (times) numberings.times.beginBatch();
  let first = 0; // the document's first span in the batch
  for (const [documentId, count, positions, attributesList, timesList] of lists) {
    const end = parseNumbers(documentId, positions, numbers, first * SPAN_NUMBERS);
    if (end !== (first + count) * SPAN_NUMBERS) {
      throw new Error(`document ${documentId}: span positions hold ${positions.split(',').length} numbers for ${count} spans, not ${SPAN_NUMBERS - 1} each`);
    }
    if (attributes) {
      const texts = listOf(documentId, attributesList, count, 'attributes');
      for (let j = 0; j < count; j++) attributes[first + j] = numberings.attributes.numberOf(texts[j]);
    }
    if (times) {
      const texts = listOf(documentId, timesList, count, 'times');
      for (let j = 0; j < count; j++) times[first + j] = numberings.times.numberOf(texts[j]);
    }
    first += count;
  }
  return {
    numbers,
    attributes,
    attributesUpdate: attributes ? numberings.attributes.endBatch() : null,
    times,
    timesUpdate: times ? numberings.times.endBatch() : null,
  };
}

/** One document's positions "id,start,end,labelId,annotatorId,state,…" into numbers from `at`. */
function parseNumbers(documentId: number, list: string, numbers: Float64Array, at: number): number {
  numbers[at++] = documentId;
  let field = 0;
  let value = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c !== 0x2c) {
      if (c < 0x30 || c > 0x39) throw new Error(`document ${documentId}: span positions hold "${list[i]}", not only digits`);
      value = value * 10 + (c - 0x30);
      continue;
    }
    numbers[at++] = value;
    value = 0;
    // After a span's last number the next span of the same document begins.
    if (++field === SPAN_NUMBERS - 1) {
      field = 0;
      numbers[at++] = documentId;
    }
  }
  numbers[at++] = value;
  return at;
}

function listOf(documentId: number, list: string | null, count: number, what: string): string[] {
  const texts = (list ?? '').split(LIST_SEPARATOR);
  if (texts.length !== count) throw new Error(`document ${documentId}: span ${what} hold the control character U+001E`);
  return texts;
}
