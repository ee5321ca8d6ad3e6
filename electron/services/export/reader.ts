// The export's reading half, in a thread of its own: it reads the project in batches inside one read
// snapshot and hands them to the formatting thread, so reading SQLite and formatting and writing
// the output run side by side. At most a few batches wait at a time: memory stays flat.
import { parentPort, Worker } from 'node:worker_threads';
import type { ExportOptions } from '../../../shared/api/jobs';
import type { Label } from '../../../shared/model';
import { openDatabase, useNativeBinding } from '../db/connection';
import type { SpanDetails } from '../../../shared/exchange/types';
import { ATTRIBUTES_SEPARATOR, annotatorNames, exportDocumentIds, readExportDocuments, readExportSpanPositions, readExportSpans, type ExportDocumentRow, type ExportSpanRow, type SpanPositionList } from '../db/export-queries';
import { listLabels } from '../db/labels';
import { AttributesNumbering, type AttributesUpdate } from './attributes-table';
import { utf8ToUnits } from '../../../shared/text/utf8';

/** Documents read per query pair. */
const EXPORT_BATCH = 100;
/** Batches read ahead of the formatter. */
const BATCHES_AHEAD = 4;

export interface ReaderData {
  role: 'export-reader';
  projectPath: string;
  options: ExportOptions;
  withOriginal: boolean;
  spanDetails: SpanDetails;
  /** [0]: batches posted and not yet formatted; [1]: 1 once the export is cancelled or failed. */
  flow: Int32Array;
  nativeBinding?: string;
}

export type ReaderMessage =
  | { type: 'snapshot'; labels: Label[]; annotators: [number, string][]; ids: number[] }
  | { type: 'batch'; rows: BatchRow[]; texts: PackedTexts; spans: PackedSpans }
  | { type: 'end' }
  | { type: 'error'; message: string };

/** A document of a batch without its texts, which come in PackedTexts. */
export type BatchRow = Omit<ExportDocumentRow, 'text' | 'original_text'>;

/**
 * A batch's texts as UTF-16 code units in one transferable array: the text of each row, then its
 * original text when read, one after another. Posting strings would copy them twice more.
 */
export interface PackedTexts {
  units: Uint16Array;
  /** Where each text ends in `units`, in that order (one or two per row). */
  ends: Int32Array;
}

const NO_BYTES = new Uint8Array(0);

export function packTexts(rows: ExportDocumentRow[], withOriginal: boolean): { rows: BatchRow[]; texts: PackedTexts } {
  let bytes = 0;
  for (const row of rows) bytes += row.text.length + (withOriginal ? (row.original_text ?? NO_BYTES).length : 0);
  const units = new Uint16Array(bytes); // UTF-8 never has fewer bytes than UTF-16 has units
  const ends = new Int32Array(rows.length * (withOriginal ? 2 : 1));
  let at = 0;
  let k = 0;
  const lean = rows.map(({ text, original_text, ...row }) => {
    ends[k++] = at = utf8ToUnits(text, units, at);
    if (withOriginal) ends[k++] = at = utf8ToUnits(original_text ?? NO_BYTES, units, at);
    return row;
  });
  return { rows: lean, texts: { units, ends } };
}

/**
 * A batch's spans in document order: the numbers in one transferable array (a million small arrays
 * would cost more to copy between threads than to read), the details as strings when read.
 */
export interface PackedSpans {
  /** SPAN_NUMBERS numbers per span: documentId, id, start, end, labelId, annotatorId. */
  numbers: Float64Array;
  /** SPAN_DETAILS strings per span: origin, reviewState, createdAt, updatedAt ('all' details). */
  details: string[] | null;
  /** Each span's attributes as its number in the AttributesTable, when attributes were read. */
  attributes: Int32Array | null;
  attributesUpdate: AttributesUpdate | null;
}

export const SPAN_NUMBERS = 6;
export const SPAN_DETAILS = 4;

/** Rows of readExportSpans; attributes (column 8) go through the numbering. */
export function packSpans(rows: ExportSpanRow[], numbering: AttributesNumbering): PackedSpans {
  const numbers = new Float64Array(rows.length * SPAN_NUMBERS);
  const details = new Array<string>(rows.length * SPAN_DETAILS);
  const attributes = new Int32Array(rows.length);
  numbering.beginBatch();
  rows.forEach((row, i) => {
    for (let k = 0; k < SPAN_NUMBERS; k++) numbers[i * SPAN_NUMBERS + k] = row[k] as number;
    const [, , , , , , origin, reviewState, attributesJson, createdAt, updatedAt] = row;
    details[i * SPAN_DETAILS] = origin;
    details[i * SPAN_DETAILS + 1] = reviewState;
    details[i * SPAN_DETAILS + 2] = createdAt;
    details[i * SPAN_DETAILS + 3] = updatedAt;
    attributes[i] = numbering.numberOf(attributesJson);
  });
  return { numbers, details, attributes, attributesUpdate: numbering.endBatch() };
}

/**
 * Parses readExportSpanPositions' lists (non-negative integers, five per span) into numbers, and
 * numbers their attributes when read.
 */
export function packPositions(lists: SpanPositionList[], numbering: AttributesNumbering | null = null): PackedSpans {
  let spans = 0;
  for (const [, list] of lists) for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === 0x2c) spans++;
  spans = (spans + lists.length) / (SPAN_NUMBERS - 1);
  const numbers = new Float64Array(spans * SPAN_NUMBERS);
  let at = 0;
  for (const [documentId, list] of lists) {
    numbers[at++] = documentId;
    let field = 0;
    let value = 0;
    for (let i = 0; i < list.length; i++) {
      const c = list.charCodeAt(i);
      if (c !== 0x2c) {
        if (c < 0x30 || c > 0x39) throw new Error(`document ${documentId}: span positions hold "${list[i]}", not only digits`);
        value = value * 10 + (c - 0x30);
        continue;
      }
      numbers[at++] = value;
      value = 0;
      // After a span's fifth number the next span of the same document begins.
      if (++field === SPAN_NUMBERS - 1) {
        field = 0;
        numbers[at++] = documentId;
      }
    }
    numbers[at++] = value;
  }
  if (at !== numbers.length) throw new Error(`span positions did not parse: ${at} of ${numbers.length} numbers`);
  if (!numbering) return { numbers, details: null, attributes: null, attributesUpdate: null };
  numbering.beginBatch();
  const attributes = new Int32Array(spans);
  let span = 0;
  for (const [documentId, positions, list] of lists) {
    const pieces = (list ?? '').split(ATTRIBUTES_SEPARATOR);
    let count = 1;
    for (let i = 0; i < positions.length; i++) if (positions.charCodeAt(i) === 0x2c) count++;
    // A raw separator inside an attributes text would shift every later span's attributes.
    if (pieces.length !== count / (SPAN_NUMBERS - 1)) throw new Error(`document ${documentId}: span attributes hold the control character U+001E`);
    for (const piece of pieces) attributes[span++] = numbering.numberOf(piece);
  }
  return { numbers, details: null, attributes, attributesUpdate: numbering.endBatch() };
}

const IN_FLIGHT = 0;
const STOPPED = 1;

/** Runs in the reader thread. */
export function runExportReader(data: ReaderData): void {
  const post = (message: ReaderMessage) => parentPort!.postMessage(message);
  try {
    useNativeBinding(data.nativeBinding);
    const db = openDatabase(data.projectPath, { readonly: true });
    // One read snapshot for the whole export: edits made meanwhile are not half in it.
    db.exec('BEGIN');
    try {
      const ids = exportDocumentIds(db, data.options);
      const numbering = new AttributesNumbering();
      post({ type: 'snapshot', labels: listLabels(db), annotators: [...annotatorNames(db)], ids });
      for (let from = 0; from < ids.length; from += EXPORT_BATCH) {
        for (let ahead = Atomics.load(data.flow, IN_FLIGHT); ahead >= BATCHES_AHEAD; ahead = Atomics.load(data.flow, IN_FLIGHT)) {
          if (Atomics.load(data.flow, STOPPED)) return;
          Atomics.wait(data.flow, IN_FLIGHT, ahead, 200);
        }
        if (Atomics.load(data.flow, STOPPED)) return;
        const batchIds = ids.slice(from, from + EXPORT_BATCH);
        const { rows, texts } = packTexts(readExportDocuments(db, batchIds, data.withOriginal), data.withOriginal);
        const spans =
          data.spanDetails === 'all'
            ? packSpans(readExportSpans(db, batchIds), numbering)
            : packPositions(readExportSpanPositions(db, batchIds, data.spanDetails === 'attributes'), data.spanDetails === 'attributes' ? numbering : null);
        Atomics.add(data.flow, IN_FLIGHT, 1);
        const transfer = [spans.numbers.buffer, texts.units.buffer, texts.ends.buffer, ...(spans.attributes ? [spans.attributes.buffer] : [])] as ArrayBuffer[];
        parentPort!.postMessage({ type: 'batch', rows, texts, spans } satisfies ReaderMessage, transfer);
      }
      post({ type: 'end' });
    } finally {
      db.close();
    }
  } catch (error) {
    post({ type: 'error', message: (error as Error).message ?? String(error) });
  }
}

/** The formatting thread's side: batches in order, with read-ahead released as they are used. */
export class ExportReader {
  private readonly flow = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private readonly queue: ReaderMessage[] = [];
  private wake: (() => void) | null = null;

  constructor(entryFile: string, data: Omit<ReaderData, 'role' | 'flow'>) {
    this.worker = new Worker(entryFile, { workerData: { ...data, role: 'export-reader', flow: this.flow } satisfies ReaderData });
    const push = (message: ReaderMessage) => {
      this.queue.push(message);
      this.wake?.();
    };
    this.worker.on('message', push);
    this.worker.on('error', (error) => push({ type: 'error', message: error.message }));
    this.worker.on('exit', (code) => push({ type: 'error', message: `the export reader stopped unexpectedly (exit code ${code})` }));
  }

  async next(): Promise<ReaderMessage> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    const message = this.queue.shift()!;
    if (message.type === 'error') throw new Error(message.message);
    return message;
  }

  /** A batch has been formatted: the reader may read one more ahead. */
  release(): void {
    Atomics.sub(this.flow, IN_FLIGHT, 1);
    Atomics.notify(this.flow, IN_FLIGHT);
  }

  async stop(): Promise<void> {
    Atomics.store(this.flow, STOPPED, 1);
    Atomics.notify(this.flow, IN_FLIGHT);
    await this.worker.terminate();
  }
}
