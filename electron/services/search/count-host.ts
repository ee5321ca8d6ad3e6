// Exact counts of a literal over a large candidate list on two threads (#21): the core thread and
// one count worker (count-worker.ts, its own read-only connection to the same project; WAL lets
// them read side by side) claim chunks of the list from a shared counter; the results are merged in
// list order. The worker starts on the first large count and is closed with the project. Small
// lists, and any trouble with the worker, are counted on the core thread alone, as before.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiFailure } from '../../../shared/api/result';
import { nativeBinding, type Db } from '../db/connection';
import { countDocuments } from '../db/documents';
import { literalCounts } from '../db/search';
import { workerBundle } from '../app/worker-bundle';
import { chunkIds, chunkTotal, COUNT_CHUNK, countClaimedChunks, type CountJob, type DocumentCounts } from './count-chunks';
import type { CountReply, CountRequest, CountWorkerData } from './count-worker';

export interface LiteralCounter {
  /** [documentId, hits] of the documents in `ids` holding `literal`, in the order of `ids`. */
  count(db: Db, ids: readonly number[], literal: string): Promise<DocumentCounts>;
  /** Starts the worker ahead of the first large count (a project large enough is being searched), if it is not running. */
  warm(db: Db): void;
  /** Ends the worker (the project closed); the next large count starts a new one. */
  close(): void;
}

export interface CounterOptions {
  /** Lists shorter than this are counted on the core thread alone: the split would not pay. */
  minDocuments?: number;
  chunk?: number;
  /** Tests only: false leaves every chunk to the worker, so that its reads alone are checked. */
  coreCounts?: boolean;
}

export const SPLIT_MIN_DOCUMENTS = 500;

/** The built bundle out/main/count-worker.js beside the core's; from TypeScript source, an esbuild bundle of it. */
function entry(): string {
  const built = join(__dirname, 'count-worker.js');
  if (!__filename.endsWith('.ts') && existsSync(built)) return built;
  return workerBundle(resolve(__dirname, 'count-worker.ts'));
}

type Share = [index: number, counts: DocumentCounts][];

/** The worker was ended on purpose (project closed or changed): not a failure of the worker. */
class Stopped extends Error {}

interface Waiting {
  resolve(share: Share): void;
  reject(error: Error): void;
  /** The job's chunk counter: pushed past the end when the job is abandoned, so the worker stops claiming. */
  next: Int32Array;
}

/**
 * How long closing a project waits for the worker to close its connection. The project's own
 * connection closes after it, so that it is the last one and leaves no -wal file beside the project.
 */
const CLOSE_WAIT_MS = 2_000;

/** `projectPath` answers the open project's file, or null when none is open. */
export function createLiteralCounter(projectPath: () => string | null, options: CounterOptions = {}): LiteralCounter {
  return new SplitCounter(projectPath, options);
}

class SplitCounter implements LiteralCounter {
  private readonly minDocuments: number;
  private readonly chunk: number;
  private readonly coreCounts: boolean;
  private worker: Worker | null = null;
  private workerPath: string | null = null;
  private workerClosed = new Int32Array(new SharedArrayBuffer(4));
  /** The worker failed for this project: counted alone until the project closes. */
  private unavailable = false;
  private nextJob = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(
    private readonly projectPath: () => string | null,
    options: CounterOptions,
  ) {
    this.minDocuments = options.minDocuments ?? SPLIT_MIN_DOCUMENTS;
    this.chunk = options.chunk ?? COUNT_CHUNK;
    this.coreCounts = options.coreCounts ?? true;
  }

  async count(db: Db, ids: readonly number[], literal: string): Promise<DocumentCounts> {
    const thread = ids.length >= this.minDocuments ? this.workerFor() : null;
    if (!thread) return literalCounts(db, ids, literal);
    const job: CountJob = { ids, literal, chunk: this.chunk, next: new Int32Array(new SharedArrayBuffer(4)) };
    const jobId = this.nextJob++;
    const share = new Promise<Share>((resolve, reject) => this.waiting.set(jobId, { resolve, reject, next: job.next }));
    share.catch(() => {}); // not awaited when the core thread counted everything
    const next = job.next.buffer as SharedArrayBuffer;
    thread.postMessage({ type: 'count', job: jobId, ids: [...ids], literal, chunk: this.chunk, next } satisfies CountRequest);
    const chunks: (DocumentCounts | undefined)[] = new Array(chunkTotal(job));
    let counted = 0;
    if (this.coreCounts) countClaimedChunks(db, job, (index, counts) => void ((chunks[index] = counts), counted++));
    // Every chunk is claimed by now: the worker holds only those the core thread did not count.
    if (counted < chunks.length) {
      try {
        for (const [index, counts] of await share) chunks[index] = counts;
      } catch (error) {
        if (!(error instanceof Stopped)) this.giveUp((error as Error).message);
      }
    }
    this.waiting.delete(jobId);
    if (!db.open) throw new ApiFailure('no_project', 'The project was closed while its search was being counted.');
    // A worker that failed mid-count leaves its chunks to the core thread.
    for (let index = 0; index < chunks.length; index++) chunks[index] ??= literalCounts(db, chunkIds(job, index), literal);
    return (chunks as DocumentCounts[]).flat();
  }

  warm(db: Db): void {
    if (!this.worker && !this.unavailable && countDocuments(db) >= this.minDocuments) this.workerFor();
  }

  close(): void {
    const hadWorker = this.worker !== null;
    this.stop(new Stopped('the project was closed'));
    if (hadWorker) Atomics.wait(this.workerClosed, 0, 0, CLOSE_WAIT_MS);
    this.unavailable = false;
    this.workerPath = null;
  }

  private workerFor(): Worker | null {
    const path = this.projectPath();
    if (path === null || this.unavailable) return null;
    if (this.worker && this.workerPath !== path) this.stop(new Stopped('another project was opened'));
    return this.worker ?? this.start(path);
  }

  private start(path: string): Worker | null {
    try {
      this.workerClosed = new Int32Array(new SharedArrayBuffer(4));
      const data: CountWorkerData = { projectPath: path, nativeBinding: nativeBinding(), closed: this.workerClosed.buffer as SharedArrayBuffer };
      const started = new Worker(entry(), { workerData: data });
      started.unref(); // an idle worker never keeps the process alive
      started.on('message', (reply: CountReply) => {
        if (reply.type === 'failed') this.giveUp(reply.message);
        else if (reply.type === 'counted') this.waiting.get(reply.job)?.resolve(reply.chunks);
        else if (reply.type === 'error') this.waiting.get(reply.job)?.reject(new Error(reply.message));
      });
      started.on('error', (error) => this.giveUp(error.message));
      started.on('exit', (code) => {
        if (this.worker === started) this.giveUp(`it stopped with exit code ${code}`);
      });
      this.worker = started;
      this.workerPath = path;
      return started;
    } catch (error) {
      this.giveUp((error as Error).message);
      return null;
    }
  }

  private giveUp(message: string): void {
    if (!this.unavailable) console.warn(`[biaozhu] counting on one thread: the count worker failed (${message})`);
    this.unavailable = true;
    this.stop(new Error(message));
  }

  /** Ends the worker; counts waiting for it get `why` and count its chunks themselves. */
  private stop(why: Error): void {
    const ending = this.worker;
    this.worker = null;
    for (const wait of this.waiting.values()) {
      Atomics.store(wait.next, 0, 1 << 30); // nothing left to claim: the worker stops after its current chunk
      wait.reject(why);
    }
    this.waiting.clear();
    if (ending) {
      ending.removeAllListeners();
      ending.on('error', () => {}); // a late error of a worker being ended is of no interest
      ending.postMessage({ type: 'close' } satisfies CountRequest);
    }
  }
}
