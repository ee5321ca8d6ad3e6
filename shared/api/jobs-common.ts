// What every job channel shares: the id a job is known by, and the answer that starts one.
import { z } from 'zod';

export const jobId = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** A job channel answers at once with the job's id; jobs:get polls it. */
export interface JobStarted {
  jobId: string;
}
