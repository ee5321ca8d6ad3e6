// Span attributes and times cross from the export's reader thread to its formatting thread as
// numbers: the reader numbers each distinct text and sends a text only the first time, and the
// formatter keeps what it stands for (attributes parsed, times split) and looks it up by number.
// A million spans hold far fewer distinct texts (the bench corpus: 48,000 attribute sets, 15,000
// times), and a number costs nothing to send, while two million short strings cost a third of a
// second to clone between the threads, and hashing every span's text in the formatter half a
// second of its time.

/** What a batch adds to a table: the texts first seen in it, numbered on from the table's size. */
export interface TextTableUpdate {
  /** The table was emptied before this batch: numbering started again from 0. */
  reset: boolean;
  texts: string[];
}

/** The number of the one text a numbering may leave out of its table (`unnumbered`). */
const UNNUMBERED = -1;

/** The reader's side. */
export class TextNumbering {
  private readonly numbers = new Map<string, number>();
  private texts: string[] = [];
  private reset = false;
  /** The text numbered last and its number: neighbouring spans often share one (the times of one import). */
  private lastText: string | undefined;
  private lastNumber = UNNUMBERED;

  /**
   * `limit` distinct texts at most are remembered, so memory stays flat however many there are.
   * `unnumbered` (attributes: '{}', those of most spans) is never hashed, sent or kept: its
   * number is fixed.
   */
  constructor(private readonly limit = 100_000, private readonly unnumbered?: string) {}

  /** Call before numbering a batch's spans: a full table is emptied here, between batches only. */
  beginBatch(): void {
    if (this.numbers.size < this.limit) return;
    this.numbers.clear();
    this.reset = true;
    this.lastText = undefined;
  }

  numberOf(text: string): number {
    if (text === this.unnumbered) return UNNUMBERED;
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
  /** One object per value for what formats derive from it (see ExportSpan.attributesMemo). */
  private readonly memos: Record<string, unknown>[] = [];
  private readonly unnumberedMemo: Record<string, unknown> = {};

  /** `unnumbered` stands for the numbering's unnumbered text. */
  constructor(private readonly what: string, private readonly read: (text: string) => T, private readonly unnumbered: T) {}

  apply(update: TextTableUpdate): void {
    if (update.reset) this.values.length = this.memos.length = 0;
    for (const text of update.texts) {
      this.values.push(this.read(text));
      this.memos.push({});
    }
  }

  get(n: number): T {
    if (n === UNNUMBERED) return this.unnumbered;
    const value = this.values[n];
    if (value === undefined) throw new Error(`${this.what} number ${n} was never sent`);
    return value;
  }

  /** The memo of value `n`: the same object for every span with that value, until the table is emptied. */
  memo(n: number): Record<string, unknown> {
    if (n === UNNUMBERED) return this.unnumberedMemo;
    const memo = this.memos[n];
    if (memo === undefined) throw new Error(`${this.what} number ${n} was never sent`);
    return memo;
  }
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/** Attributes: '{}' is unnumbered; every span without attributes shares one frozen object. */
export const attributesNumbering = (limit?: number): TextNumbering => new TextNumbering(limit, '{}');

export const attributesTable = (): TextTable<Record<string, string>> =>
  new TextTable('span attributes', (json) => {
    try {
      return json === '{}' ? NO_ATTRIBUTES : Object.freeze(JSON.parse(json) as Record<string, string>);
    } catch (error) {
      throw new Error(`span attributes are not valid JSON (${(error as Error).message}): ${json.slice(0, 80)}`);
    }
  }, NO_ATTRIBUTES);

/** Spans of formats that read no attributes get this. */
export const noAttributes = NO_ATTRIBUTES;

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
  }, ['', '']);
