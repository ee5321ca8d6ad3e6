// Span attributes between the export's threads. The project stores each distinct attribute set
// once (migration 004) and spans carry its id: the reader sends the JSON of a set the first time
// a batch's spans use it, and the formatter parses it once and hands every span with that set the
// same frozen object (formats derive what they write from it once: see derivedFromAttributes). At most `limit` sets are remembered, so memory stays flat however many a
// project has: past it, both sides empty their tables between batches and start again.

/** The id of no set: a span without attributes. */
export const NO_SET = 0;

/** The sets a batch's spans use that were not sent before, and whether the table was emptied first. */
export interface AttributeSetsUpdate {
  reset: boolean;
  sets: [id: number, json: string][];
}

/** The reader's side. */
export class AttributeSetsSent {
  /** 1 for each set id sent: set ids run from 1 up, and a byte per id is found faster than in a Set. */
  private sent = new Uint8Array(1024);
  private count = 0;
  private wanted: number[] = [];
  private reset = false;

  constructor(private readonly limit = 100_000) {}

  /** Call before a batch's spans: a full table is emptied here, between batches only. */
  beginBatch(): void {
    if (this.count < this.limit) return;
    this.sent.fill(0);
    this.count = 0;
    this.reset = true;
  }

  /** A span of the batch uses set `id`. */
  use(id: number): void {
    if (id === NO_SET || this.sent[id] === 1) return;
    if (id >= this.sent.length) {
      const grown = new Uint8Array(Math.max(id + 1, 2 * this.sent.length));
      grown.set(this.sent);
      this.sent = grown;
    }
    this.sent[id] = 1;
    this.count++;
    this.wanted.push(id);
  }

  /** What the batch adds; `read` gives the stored JSON of sets by id. */
  endBatch(read: (ids: number[]) => [number, string][]): AttributeSetsUpdate {
    const wanted = this.wanted;
    const sets = wanted.length > 0 ? read(wanted) : [];
    if (sets.length !== wanted.length) {
      const found = new Set(sets.map(([id]) => id));
      throw new Error(`span attribute set ${wanted.find((id) => !found.has(id))} is missing from the project: the file is damaged`);
    }
    const update = { reset: this.reset, sets };
    this.reset = false;
    this.wanted = [];
    return update;
  }
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/** Spans of formats that read no attributes get this. */
export const noAttributes = NO_ATTRIBUTES;

/** The formatter's side. */
export class AttributeTable {
  /** By id: a project's set ids run from 1 up, and an array finds one faster than a Map. */
  private readonly sets: (Record<string, string> | undefined)[] = [];

  apply(update: AttributeSetsUpdate): void {
    if (update.reset) this.sets.length = 0;
    for (const [id, json] of update.sets) this.sets[id] = parseSet(id, json);
  }

  get(id: number): Record<string, string> {
    if (id === NO_SET) return NO_ATTRIBUTES;
    const set = this.sets[id];
    if (set === undefined) throw new Error(`span attribute set ${id} was never sent`);
    return set;
  }
}

function parseSet(id: number, json: string): Record<string, string> {
  try {
    return Object.freeze(JSON.parse(json) as Record<string, string>);
  } catch (error) {
    throw new Error(`span attribute set ${id} is not valid JSON (${(error as Error).message}): ${json.slice(0, 80)}`);
  }
}
