// Span times cross from the export's reader thread to its formatting thread as numbers: the
// reader numbers each distinct text and sends a text only the first time, and the formatter keeps
// what it stands for (times split) and looks it up by number. A million spans hold far fewer
// distinct times (the bench corpus: 15,000), and a number costs nothing to send, while a million
// short strings cost a third of a second to clone between the threads. (Attribute sets are
// numbered in the project itself: see attribute-table.ts.)

/** What a batch adds to a table: the texts first seen in it, numbered on from the table's size. */
export interface TextTableUpdate {
  /** The table was emptied before this batch: numbering started again from 0. */
  reset: boolean;
  texts: string[];
}

/** The reader's side. */
export class TextNumbering {
  private readonly numbers = new Map<string, number>();
  private texts: string[] = [];
  private reset = false;
  /** The text numbered last and its number: neighbouring spans often share one (the times of one import). */
  private lastText: string | undefined;
  private lastNumber = -1;

  /** `limit` distinct texts at most are remembered, so memory stays flat however many there are. */
  constructor(private readonly limit = 100_000) {}

  /** Call before numbering a batch's spans: a full table is emptied here, between batches only. */
  beginBatch(): void {
    if (this.numbers.size < this.limit) return;
    this.numbers.clear();
    this.reset = true;
    this.lastText = undefined;
  }

  numberOf(text: string): number {
    if (text === this.lastText) return this.lastNumber;
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.numbers.size;
      // The texts are slices of a whole document's list: kept as they are, each would keep its
      // list alive as long as the table remembers it. A copy keeps only itself.
      const own = ` ${text}`.slice(1);
      this.numbers.set(own, n);
      this.texts.push(own);
      text = own;
    }
    this.lastText = text;
    this.lastNumber = n;
    return n;
  }

  /** What the batch added; sent with it. */
  endBatch(): TextTableUpdate {
    const update = { reset: this.reset, texts: this.texts };
    this.reset = false;
    this.texts = [];
    return update;
  }
}

/** The formatter's side: what each text stands for (`read` once per text sent), by number. */
export class TextTable<T> {
  private readonly values: T[] = [];

  constructor(private readonly what: string, private readonly read: (text: string) => T) {}

  apply(update: TextTableUpdate): void {
    if (update.reset) this.values.length = 0;
    for (const text of update.texts) this.values.push(this.read(text));
  }

  get(n: number): T {
    const value = this.values[n];
    if (value === undefined) throw new Error(`${this.what} number ${n} was never sent`);
    return value;
  }
}

/**
 * A span's created and updated time as one text: the time of a span never edited, else
 * "created U+001F updated". Each distinct text becomes one pair of strings, shared by every span
 * that has it (an import's or a suggestion run's spans share their times).
 */
export const timesNumbering = (limit?: number): TextNumbering => new TextNumbering(limit);

export type SpanTimes = readonly [createdAt: string, updatedAt: string];

export const timesTable = (): TextTable<SpanTimes> =>
  new TextTable('span times', (times) => {
    const separator = times.indexOf('\x1f');
    if (separator < 0) return [times, times];
    if (times.indexOf('\x1f', separator + 1) >= 0) throw new Error(`span times hold the control character U+001F: ${JSON.stringify(times.slice(0, 80))}`);
    return [times.slice(0, separator), times.slice(separator + 1)];
  });
