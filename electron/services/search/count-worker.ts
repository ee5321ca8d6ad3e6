// The count worker thread (#21): counts its share of a literal's candidate documents (see
// count-chunks.ts) on a read-only connection of its own to the open project, while the core thread
// counts the rest. It lives as long as the project stays open (count-host.ts starts and closes it).
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, useNativeBinding, type Db } from '../db/connection';
import { claimChunk, countClaimedChunks, chunkTotal, type CountJob, type DocumentCounts } from './count-chunks';

export interface CountWorkerData {
  projectPath: string;
  nativeBinding?: string;
  /** One Int32 set to 1 once this thread holds no connection any more: the host waits for it before the project closes. */
  closed: SharedArrayBuffer;
}

export type CountRequest = { type: 'count'; job: number; ids: number[]; literal: string; chunk: number; next: SharedArrayBuffer } | { type: 'close' };

export type CountReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'counted'; job: number; chunks: [index: number, counts: DocumentCounts][] }
  | { type: 'error'; job: number; message: string };

const port = parentPort!;
const post = (reply: CountReply) => port.postMessage(reply);

function countShare(db: Db, request: Extract<CountRequest, { type: 'count' }>): void {
  const job: CountJob = { ids: request.ids, literal: request.literal, chunk: request.chunk, next: new Int32Array(request.next) };
  const chunks: [number, DocumentCounts][] = [];
  try {
    const first = claimChunk(job);
    // One read transaction per count, begun after the claim: it sees every write committed before it.
    if (first < chunkTotal(job)) db.transaction(() => countClaimedChunks(db, job, (index, counts) => chunks.push([index, counts]), first))();
    post({ type: 'counted', job: request.job, chunks });
  } catch (error) {
    post({ type: 'error', job: request.job, message: (error as Error).message ?? String(error) });
  }
}

function serve(data: CountWorkerData): void {
  useNativeBinding(data.nativeBinding);
  const closed = new Int32Array(data.closed);
  const end = () => {
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    port.close();
  };
  let db: Db;
  try {
    db = openDatabase(data.projectPath, { readonly: true });
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message ?? String(error) });
    end();
    return;
  }
  port.on('message', (request: CountRequest) => {
    if (request.type === 'count') return countShare(db, request);
    db.close();
    end();
  });
  post({ type: 'ready' });
}

serve(workerData as CountWorkerData);
