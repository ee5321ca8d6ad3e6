// Builds a long string out of many tiny pieces as UTF-16 code units in one growing array, decoded
// into a flat string at the end. CoNLL writes two pieces per character of the corpus; appending
// them with += made a rope of 100 million pieces that the file encoder then had to flatten, about
// three times slower than this. (Typed arrays are little-endian on every platform we run on.)
const decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

/** A short string's code units, to append with TextBuilder.appendUnits. */
export const codeUnits = (text: string): Uint16Array => Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

export class TextBuilder {
  private units = new Uint16Array(1 << 12);
  private length = 0;

  /** Appends text[from, to) (UTF-16 code units). */
  append(text: string, from = 0, to = text.length): void {
    this.reserve(to - from);
    const units = this.units;
    let at = this.length;
    for (let i = from; i < to; i++) units[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Appends code units prepared once (tags written for every character). */
  appendUnits(codeUnits: Uint16Array): void {
    this.reserve(codeUnits.length);
    const units = this.units;
    let at = this.length;
    for (let i = 0; i < codeUnits.length; i++) units[at++] = codeUnits[i];
    this.length = at;
  }

  /** Appends one code unit. */
  unit(codeUnit: number): void {
    this.reserve(1);
    this.units[this.length++] = codeUnit;
  }

  /** Drops what was appended (after a failed document, say); the memory is kept. */
  clear(): void {
    this.length = 0;
  }

  /** The text built so far; the builder starts again empty (its memory is kept for the next text). */
  take(): string {
    const text = decoder.decode(this.units.subarray(0, this.length));
    this.length = 0;
    return text;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.units.length) return;
    let size = this.units.length * 2;
    while (size < this.length + more) size *= 2;
    const grown = new Uint16Array(size);
    grown.set(this.units.subarray(0, this.length));
    this.units = grown;
  }
}
