// Jobs: long work (an import preview or commit, an export) answers at once with a job id; jobs:get
// polls its progress and result, jobs:cancel stops it. Each kind of job has its own result type.
import { z } from 'zod';
import type { ExportReport } from './export';
import type { ImportPreview, ImportReport } from './import';
import type { PreannotateReport } from './suggestions';
import { jobId } from './jobs-common';

export type { JobStarted } from './jobs-common';

/** What each kind of job ends with. */
export interface JobResults {
  'import-preview': ImportPreview;
  'import-commit': ImportReport;
  export: ExportReport;
  'suggestions-preannotate': PreannotateReport;
}
export type JobKind = keyof JobResults;

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatusOf<K extends JobKind> {
  id: string;
  kind: K;
  state: JobState;
  done: number;
  total: number;
  message: string;
  /** Set once the job is done. */
  result: JobResults[K] | null;
  error: string | null;
}

/**
 * A job's status: checking `kind` types its result. `JobStatus<ExportReport>` is the status of a
 * job known to end with that result (the caller started it).
 */
export type JobStatus<R = JobResults[JobKind]> = { [K in JobKind]: JobResults[K] extends R ? JobStatusOf<K> : never }[JobKind];

export const jobsInputs = {
  'jobs:get': z.object({ jobId }).strict(),
  'jobs:cancel': z.object({ jobId }).strict(),
};

type In<K extends keyof typeof jobsInputs> = z.input<(typeof jobsInputs)[K]>;

export type JobsApi = {
  'jobs:get': (a: In<'jobs:get'>) => Promise<JobStatus>;
  'jobs:cancel': (a: In<'jobs:cancel'>) => Promise<JobStatus>;
};
