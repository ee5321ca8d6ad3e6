// Starts the tagger's training worker (train-worker.ts) the way app/workers.ts starts import and
// export workers: the built bundle out/main/train-worker.js when there is one, else an esbuild
// bundle of the TypeScript source (development, tests, benchmarks). The job's control gives
// progress and cancel; a cancelled training rejects with ApiFailure('cancelled').
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiFailure } from '../../../shared/api/result';
import type { JobControl } from '../app/jobs';
import { workerBundle } from '../app/worker-bundle';
import type { WorkerMessage } from '../app/workers';
import type { TrainJob, TrainResult } from './train-worker';

export type { TrainJob, TrainResult } from './train-worker';

function entry(): string {
  const built = join(__dirname, 'train-worker.js');
  if (!__filename.endsWith('.ts') && existsSync(built)) return built;
  return workerBundle(resolve(__dirname, 'train-worker.ts'));
}

export function trainInWorker(job: TrainJob, control: JobControl): Promise<TrainResult> {
  return new Promise<TrainResult>((resolvePromise, reject) => {
    const worker = new Worker(entry(), { workerData: { data: job, cancelFlag: control.cancelFlag } });
    let settled = false;
    const settle = () => {
      settled = true;
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage<TrainResult>) => {
      if (message.type === 'progress') control.progress(message.done, message.total, message.message);
      else if (message.type === 'result') {
        settle();
        resolvePromise(message.result);
      } else {
        settle();
        reject(new ApiFailure(message.code === 'cancelled' ? 'cancelled' : 'internal', message.message));
      }
    });
    worker.on('error', (error) => {
      settle();
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`train-worker stopped unexpectedly (exit code ${code})`));
    });
  });
}
