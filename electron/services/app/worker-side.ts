// The worker thread's half of runWorker: read the job data, report progress, see cancels.
import { parentPort, workerData } from 'node:worker_threads';
import { ApiFailure } from '../../../shared/api/result';
import { useNativeBinding } from '../db/connection';
import type { WorkerMessage } from './workers';

export interface WorkerSide<D> {
  data: D;
  isCancelled(): boolean;
  /** Throws a cancelled failure when the user pressed cancel; call between items. */
  checkCancelled(): void;
  progress(done: number, total: number, message?: string): void;
}

export function runInWorker<D, R>(work: (side: WorkerSide<D>) => R | Promise<R>): void {
  const { data, cancelFlag, nativeBinding } = workerData as { data: D; cancelFlag: Int32Array; nativeBinding?: string };
  useNativeBinding(nativeBinding);
  const post = (message: WorkerMessage<R>) => parentPort!.postMessage(message);
  let lastProgress = 0;
  const side: WorkerSide<D> = {
    data,
    isCancelled: () => Atomics.load(cancelFlag, 0) === 1,
    checkCancelled() {
      if (side.isCancelled()) throw new ApiFailure('cancelled', 'Cancelled; nothing was written.');
    },
    progress(done, total, message) {
      // Throttled: thousands of files must not flood the main thread with messages.
      const now = Date.now();
      if (done === total || now - lastProgress > 50) {
        lastProgress = now;
        post({ type: 'progress', done, total, message });
      }
    },
  };
  Promise.resolve()
    .then(() => work(side))
    .then(
      (result) => post({ type: 'result', result }),
      (error: unknown) =>
        post({ type: 'error', code: error instanceof ApiFailure ? error.code : undefined, message: (error as Error).message ?? String(error) }),
    );
}
