// Span attributes cross from the export's reader thread to its formatting thread as numbers: the
// reader numbers each distinct attributes JSON text and sends a text only the first time, and the
// formatter parses it once and looks it up by number. A million spans hold far fewer distinct
// attribute sets (the bench corpus: 48,000); hashing every span's text in the formatter to find
// its parsed set cost half a second of the formatter's time, which the reader has to spare.

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});
/** The number of '{}', the attributes of most spans: never hashed, never sent, never in the table. */
const EMPTY = -1;

/** What a batch adds to the table: the texts first seen in it, numbered on from the table's size. */
export interface AttributesUpdate {
  /** The table was emptied before this batch: numbering started again from 0. */
  reset: boolean;
  texts: string[];
}

/** The reader's side. */
export class AttributesNumbering {
  private readonly numbers = new Map<string, number>();
  private texts: string[] = [];
  private reset = false;

  /** `limit` distinct texts at most are remembered, so memory stays flat however many there are. */
  constructor(private readonly limit = 100_000) {}

  /** Call before numbering a batch's spans: a full table is emptied here, between batches only. */
  beginBatch(): void {
    if (this.numbers.size < this.limit) return;
    this.numbers.clear();
    this.reset = true;
  }

  numberOf(json: string): number {
    if (json === '{}') return EMPTY;
    let n = this.numbers.get(json);
    if (n === undefined) {
      n = this.numbers.size;
      // The texts are slices of a whole document's list: kept as they are, each would keep its
      // list alive as long as the table remembers it. A copy keeps only itself.
      const own = ` ${json}`.slice(1);
      this.numbers.set(own, n);
      this.texts.push(own);
    }
    return n;
  }

  /** What the batch added; sent with it. */
  endBatch(): AttributesUpdate {
    const update = { reset: this.reset, texts: this.texts };
    this.reset = false;
    this.texts = [];
    return update;
  }
}

/** The formatter's side: parsed, frozen attributes by number (exporters only read them). */
export class AttributesTable {
  private readonly parsed: Record<string, string>[] = [];

  apply(update: AttributesUpdate): void {
    if (update.reset) this.parsed.length = 0;
    for (const json of update.texts) {
      let attributes: Record<string, string>;
      try {
        attributes = json === '{}' ? NO_ATTRIBUTES : Object.freeze(JSON.parse(json) as Record<string, string>);
      } catch (error) {
        throw new Error(`span attributes are not valid JSON (${(error as Error).message}): ${json.slice(0, 80)}`);
      }
      this.parsed.push(attributes);
    }
  }

  get(n: number): Record<string, string> {
    if (n === EMPTY) return NO_ATTRIBUTES;
    const attributes = this.parsed[n];
    if (attributes === undefined) throw new Error(`span attributes number ${n} was never sent`);
    return attributes;
  }

  static readonly none = NO_ATTRIBUTES;
}
