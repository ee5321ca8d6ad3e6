// Builds a long UTF-8 text out of many tiny pieces in one growing byte array. CoNLL writes two
// pieces per character of the corpus: appending them to a string made a rope of 100 million pieces
// that had to be flattened and then encoded to UTF-8 again for the file; writing the bytes at once
// skips both (the encoding alone was an eighth of a CoNLL export).

const encoder = new TextEncoder();

/** A short string's UTF-8 bytes, to append with Utf8Builder.appendBytes. */
export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text);

/** Below this many units the loop here beats a call into the native encoder. */
const NATIVE_FROM = 48;

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
    else this.length = this.encode(text, from, to);
  }

  /** Appends JSON.stringify(text) as UTF-8. */
  appendJsonString(text: string): void {
    this.append(JSON.stringify(text));
  }

  private encode(text: string, from: number, to: number): number {
    const bytes = this.bytes;
    let at = this.length;
    for (let i = from; i < to; i++) {
      let u = text.charCodeAt(i);
      if (u < 0x80) {
        bytes[at++] = u;
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
        u = 0xfffd;
      }
      bytes[at++] = 0xe0 | (u >> 12);
      bytes[at++] = 0x80 | ((u >> 6) & 0x3f);
      bytes[at++] = 0x80 | (u & 0x3f);
    }
    return at;
  }

  /** Appends bytes prepared once (tags written for every character). */
  appendBytes(piece: Uint8Array): void {
    this.reserve(piece.length);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < piece.length; i++) bytes[at++] = piece[i];
    this.length = at;
  }

  /** Appends one code unit that is not a surrogate (a character of the Basic Multilingual Plane). */
  bmp(u: number): void {
    this.reserve(3);
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

  /** The bytes built so far, as a copy; the builder starts again empty and keeps its memory. */
  take(): Uint8Array {
    const taken = this.bytes.slice(0, this.length);
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
