// How a batch's texts cross from the export's reader thread to its formatting thread: as UTF-16
// code units in one transferable array, or as their UTF-8 bytes for the formatter to decode.
// Decoding is a tenth of an export's work, and it goes to whichever thread has time for it: the
// reader decodes while the formatter has batches waiting, and leaves it to the formatter when the
// formatter is waiting for the reader (see runExportReader). Structured clones of strings cost
// more than reading them did; transferred arrays cost nothing.
import { isUtf8 } from 'node:buffer';
import type { Utf8Text } from '../../../shared/exchange/types';
import { endianness } from 'node:os';
import { decodeValidUtf8, utf8ToUnits } from '../../../shared/text/utf8';
import type { ExportDocumentRow } from '../db/export-queries';

/** A document of a batch without its texts, which come in PackedTexts. */
export type BatchRow = Omit<ExportDocumentRow, 'text' | 'original_text'>;

/**
 * A batch's texts: the text of each row, then its original text when read. An original text
 * identical to its text is sent once: its ranges are the text's.
 */
export interface PackedTexts {
  /** Code units of the texts the reader decoded. */
  units: Uint16Array;
  /** Start and end in `units` of each text; -1, -1 for a text the formatter decodes from `utf8`. */
  ranges: Int32Array;
  /** UTF-8 bytes: of every well-formed text when the format asked for them, and of every text left undecoded. */
  utf8: PackedUtf8 | null;
}

export interface PackedUtf8 {
  bytes: Uint8Array;
  /** Start and end in `bytes` of each text; -1, -1 for a text whose bytes were not sent (never for malformed ones). */
  ranges: Int32Array;
  /** Offsets from each text's start of the bytes JSON escapes, text after text: of the texts the reader decoded. */
  jsonEscapes: Int32Array;
  /** Start and end in `jsonEscapes` of each text's offsets. */
  escapeRanges: Int32Array;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

/**
 * Packs rows as readExportDocuments reads them (with `withOriginal`, a null original text is the
 * text). `withUtf8`: the format wants the texts' bytes (Exporter.utf8Texts). `decode`: decode the
 * well-formed texts here; otherwise they go as bytes. Bytes that are not well-formed UTF-8 are
 * always decoded here, with TextDecoder's replacement characters, and never sent as bytes.
 */
export function packTexts(rows: ExportDocumentRow[], withOriginal: boolean, withUtf8: boolean, decode: boolean): { rows: BatchRow[]; texts: PackedTexts } {
  const stored: (Uint8Array | null)[] = []; // per text; null: an original identical to its text
  for (const { text, original_text: original } of rows) {
    stored.push(text);
    if (withOriginal) stored.push(original === null || sameBytes(text, original) ? null : original);
  }
  const wellFormed = stored.map((bytes) => bytes !== null && isUtf8(bytes));
  const sendsBytes = withUtf8 || !decode;
  let unitsNeeded = 0; // UTF-8 never has fewer bytes than UTF-16 has units
  let bytesSent = 0;
  stored.forEach((bytes, k) => {
    if (bytes === null) return;
    if (decode || !wellFormed[k]) unitsNeeded += bytes.length;
    if (wellFormed[k] && sendsBytes) bytesSent += bytes.length;
  });
  const units = new Uint16Array(unitsNeeded);
  const ranges = new Int32Array(stored.length * 2).fill(-1);
  const utf8 = sendsBytes ? new Uint8Array(bytesSent) : null;
  const utf8Ranges = new Int32Array(sendsBytes ? ranges.length : 0).fill(-1);
  const escapeRanges = new Int32Array(sendsBytes ? ranges.length : 0).fill(-1);
  const escapes: number[] = [];
  let at = 0;
  let byteAt = 0;
  stored.forEach((bytes, k) => {
    if (bytes === null) {
      // The same bytes as the text before it: the same ranges of units, bytes and escapes.
      for (const array of [ranges, utf8Ranges, escapeRanges]) if (array.length) array.copyWithin(2 * k, 2 * (k - 1), 2 * k);
      return;
    }
    if (!wellFormed[k] || decode) {
      const escapesFrom = escapes.length;
      ranges[2 * k] = at;
      // Node's native check came first: decoding without checking each byte is 40 % faster.
      ranges[2 * k + 1] = at = wellFormed[k] ? decodeValidUtf8(bytes, units, at, withUtf8 ? escapes : undefined) : utf8ToUnits(bytes, units, at);
      if (!wellFormed[k] || !withUtf8) return;
      escapeRanges[2 * k] = escapesFrom;
      escapeRanges[2 * k + 1] = escapes.length;
    }
    utf8!.set(bytes, byteAt);
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
 * into a string: five times faster here than TextDecoder, which goes through ICU (and would turn
 * a lone surrogate into U+FFFD). A typed array holds its units in the machine's byte order.
 */
export function unitsToString(units: Uint16Array, from: number, to: number): string {
  if (to - from < 16) return String.fromCharCode.apply(null, units.subarray(from, to) as unknown as number[]);
  if (littleEndian) return Buffer.from(units.buffer, units.byteOffset + 2 * from, 2 * (to - from)).toString('ucs2');
  return utf16.decode(units.subarray(from, to));
}

/** The formatter's side: texts by their index in the batch, decoded here when the reader did not. */
export class TextUnpacker {
  private units = new Uint16Array(1 << 16);
  private readonly escapes: number[] = [];

  constructor(private readonly withUtf8: boolean) {}

  unpack(texts: PackedTexts, k: number): UnpackedText {
    const { units, ranges, utf8 } = texts;
    if (ranges[2 * k] >= 0) {
      const text = unitsToString(units, ranges[2 * k], ranges[2 * k + 1]);
      if (!this.withUtf8 || !utf8 || utf8.ranges[2 * k] < 0) return { text, utf8: undefined };
      return {
        text,
        utf8: {
          bytes: utf8.bytes.subarray(utf8.ranges[2 * k], utf8.ranges[2 * k + 1]),
          jsonEscapes: utf8.jsonEscapes.subarray(utf8.escapeRanges[2 * k], utf8.escapeRanges[2 * k + 1]),
        },
      };
    }
    const bytes = utf8!.bytes.subarray(utf8!.ranges[2 * k], utf8!.ranges[2 * k + 1]);
    if (this.units.length < bytes.length) this.units = new Uint16Array(bytes.length * 2);
    this.escapes.length = 0;
    const end = decodeValidUtf8(bytes, this.units, 0, this.withUtf8 ? this.escapes : undefined);
    const text = unitsToString(this.units, 0, end);
    return { text, utf8: this.withUtf8 ? { bytes, jsonEscapes: Int32Array.from(this.escapes) } : undefined };
  }

  /** Whether text `b` came as the same text as `a` (an original text identical to its text). */
  static same(texts: PackedTexts, a: number, b: number): boolean {
    const { ranges, utf8 } = texts;
    const sameRange = (r: Int32Array) => r[2 * a] === r[2 * b] && r[2 * a + 1] === r[2 * b + 1];
    return sameRange(ranges) && (utf8 === null || sameRange(utf8.ranges));
  }
}
