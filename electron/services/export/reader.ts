// The export's reading half, in a thread of its own: it reads the project in batches inside one read
// snapshot and hands them to the formatting thread, so reading SQLite and formatting and writing
// the output run side by side. At most a few batches wait at a time: memory stays flat.
import { parentPort, Worker } from 'node:worker_threads';
import type { ExportOptions } from '../../../shared/api/jobs';
import type { Label } from '../../../shared/model';
import { openDatabase, useNativeBinding } from '../db/connection';
import type { SpanDetails } from '../../../shared/exchange/types';
import { annotatorNames, countReviewLeftOut, countTodoLeftOut, exportDocumentIds, readExportDocuments, readExportSpanLists, readExportSpanNotes } from '../db/export-queries';
import { listLabels } from '../db/labels';
import { schemaVersion } from '../db/migrations';
import { migration007GuidelinesAndNotes } from '../db/migrations/007-guidelines-and-notes';
import { AttributeSetsSent } from './attribute-table';
import { readAttributeSets } from '../db/attribute-sets';
import { packTexts, type BatchRow, type PackedTexts } from './packed-texts';
import { packSpans, type PackedSpans } from './span-batches';

const NOTES_SCHEMA = migration007GuidelinesAndNotes.version;

/** Documents read per query pair. */
const EXPORT_BATCH = 100;
/** Batches read ahead of the formatter. */
const BATCHES_AHEAD = 4;

export interface ReaderData {
  role: 'export-reader';
  projectPath: string;
  options: ExportOptions;
  withOriginal: boolean;
  /** Send the texts' UTF-8 bytes too (see Exporter.utf8Texts). */
  utf8Texts: boolean;
  spanDetails: SpanDetails;
  /** Read the spans' notes (see Exporter.notes). */
  notes: boolean;
  /** [0]: batches posted and not yet formatted; [1]: 1 once the export is cancelled or failed. */
  flow: Int32Array;
  nativeBinding?: string;
}

export type ReaderMessage =
  | { type: 'snapshot'; labels: Label[]; annotators: [number, string][]; ids: number[]; reviewLeftOut: number; todoLeftOut: number }
  | { type: 'batch'; rows: BatchRow[]; texts: PackedTexts; spans: PackedSpans; notes: [number, string][] | null }
  | { type: 'end' }
  | { type: 'error'; message: string };

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
      const sets = new AttributeSetsSent();
      const readSets = (setIds: number[]) => readAttributeSets(db, setIds);
      const { review, labelKeys, annotator } = data.options;
      // A project older than migration 007 opened read-only has no notes to read.
      const notes = data.notes && schemaVersion(db) >= NOTES_SCHEMA;
      const reviewLeftOut = countReviewLeftOut(db, ids, review, labelKeys?.length ? labelKeys : null, annotator ?? null);
      const todoLeftOut = countTodoLeftOut(db, data.options);
      post({ type: 'snapshot', labels: listLabels(db), annotators: [...annotatorNames(db)], ids, reviewLeftOut, todoLeftOut });
      for (let from = 0; from < ids.length; from += EXPORT_BATCH) {
        for (let ahead = Atomics.load(data.flow, IN_FLIGHT); ahead >= BATCHES_AHEAD; ahead = Atomics.load(data.flow, IN_FLIGHT)) {
          if (Atomics.load(data.flow, STOPPED)) return;
          Atomics.wait(data.flow, IN_FLIGHT, ahead, 200);
        }
        if (Atomics.load(data.flow, STOPPED)) return;
        const batchIds = ids.slice(from, from + EXPORT_BATCH);
        const documents = readExportDocuments(db, batchIds, data.withOriginal, notes);
        const spanNotes = notes ? readExportSpanNotes(db, batchIds, review) : null;
        const spans = packSpans(readExportSpanLists(db, batchIds, data.spanDetails, review), data.spanDetails, sets, readSets);
        // The formatter is at its last batch, or waiting for this thread: it decodes this batch's
        // texts itself (see packed-texts.ts). Otherwise it has enough to do, and this thread decodes.
        const formatterIdleSoon = Atomics.load(data.flow, IN_FLIGHT) <= 1;
        const { rows, texts } = packTexts(documents, data.withOriginal, data.utf8Texts, !formatterIdleSoon);
        Atomics.add(data.flow, IN_FLIGHT, 1);
        const transfer = [spans.numbers.buffer, texts.units.buffer, texts.ranges.buffer, ...(texts.utf8 ? Object.values(texts.utf8).map((a: Int32Array | Uint8Array) => a.buffer) : [])].filter((b) => b !== undefined) as ArrayBuffer[];
        parentPort!.postMessage({ type: 'batch', rows, texts, spans, notes: spanNotes } satisfies ReaderMessage, transfer);
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
