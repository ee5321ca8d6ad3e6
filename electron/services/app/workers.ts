// Runs a worker thread from the built bundle (out/main/<name>.js) or, in development and tests,
// from a bundle of its TypeScript source (see worker-bundle.ts).
// A job's thread talks to its starter in messages of its own, not through the export's bounded
// channel (export/channel.ts): a job sends one result and progress that may be dropped (only the
// latest counts, throttled in worker-side.ts), and its cancel is a shared flag the thread reads
// between items, while the channel exists to make a producer of many items wait for a consumer's
// acknowledgements; nothing here needs to wait, so there is nothing for the channel to bound.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiFailure } from '../../../shared/api/result';
import type { JobControl } from './jobs';
import { workerBundle } from './worker-bundle';

export type WorkerName = 'import-worker' | 'export-worker' | 'integrity-worker';

/** Each worker's source, from electron/services/ (the built app has out/main/<name>.js instead). */
export const WORKER_SOURCES: Record<WorkerName, string> = {
  'import-worker': 'import/worker.ts',
  'export-worker': 'export/worker.ts',
  'integrity-worker': 'db/integrity-worker.ts',
};

export type WorkerMessage<R> =
  { type: 'progress'; done: number; total: number; message?: string } | { type: 'result'; result: R } | { type: 'error'; code?: string; message: string };

let nativeBinding: string | undefined;
/** The Electron main process passes the Electron-ABI better-sqlite3 addon on to workers. */
export function setWorkerNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

function workerEntry(name: WorkerName): { file: string; execArgv: string[] } {
  const built = join(__dirname, `${name}.js`);
  if (!__filename.endsWith('.ts') && existsSync(built)) return { file: built, execArgv: [] };
  return { file: workerBundle(resolve(__dirname, '..', WORKER_SOURCES[name])), execArgv: ['--enable-source-maps'] };
}

export function runWorker<R>(name: WorkerName, data: unknown, control: JobControl): Promise<R> {
  const entry = workerEntry(name);
  const { file } = entry;
  let { execArgv } = entry;
  return new Promise<R>((resolvePromise, reject) => {
    // BIAOZHU_WORKER_CPU_PROF=<dir> writes a V8 CPU profile of each worker, for the benchmarks.
    const profileDir = process.env.BIAOZHU_WORKER_CPU_PROF;
    if (profileDir) execArgv = [...execArgv, '--cpu-prof', `--cpu-prof-dir=${profileDir}`];
    const worker = new Worker(file, { execArgv, workerData: { data, cancelFlag: control.cancelFlag, nativeBinding } });
    let settled = false;
    worker.on('message', (message: WorkerMessage<R>) => {
      if (message.type === 'progress') control.progress(message.done, message.total, message.message);
      else if (message.type === 'result') {
        settled = true;
        resolvePromise(message.result);
      } else {
        settled = true;
        reject(new ApiFailure(message.code === 'cancelled' ? 'cancelled' : 'internal', message.message));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`${name} stopped unexpectedly (exit code ${code})`));
    });
  });
}
