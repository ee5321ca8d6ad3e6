// The five character features of a place (the character two before … two after, features.ts)
// read five rows for the same few thousand characters over and over, each found by its own probe
// of the model's big hash table. Each character's five rows are copied once, side by side, into
// one block: one array read finds all five, and they share cache lines.

/** blockOf: the model weighs none of the character's five features; the first block is all zeros, so it can be added all the same. */
export const NO_WEIGHTS = 0;
/** blockOf: no room for another block; read this character's rows one by one. */
export const NO_ROOM = -2;

/** Writes the model's row for the character `code` at window place `offset` (0..4) to out[at .. at + T); false if it has none. */
export type RowReader = (offset: number, code: number, out: Float32Array, at: number) => boolean;

const PLACES = 5;
/** Characters beyond the BMP the model has no rows for, remembered at most (a bound on memory; the rest are looked up again). */
const MOST_OTHERS = 10_000;
const BMP = 0x10000;

export class CharBlocks {
  /** Per BMP code point: 0 not looked at yet, 1 NO_WEIGHTS, b + 1 its block is the b-th (b ≥ 1). */
  private readonly bmp = new Int32Array(BMP);
  /** The same for the padding codes before and after the text (negative) and characters beyond the BMP. */
  private readonly others = new Map<number, number>();
  /** Block b is weights[b × 5T .. (b + 1) × 5T): the rows for places 0..4 in order, zeros where the model has none. Block 0 is all zeros. */
  weights: Float32Array;
  private count = 1;
  private readonly size: number;
  private readonly most: number;

  /** `room`: floats the blocks may take at most (a bound on memory). */
  constructor(tags: number, room: number) {
    this.size = PLACES * tags;
    this.most = Math.max(1, Math.floor(room / this.size));
    this.weights = new Float32Array(this.size);
  }

  /** Where the character's block starts in `weights`, or NO_WEIGHTS, or NO_ROOM. */
  blockOf(code: number, read: RowReader): number {
    const known = code >= 0 && code < BMP ? this.bmp[code] : (this.others.get(code) ?? 0);
    if (known > 1) return (known - 1) * this.size;
    if (known === 1) return NO_WEIGHTS;
    if (this.count === this.most) return NO_ROOM;
    if (this.weights.length < (this.count + 1) * this.size) {
      const grown = new Float32Array(Math.min(this.most, Math.max(64, this.count * 2)) * this.size);
      grown.set(this.weights);
      this.weights = grown;
    }
    const at = this.count * this.size;
    const tags = this.size / PLACES;
    let any = false;
    for (let offset = 0; offset < PLACES; offset++) if (read(offset, code, this.weights, at + offset * tags)) any = true;
    const mark = any ? ++this.count : 1;
    if (code >= 0 && code < BMP) this.bmp[code] = mark;
    else if (any || this.others.size < MOST_OTHERS) this.others.set(code, mark);
    return any ? at : NO_WEIGHTS;
  }
}
