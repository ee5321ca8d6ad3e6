// How a batch's texts cross from the export's reader thread to its formatting thread: decoded by
// the reader into UTF-16 code units in one transferable array, and for formats that copy texts as
// stored (Exporter.utf8Texts) their UTF-8 bytes too. Structured clones of strings cost more than
// reading them did; transferred arrays cost nothing.
import { isUtf8 } from 'node:buffer';
import { endianness } from 'node:os';
import type { Utf8Text } from '../../../shared/exchange/types';
import { decodeValidUtf8, utf8ToUnits } from '../../../shared/text/utf8';
import type { ExportDocumentRow } from '../db/export-queries';

/** A document of a batch without its texts, which come in PackedTexts. */
export type BatchRow = Omit<ExportDocumentRow, 'text' | 'original_text'>;

/**
 * A batch's texts: the text of each row, then its original text when read. An original text
 * identical to its text is sent once: its ranges are the text's.
 */
export interface PackedTexts {
  /** Code units of the texts. */
  units: Uint16Array;
  /** Start and end in `units` of each text. */
  ranges: Int32Array;
  /** UTF-8 bytes of the well-formed texts, when the format asked for them. */
  utf8: PackedUtf8 | null;
}

export interface PackedUtf8 {
  bytes: Uint8Array;
  /** Start and end in `bytes` of each text; -1, -1 for a text whose bytes were not sent (malformed ones). */
  ranges: Int32Array;
  /** Offsets from each text's start of the bytes JSON escapes, text after text. */
  jsonEscapes: Int32Array;
  /** Start and end in `jsonEscapes` of each text's offsets. */
  escapeRanges: Int32Array;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

/**
 * Packs rows as readExportDocuments reads them (with `withOriginal`, a null original text is the
 * text). `withUtf8`: the format wants the texts' bytes (Exporter.utf8Texts). Bytes that are not
 * well-formed UTF-8 are decoded with TextDecoder's replacement characters, and never sent as bytes.
 */
export function packTexts(rows: ExportDocumentRow[], withOriginal: boolean, withUtf8: boolean): { rows: BatchRow[]; texts: PackedTexts } {
  const stored: (Uint8Array | null)[] = []; // per text; null: an original identical to its text
  for (const { text, original_text: original } of rows) {
    stored.push(text);
    if (withOriginal) stored.push(original === null || sameBytes(text, original) ? null : original);
  }
  const wellFormed = stored.map((bytes) => bytes !== null && isUtf8(bytes));
  // UTF-8 never has fewer bytes than UTF-16 has units.
  const units = new Uint16Array(stored.reduce((n, bytes) => n + (bytes?.length ?? 0), 0));
  const ranges = new Int32Array(stored.length * 2).fill(-1);
  const bytesSent = withUtf8 ? stored.reduce((n, bytes, k) => n + (wellFormed[k] ? bytes!.length : 0), 0) : 0;
  const utf8 = withUtf8 ? new Uint8Array(bytesSent) : null;
  const utf8Ranges = new Int32Array(withUtf8 ? ranges.length : 0).fill(-1);
  const escapeRanges = new Int32Array(withUtf8 ? ranges.length : 0).fill(-1);
  const escapes: number[] = [];
  let at = 0;
  let byteAt = 0;
  stored.forEach((bytes, k) => {
    if (bytes === null) {
      // The same bytes as the text before it: the same ranges of units, bytes and escapes.
      for (const array of [ranges, utf8Ranges, escapeRanges]) if (array.length) array.copyWithin(2 * k, 2 * (k - 1), 2 * k);
      return;
    }
    const escapesFrom = escapes.length;
    ranges[2 * k] = at;
    // Node's native check came first: decoding without checking each byte is 40 % faster.
    ranges[2 * k + 1] = at = wellFormed[k] ? decodeValidUtf8(bytes, units, at, withUtf8 ? escapes : undefined) : utf8ToUnits(bytes, units, at);
    if (!wellFormed[k] || !utf8) return;
    escapeRanges[2 * k] = escapesFrom;
    escapeRanges[2 * k + 1] = escapes.length;
    utf8.set(bytes, byteAt);
    utf8Ranges[2 * k] = byteAt;
    utf8Ranges[2 * k + 1] = byteAt += bytes.length;
  });
  const lean = rows.map(({ text: _, original_text: __, ...row }) => row);
  const packedUtf8 = utf8 ? { bytes: utf8, ranges: utf8Ranges, jsonEscapes: Int32Array.from(escapes), escapeRanges } : null;
  return { rows: lean, texts: { units, ranges, utf8: packedUtf8 } };
}

/** A text of a batch as a format gets it: the string, and its UTF-8 when the format asked for it. */
export interface UnpackedText {
  text: string;
  utf8: Utf8Text | undefined;
}

const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });
const littleEndian = endianness() === 'LE';

/**
 * The string of code units units[from, to), lone surrogates kept. Node copies UTF-16LE straight
 * into a string: eight times faster than TextDecoder, which goes through ICU (68 against 535 ms for
 * the 60 M units of a full-size export's texts, a tenth of its time). A typed array holds its units
 * in the machine's byte order.
 */
export function unitsToString(units: Uint16Array, from: number, to: number): string {
  if (littleEndian) return Buffer.from(units.buffer, units.byteOffset + 2 * from, 2 * (to - from)).toString('ucs2');
  return utf16.decode(units.subarray(from, to));
}

/** The formatter's side: texts by their index in the batch. */
export const TextUnpacker = {
  unpack(texts: PackedTexts, k: number): UnpackedText {
    const { units, ranges, utf8 } = texts;
    const text = unitsToString(units, ranges[2 * k]!, ranges[2 * k + 1]!);
    if (!utf8 || utf8.ranges[2 * k]! < 0) return { text, utf8: undefined };
    return {
      text,
      utf8: {
        bytes: utf8.bytes.subarray(utf8.ranges[2 * k], utf8.ranges[2 * k + 1]),
        jsonEscapes: utf8.jsonEscapes.subarray(utf8.escapeRanges[2 * k], utf8.escapeRanges[2 * k + 1]),
      },
    };
  },

  /** Whether text `b` came as the same text as `a` (an original text identical to its text). */
  same(texts: PackedTexts, a: number, b: number): boolean {
    const { ranges, utf8 } = texts;
    const sameRange = (r: Int32Array) => r[2 * a] === r[2 * b] && r[2 * a + 1] === r[2 * b + 1];
    return sameRange(ranges) && (utf8 === null || sameRange(utf8.ranges));
  },
};
