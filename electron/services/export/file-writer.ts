// brat writes two files per document, and creating a file costs this machine's kernel ≈ 40 µs:
// 40,000 files are ≈ 2 s of the formatting thread's time. Files written whole once (layout
// 'folder') are therefore created and written by a thread of their own, in batches, while the
// formatter goes on with the next documents. At most a few batches wait: memory stays flat.
import { ChannelError, Sender, startThread } from './channel';

/** Whole files: file i is bytes[ends[i - 1] ?? 0, ends[i]). */
export interface FileBatch {
  paths: string[];
  ends: Int32Array;
  bytes: Uint8Array;
}

/** Batches handed over and not yet written. */
const BATCHES_AHEAD = 4;
const INITIAL_BYTES = 1 << 22;

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

/** The formatting thread's side: hands batches to the writer thread (file-writer-thread.ts). */
export class FileWriter {
  private readonly sender: Sender<FileBatch>;
  private readonly thread: { stop(): Promise<void> };

  /**
   * `entry`: the writer thread's entry file; `flags` create each file (see createFlags);
   * `onExisting` hears of a file that was there already.
   */
  constructor(
    entry: string,
    flags: number,
    private readonly onExisting: (path: string) => void,
  ) {
    let sender: Sender<FileBatch> | null = null;
    const thread = startThread(entry, { flags }, { abort: (error) => sender?.abort(error) }, "the export's file writer");
    this.sender = sender = new Sender<FileBatch>(thread.worker, BATCHES_AHEAD);
    this.thread = thread;
  }

  /** Hands a batch over, waiting while too many are still being written; throws a write's error. */
  async write(batch: FileBatch): Promise<void> {
    // The batch's bytes own their buffer (see FileBatchBuilder.take): it moves without a copy.
    await this.settled(this.sender.send(batch, [batch.bytes.buffer as ArrayBuffer, batch.ends.buffer as ArrayBuffer]));
  }

  /** A buffer a written batch gave back, for collecting the next batch in (see FileBatchBuilder.take). */
  spare(): ArrayBuffer | undefined {
    return this.sender.takeGiven<ArrayBuffer>();
  }

  /** Waits until every batch handed over is written; throws a write's error. */
  async drain(): Promise<void> {
    await this.settled(this.sender.drain());
  }

  async stop(): Promise<void> {
    this.noteExisting(this.sender.error);
    await this.thread.stop();
  }

  private async settled(work: Promise<void>): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.noteExisting(error);
      throw error instanceof ChannelError ? new Error(error.message) : error;
    }
  }

  /** A file the writer found already there is forgotten before a failed export removes what it wrote. */
  private noteExisting(error: unknown): void {
    if (error instanceof ChannelError && typeof error.detail === 'string') this.onExisting(error.detail);
  }
}
