// Builds a long UTF-8 text out of many small pieces in one growing byte array: what the export
// job's writer (electron/services/export/byte-writer.ts) writes with. CoNLL writes two pieces per
// character of the corpus, Label Studio, CSV and Biaozhu JSONL a dozen per span: appending them to
// strings made ropes of millions of pieces that V8 had to flatten and then encode to UTF-8 again for
// the file; writing the bytes at once skips both. Numbers are written as digits, JSON and CSV escapes
// as the bytes go.

import { isJsonEscaped } from '../text/utf8';
import type { Utf8Text } from './types';

const encoder = new TextEncoder();

/** A short string's UTF-8 bytes, to append with Utf8Builder.appendBytes. */
export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text);

/** A text as a Utf8Text (the export reader makes them while decoding; this is for everything else). */
export function utf8Text(text: string): Utf8Text {
  const bytes = encoder.encode(text);
  const jsonEscapes: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (isJsonEscaped(bytes[i])) jsonEscapes.push(i);
  return { bytes, jsonEscapes: Int32Array.from(jsonEscapes) };
}

/** Below this many units the loop here beats a call into the native encoder. */
const NATIVE_FROM = 48;

/** How encode() writes ASCII that a format must escape. */
const PLAIN = 0;
const JSON_STRING = 1; // as JSON.stringify does inside its quotes
const CSV_QUOTED = 2; // as RFC 4180 does inside a quoted field: " doubled
const CSV_BARE = 3; // a field that needs no quotes: gives up (-1) at the first " , CR or LF

const HEX = utf8Bytes('0123456789abcdef');
/** JSON's short escapes: \b \t \n \f \r \" \\ (the other control characters are \u00xx). */
const SHORT_ESCAPES = new Map([
  [0x08, 0x62],
  [0x09, 0x74],
  [0x0a, 0x6e],
  [0x0c, 0x66],
  [0x0d, 0x72],
  [0x22, 0x22],
  [0x5c, 0x5c],
]);

/** Writes "uxxxx" (the backslash is written by the caller). */
function unicodeEscape(bytes: Uint8Array, at: number, u: number): number {
  bytes[at++] = 0x75;
  bytes[at++] = HEX[u >> 12];
  bytes[at++] = HEX[(u >> 8) & 15];
  bytes[at++] = HEX[(u >> 4) & 15];
  bytes[at++] = HEX[u & 15];
  return at;
}

/**
 * Writes text[from, to) as UTF-8 into `bytes` from `at`, escaping ASCII as `mode` says, and returns
 * where it ends (-1 for CSV_BARE when the text needs quotes). `bytes` must have room for six bytes
 * per unit in JSON_STRING mode, four in CSV_QUOTED, three otherwise.
 */
function encodeUnits(bytes: Uint8Array, at: number, text: string, from: number, to: number, mode: number): number {
  for (let i = from; i < to; i++) {
    let u = text.charCodeAt(i);
    if (u < 0x80) {
      if (mode === PLAIN) bytes[at++] = u;
      else if (mode === CSV_BARE) {
        if (u === 0x22 || u === 0x2c || u === 0x0a || u === 0x0d) return -1;
        bytes[at++] = u;
      } else if (mode === CSV_QUOTED) {
        bytes[at++] = u;
        if (u === 0x22) bytes[at++] = u;
      } else if (!isJsonEscaped(u)) bytes[at++] = u;
      else {
        const short = SHORT_ESCAPES.get(u);
        bytes[at++] = 0x5c;
        if (short !== undefined) bytes[at++] = short;
        else at = unicodeEscape(bytes, at, u);
      }
      continue;
    }
    if (u < 0x800) {
      bytes[at++] = 0xc0 | (u >> 6);
      bytes[at++] = 0x80 | (u & 0x3f);
      continue;
    }
    if (u >= 0xd800 && u <= 0xdfff) {
      const low = i + 1 < to ? text.charCodeAt(i + 1) : 0;
      if (u <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        const cp = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
        bytes[at++] = 0xf0 | (cp >> 18);
        bytes[at++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[at++] = 0x80 | (cp & 0x3f);
        i++;
        continue;
      }
      if (mode === JSON_STRING) {
        bytes[at++] = 0x5c;
        at = unicodeEscape(bytes, at, u);
        continue;
      }
      u = 0xfffd;
    }
    bytes[at++] = 0xe0 | (u >> 12);
    bytes[at++] = 0x80 | ((u >> 6) & 0x3f);
    bytes[at++] = 0x80 | (u & 0x3f);
  }
  return at;
}

/**
 * Writes JSON.stringify(text.slice(from, to)) into `bytes` from `at` and returns where it ends;
 * needs room for six bytes per unit and two. Short strings are mostly plain ASCII (timestamps,
 * names): they are copied until a character is not.
 */
function putJsonString(bytes: Uint8Array, at: number, text: string, from = 0, to = text.length): number {
  bytes[at++] = 0x22;
  let i = from;
  for (; i < to; i++) {
    const u = text.charCodeAt(i);
    if (u > 0x7e || isJsonEscaped(u)) break;
    bytes[at++] = u;
  }
  if (i < to) at = encodeUnits(bytes, at, text, i, to, JSON_STRING);
  bytes[at++] = 0x22;
  return at;
}

/** Most bytes putNumber writes: String(n) of any number. */
const NUMBER_BYTES = 24;

/** Writes a number as JavaScript (and JSON) writes it into `bytes` from `at`; returns where it ends. */
function putNumber(bytes: Uint8Array, at: number, n: number): number {
  if (!(n >= 0 && n <= 0x7fffffff && n === Math.floor(n))) {
    const digits = String(n);
    for (let i = 0; i < digits.length; i++) bytes[at++] = digits.charCodeAt(i);
    return at;
  }
  // Offsets and ids: small integers, written with 32-bit integer arithmetic.
  let digits = 1;
  for (let rest = n; rest >= 10; rest = (rest / 10) | 0) digits++;
  const end = at + digits;
  let i = end;
  let rest = n;
  do {
    const next = (rest / 10) | 0;
    bytes[--i] = 0x30 + rest - next * 10;
    rest = next;
  } while (rest > 0);
  return end;
}

/** Copies `piece` into `bytes` at `at`; returns where it ends. A loop for the short pieces most are. */
function putBytes(bytes: Uint8Array, at: number, piece: Uint8Array): number {
  const n = piece.length;
  if (n > 24) bytes.set(piece, at);
  else for (let i = 0; i < n; i++) bytes[at + i] = piece[i];
  return at + n;
}

export class Utf8Builder {
  private bytes = new Uint8Array(1 << 13);
  private length = 0;

  /**
   * Appends text[from, to) (UTF-16 code units) as UTF-8. A surrogate without its other half is
   * written as U+FFFD, as every UTF-8 encoder writes it.
   */
  append(text: string, from = 0, to = text.length): void {
    this.reserve((to - from) * 3);
    // Whole long strings go to the native encoder: it is 3× faster on them, and on strings built
    // by concatenation (ropes) far more, where reading code units one by one is slow.
    if (to - from >= NATIVE_FROM && from === 0 && to === text.length) this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
    else this.length = encodeUnits(this.bytes, this.length, text, from, to, PLAIN);
  }

  /** Appends JSON.stringify(text.slice(from, to)) as UTF-8, byte for byte (lone surrogates as \udxxx). */
  appendJsonString(text: string, from = 0, to = text.length): void {
    if (to - from >= NATIVE_FROM && from === 0 && to === text.length) return this.append(JSON.stringify(text));
    this.reserve((to - from) * 6 + 2); // "\u001f" is six bytes for one unit
    this.length = putJsonString(this.bytes, this.length, text, from, to);
  }

  /**
   * Appends JSON.stringify of a text given as its well-formed UTF-8 (see utf8Text): the runs
   * between the bytes JSON escapes are copied whole. (Well-formed UTF-8 holds no lone surrogate,
   * the only other character JSON.stringify escapes.)
   */
  appendJsonUtf8({ bytes: utf8, jsonEscapes }: Utf8Text): void {
    this.reserve(utf8.length + jsonEscapes.length * 5 + 2); // "\u001f" is six bytes for one
    const bytes = this.bytes;
    let at = this.length;
    bytes[at++] = 0x22;
    let run = 0; // where the bytes not yet copied begin
    for (let e = 0; e < jsonEscapes.length; e++) {
      const i = jsonEscapes[e];
      bytes.set(utf8.subarray(run, i), at);
      at += i - run;
      run = i + 1;
      const b = utf8[i];
      const short = SHORT_ESCAPES.get(b);
      bytes[at++] = 0x5c;
      if (short !== undefined) bytes[at++] = short;
      else at = unicodeEscape(bytes, at, b);
    }
    bytes.set(utf8.subarray(run), at);
    at += utf8.length - run;
    bytes[at++] = 0x22;
    this.length = at;
  }

  /** How many bytes have been appended so far: a mark for repeat(). */
  get size(): number {
    return this.length;
  }

  /** Appends again the bytes appended between two marks (a text written twice, say). */
  repeat(from: number, to: number): void {
    this.reserve(to - from);
    this.bytes.copyWithin(this.length, from, to);
    this.length += to - from;
  }

  /** Appends text[from, to) as a CSV field: quoted, with quotes doubled, when it holds " , CR or LF. */
  appendCsvField(text: string, from = 0, to = text.length): void {
    this.reserve((to - from) * 4 + 2);
    // Most fields need no quotes: write them bare in one pass, and only start again when not.
    const bare = encodeUnits(this.bytes, this.length, text, from, to, CSV_BARE);
    if (bare >= 0) {
      this.length = bare;
      return;
    }
    this.bytes[this.length++] = 0x22;
    this.length = encodeUnits(this.bytes, this.length, text, from, to, CSV_QUOTED);
    this.bytes[this.length++] = 0x22;
  }

  /** Appends a number as JavaScript (and JSON) writes it. */
  number(n: number): void {
    this.reserve(NUMBER_BYTES);
    this.length = putNumber(this.bytes, this.length, n);
  }

  /** Appends bytes prepared once (tags written for every character, keys of every span). */
  appendBytes(piece: Uint8Array): void {
    this.reserve(piece.length);
    this.length = putBytes(this.bytes, this.length, piece);
  }

  /**
   * Appends one code unit that is not a surrogate (a character of the Basic Multilingual Plane),
   * then `after` (CoNLL: a character and its tag line, in one call).
   */
  bmpThen(u: number, after: Uint8Array): void {
    this.reserve(3 + after.length);
    const bytes = this.bytes;
    let at = this.length;
    if (u < 0x80) bytes[at++] = u;
    else if (u < 0x800) {
      bytes[at++] = 0xc0 | (u >> 6);
      bytes[at++] = 0x80 | (u & 0x3f);
    } else {
      bytes[at++] = 0xe0 | (u >> 12);
      bytes[at++] = 0x80 | ((u >> 6) & 0x3f);
      bytes[at++] = 0x80 | (u & 0x3f);
    }
    if (after.length === 3) {
      // CoNLL's "\tO\n", after most characters: three stores instead of a loop.
      bytes[at] = after[0];
      bytes[at + 1] = after[1];
      bytes[at + 2] = after[2];
      at += 3;
    } else for (let i = 0; i < after.length; i++) bytes[at++] = after[i];
    this.length = at;
  }

  /** As eachCharThen, for callers that know text[from, to) holds no surrogate. */
  eachBmpThen(text: string, from: number, to: number, after: Uint8Array): void {
    this.eachCharThen(text, from, to, after);
  }

  /**
   * Appends each character of text[from, to), each followed by `after`, in one call (CoNLL: a run
   * of characters, each with its tag line). A surrogate without its other half is written as U+FFFD.
   */
  eachCharThen(text: string, from: number, to: number, after: Uint8Array): void {
    const n = after.length;
    this.reserve((to - from) * (3 + n));
    const bytes = this.bytes;
    let at = this.length;
    // "\tO\n" is three bytes: kept in locals, not read from `after` for every character.
    const a0 = after[0],
      a1 = after[1],
      a2 = after[2];
    for (let i = from; i < to; i++) {
      const u = text.charCodeAt(i);
      if (u >= 0xd800 && u <= 0xdfff) {
        // A pair is one character (four bytes); a lone half is written as U+FFFD.
        const pair = u <= 0xdbff && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
        at = encodeUnits(bytes, at, text, i, pair ? i + 2 : i + 1, PLAIN);
        if (pair) i++;
      } else if (u >= 0x800) {
        bytes[at] = 0xe0 | (u >> 12);
        bytes[at + 1] = 0x80 | ((u >> 6) & 0x3f);
        bytes[at + 2] = 0x80 | (u & 0x3f);
        at += 3;
      } else if (u >= 0x80) {
        bytes[at] = 0xc0 | (u >> 6);
        bytes[at + 1] = 0x80 | (u & 0x3f);
        at += 2;
      } else bytes[at++] = u;
      if (n === 3) {
        bytes[at] = a0;
        bytes[at + 1] = a1;
        bytes[at + 2] = a2;
        at += 3;
      } else for (let j = 0; j < n; j++) bytes[at++] = after[j];
    }
    this.length = at;
  }

  /** Appends one ASCII character. */
  ascii(code: number): void {
    this.reserve(1);
    this.bytes[this.length++] = code;
  }

  /** Drops what was appended (after a failed document, say); the memory is kept. */
  clear(): void {
    this.length = 0;
  }

  /**
   * The bytes built so far, not copied: valid until the builder is written to again. The builder
   * starts again empty and keeps its memory. (Copying each document out was a fifth of a second
   * per 650 MB exported, for bytes the output copies into its own buffer at once anyway.)
   */
  take(): Uint8Array {
    const taken = this.bytes.subarray(0, this.length);
    this.length = 0;
    return taken;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + more) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}
