// Long work (import, export) runs as jobs: the caller gets an id at once and polls progress;
// cancel sets a flag the worker checks between items.
import { randomUUID } from 'node:crypto';
import { ApiFailure } from '../../../shared/api/result';
import type { JobKind, JobResults, JobStatus, JobStatusOf } from '../../../shared/api/jobs';

export interface JobControl {
  progress(done: number, total: number, message?: string): void;
  /** Shared with the worker thread so it sees a cancel while it runs synchronous SQLite work. */
  readonly cancelFlag: Int32Array;
  readonly cancelled: boolean;
}

const FINISHED_JOBS_KEPT = 50;

/** For short worker calls the caller simply awaits: no progress, no cancel. */
export function awaitedControl(): JobControl {
  return { progress() {}, cancelFlag: new Int32Array(new SharedArrayBuffer(4)), cancelled: false };
}

export class JobManager {
  private readonly jobs = new Map<string, { status: JobStatusOf<JobKind>; control: JobControl }>();

  /** Starts `run` as a job of `kind`, which must end with that kind's result. */
  start<K extends JobKind>(kind: K, run: (control: JobControl) => Promise<JobResults[K]>): { jobId: string } {
    const id = randomUUID();
    const status: JobStatusOf<JobKind> = { id, kind, state: 'running', done: 0, total: 0, message: '', result: null, error: null };
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    const control: JobControl = {
      progress(done, total, message) {
        status.done = done;
        status.total = total;
        if (message !== undefined) status.message = message;
      },
      cancelFlag,
      get cancelled() {
        return Atomics.load(cancelFlag, 0) === 1;
      },
    };
    this.jobs.set(id, { status, control });
    this.prune();
    run(control).then(
      (result) => {
        status.state = control.cancelled ? 'cancelled' : 'done';
        status.result = control.cancelled ? null : result;
      },
      (error: unknown) => {
        const cancelled = control.cancelled || (error instanceof ApiFailure && error.code === 'cancelled');
        status.state = cancelled ? 'cancelled' : 'failed';
        status.error = cancelled ? 'Cancelled; nothing was written.' : ((error as Error).message ?? String(error));
      },
    );
    return { jobId: id };
  }

  get(id: string): JobStatus {
    const job = this.jobs.get(id);
    if (!job) throw new ApiFailure('not_found', `No job ${id}`);
    return { ...job.status } as JobStatus;
  }

  cancel(id: string): JobStatus {
    const job = this.jobs.get(id);
    if (!job) throw new ApiFailure('not_found', `No job ${id}`);
    if (job.status.state === 'running') Atomics.store(job.control.cancelFlag, 0, 1);
    return { ...job.status } as JobStatus;
  }

  /** Resolves when the job finishes (CLI and tests). */
  async wait(id: string, onProgress?: (status: JobStatus) => void): Promise<JobStatus> {
    for (;;) {
      const status = this.get(id);
      onProgress?.(status);
      if (status.state !== 'running') return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.status.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) this.jobs.delete(job.status.id);
  }
}
