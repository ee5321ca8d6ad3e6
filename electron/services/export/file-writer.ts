// brat writes two files per document, and creating a file costs this machine's kernel ≈ 40 µs:
// 40,000 files are ≈ 2 s of the formatting thread's time. Files written whole once (layout
// 'folder') are therefore created and written by a thread of their own, in batches, while the
// formatter goes on with the next documents. At most a few batches wait: memory stays flat.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { conflictMessage, writeWholeFile } from './target';

/** Whole files: file i is bytes[ends[i - 1] ?? 0, ends[i]). */
export interface FileBatch {
  paths: string[];
  ends: Int32Array;
  bytes: Uint8Array;
}

/** 'written' gives the batch's buffer back for the next batch: no new memory per batch, and none left for the writer's garbage collector to find. */
/** `existing`: the file that was there already (see OutputFiles.forget). */
type WriterMessage = { type: 'written'; buffer: ArrayBuffer } | { type: 'error'; message: string; existing?: string };

/** Batches handed over and not yet written. */
const BATCHES_AHEAD = 4;
const INITIAL_BYTES = 1 << 22;

/** Runs in the writer thread: writes each batch's files in order, and says when it is done. */
export function runFileWriter(): void {
  const { flags } = workerData as { flags: number };
  parentPort!.on('message', (batch: FileBatch) => {
    let path = '';
    try {
      let from = 0;
      for (let i = 0; i < batch.paths.length; i++) {
        path = batch.paths[i]!;
        writeWholeFile(path, batch.bytes.subarray(from, batch.ends[i]), flags);
        from = batch.ends[i]!;
      }
      const buffer = batch.bytes.buffer as ArrayBuffer;
      parentPort!.postMessage({ type: 'written', buffer } satisfies WriterMessage, [buffer]);
    } catch (error) {
      const existing = (error as NodeJS.ErrnoException).code === 'EEXIST' ? path : undefined;
      const message = existing ? conflictMessage(existing) : (error as Error).message ?? String(error);
      parentPort!.postMessage({ type: 'error', message, existing } satisfies WriterMessage);
    }
  });
}

/** Collects whole files into a batch; the bytes are copied, so callers may reuse theirs. */
export class FileBatchBuilder {
  private paths: string[] = [];
  private ends: number[] = [];
  private bytes = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private length = 0;

  add(path: string, pieces: readonly (string | Uint8Array)[]): void {
    for (const piece of pieces) {
      this.reserve(typeof piece === 'string' ? piece.length * 3 : piece.length);
      if (typeof piece === 'string') this.length += this.bytes.write(piece, this.length, 'utf8');
      else {
        this.bytes.set(piece, this.length);
        this.length += piece.length;
      }
    }
    this.paths.push(path);
    this.ends.push(this.length);
  }

  /**
   * The files added since the last take, or null when there are none. The batch takes the
   * builder's buffer along: the next batch is collected in `spare` (a buffer the writer gave
   * back), or in a new one.
   */
  take(spare?: ArrayBuffer): FileBatch | null {
    if (this.paths.length === 0) return null;
    const batch = { paths: this.paths, ends: Int32Array.from(this.ends), bytes: this.bytes.subarray(0, this.length) };
    this.paths = [];
    this.ends = [];
    this.bytes = spare && spare.byteLength >= INITIAL_BYTES ? Buffer.from(spare) : Buffer.allocUnsafeSlow(Math.max(INITIAL_BYTES, this.length));
    this.length = 0;
    return batch;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.length + more));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/** The formatting thread's side. */
export class FileWriter {
  private readonly worker: Worker;
  private inFlight = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly spares: ArrayBuffer[] = [];

  /**
   * `entryFile` runs runFileWriter() when started with role 'export-file-writer'; `flags` create
   * each file (see createFlags); `onExisting` hears of a file that was there already.
   */
  constructor(entryFile: string, flags: number, onExisting: (path: string) => void) {
    this.worker = new Worker(entryFile, { workerData: { role: 'export-file-writer', flags } });
    const settle = (failure: Error | null) => {
      this.inFlight--;
      this.failure ??= failure;
      this.wake?.();
    };
    this.worker.on('message', (message: WriterMessage) => {
      if (message.type === 'written') this.spares.push(message.buffer);
      else if (message.existing) onExisting(message.existing);
      settle(message.type === 'error' ? new Error(message.message) : null);
    });
    const fail = (failure: Error) => {
      this.failure ??= failure;
      this.wake?.();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the export's file writer stopped unexpectedly (exit code ${code})`)));
  }

  /** Hands a batch over, waiting while too many are still being written; throws a write's error. */
  async write(batch: FileBatch): Promise<void> {
    await this.waitFor(BATCHES_AHEAD - 1);
    this.inFlight++;
    // The batch's bytes own their buffer (see FileBatchBuilder.take): it moves without a copy.
    this.worker.postMessage(batch, [batch.bytes.buffer as ArrayBuffer, batch.ends.buffer as ArrayBuffer]);
  }

  /** A buffer a written batch gave back, for collecting the next batch in (see FileBatchBuilder.take). */
  spare(): ArrayBuffer | undefined {
    return this.spares.pop();
  }

  /** Waits until every batch handed over is written; throws a write's error. */
  async drain(): Promise<void> {
    await this.waitFor(0);
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private async waitFor(atMost: number): Promise<void> {
    while (this.failure === null && this.inFlight > atMost) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    if (this.failure) throw this.failure;
  }
}
