// The export's reading half, in a thread of its own (reader-thread.ts): it reads the project in
// batches inside one read snapshot and sends them over a bounded channel to the formatting thread,
// so reading SQLite and formatting and writing the output run side by side. At most a few batches
// wait at a time: memory stays flat however large the project is.
import type { ExportOptions } from '../../../shared/api/export';
import type { ExportEntity, ExportRelation, SpanDetails } from '../../../shared/exchange/types';
import type { Label } from '../../../shared/model';
import { readAttributeSets } from '../db/attribute-sets';
import { readExportEntities, readExportEntityLinks, readExportRelations } from '../db/entity-exchange';
import { openDatabase, useNativeBinding } from '../db/connection';
import {
  annotatorNames,
  countReviewLeftOut,
  countTodoLeftOut,
  exportDocumentIds,
  readExportDocuments,
  readExportSpanLists,
  readExportSpanNotes,
} from '../db/export-queries';
import { listLabels } from '../db/labels';
import { readExportLeadTimes, readExportTimings, type TimingRecord } from '../db/timing';
import { schemaVersion } from '../db/migrations';
import { migration007GuidelinesAndNotes } from '../db/migrations/007-guidelines-and-notes';
import { AttributeSetsSent } from './attribute-table';
import { Receiver, startThread, type Sender } from './channel';
import { packTexts, type BatchRow, type PackedTexts } from './packed-texts';
import { packSpans, type PackedSpans } from './span-batches';

const NOTES_SCHEMA = migration007GuidelinesAndNotes.version;

/** Documents read per query pair. */
const EXPORT_BATCH = 100;
/** Batches read ahead of the formatter. */
export const BATCHES_AHEAD = 4;

export interface ReaderData {
  projectPath: string;
  options: ExportOptions;
  withOriginal: boolean;
  /** Send the texts' UTF-8 bytes too (see Exporter.utf8Texts). */
  utf8Texts: boolean;
  spanDetails: SpanDetails;
  /** Read the spans' notes (see Exporter.notes). */
  notes: boolean;
  /** Read entity links, relations and the entity table (see Exporter.entities). */
  entities?: boolean;
  /** Read lead times and document timings (see Exporter.timing). */
  timing?: boolean;
  nativeBinding?: string;
}

export interface Snapshot {
  labels: Label[];
  annotators: [number, string][];
  ids: number[];
  reviewLeftOut: number;
  todoLeftOut: number;
  /** The entity table, when the format writes entities (else empty). */
  entities: ExportEntity[];
}

export interface Batch {
  rows: BatchRow[];
  texts: PackedTexts;
  spans: PackedSpans;
  notes: [number, string][] | null;
  /** [span id, entity id] of linked spans, and [document id, relation], when the format writes them. */
  links: [number, number][] | null;
  relations: [number, ExportRelation][] | null;
  /** [span id, lead time] and the documents' timing records (#24), when the format writes them. */
  timing?: { leadTimes: [number, number][]; documents: TimingRecord[] } | null;
}

/** The first message is the snapshot, every later one a batch. */
export type ReaderMessage = { type: 'snapshot'; snapshot: Snapshot } | { type: 'batch'; batch: Batch };

/** Runs in the reader thread. */
export async function readForExport(data: ReaderData, sender: Sender<ReaderMessage>): Promise<void> {
  useNativeBinding(data.nativeBinding);
  const db = openDatabase(data.projectPath, { readonly: true });
  try {
    // One read snapshot for the whole export: edits made meanwhile are not half in it.
    db.exec('BEGIN');
    const ids = exportDocumentIds(db, data.options);
    const { review, labelKeys, annotator } = data.options;
    // A project older than migration 007 opened read-only has no notes to read.
    const notes = data.notes && schemaVersion(db) >= NOTES_SCHEMA;
    const snapshot: Snapshot = {
      labels: listLabels(db),
      annotators: [...annotatorNames(db)],
      ids,
      reviewLeftOut: countReviewLeftOut(db, ids, review, labelKeys?.length ? labelKeys : null, annotator ?? null),
      todoLeftOut: countTodoLeftOut(db, data.options),
      entities: data.entities ? readExportEntities(db) : [],
    };
    await sender.send({ type: 'snapshot', snapshot });
    const sets = new AttributeSetsSent();
    const readSets = (setIds: number[]) => readAttributeSets(db, setIds);
    for (let from = 0; from < ids.length; from += EXPORT_BATCH) {
      const batchIds = ids.slice(from, from + EXPORT_BATCH);
      const { rows, texts } = packTexts(readExportDocuments(db, batchIds, data.withOriginal, notes), data.withOriginal, data.utf8Texts);
      const spans = packSpans(readExportSpanLists(db, batchIds, data.spanDetails, review), data.spanDetails, sets, readSets);
      const spanNotes = notes ? readExportSpanNotes(db, batchIds, review) : null;
      const links = data.entities ? readExportEntityLinks(db, batchIds) : null;
      const relations = data.entities ? readExportRelations(db, batchIds, review) : null;
      const timing = data.timing ? { leadTimes: readExportLeadTimes(db, batchIds), documents: readExportTimings(db, batchIds) } : null;
      const transfer = [
        spans.numbers.buffer,
        texts.units.buffer,
        texts.ranges.buffer,
        ...(texts.utf8 ? [texts.utf8.bytes.buffer, texts.utf8.ranges.buffer, texts.utf8.jsonEscapes.buffer, texts.utf8.escapeRanges.buffer] : []),
      ];
      await sender.send({ type: 'batch', batch: { rows, texts, spans, notes: spanNotes, links, relations, timing } }, transfer as ArrayBuffer[]);
    }
    sender.end();
  } finally {
    db.close();
  }
}

/** The formatting thread's side: the snapshot, then batches in order, each acknowledged once formatted. */
export class ExportReader {
  private readonly receiver: Receiver<ReaderMessage>;
  private readonly thread: { stop(): Promise<void> };

  /** `entry`: the reader thread's entry file (see reader-thread.ts). */
  constructor(entry: string, data: ReaderData) {
    // The receiver listens before the thread can send.
    let receiver: Receiver<ReaderMessage> | null = null;
    const thread = startThread(entry, data, { abort: (error) => receiver?.abort(error) }, 'the export reader');
    this.receiver = receiver = new Receiver<ReaderMessage>(thread.worker);
    this.thread = thread;
  }

  async snapshot(): Promise<Snapshot> {
    const message = await this.receiver.next();
    if (message?.type !== 'snapshot') throw new Error('the export reader sent no snapshot');
    this.receiver.ack();
    return message.snapshot;
  }

  /** Every batch, in document order; the next is read ahead while one is formatted. */
  async *batches(): AsyncGenerator<Batch> {
    for (let message = await this.receiver.next(); message !== null; message = await this.receiver.next()) {
      if (message.type !== 'batch') throw new Error('the export reader sent a second snapshot');
      yield message.batch;
      this.receiver.ack(); // formatted: the reader may read one more ahead
    }
  }

  async stop(): Promise<void> {
    this.receiver.cancel();
    await this.thread.stop();
  }
}
