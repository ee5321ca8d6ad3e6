// The split literal count (#21): the candidate list is cut into chunks that the core thread and the
// count worker claim one at a time through one shared counter, so whichever thread the machine
// gives more time to counts more, and neither waits for the other longer than one chunk.
import type { Db } from '../db/connection';
import { literalCounts } from '../db/search';

export type DocumentCounts = [documentId: number, hits: number][];

/** Documents per chunk: about 10 ms of counting on the bench corpus (3,000 characters a document). */
export const COUNT_CHUNK = 256;

export interface CountJob {
  ids: readonly number[];
  literal: string;
  chunk: number;
  /** One Int32 in a SharedArrayBuffer: the next chunk to claim, for both threads. */
  next: Int32Array;
}

export const chunkTotal = (job: CountJob): number => Math.ceil(job.ids.length / job.chunk);

/** The index of a chunk nobody has claimed yet; chunkTotal(job) or more when none is left. */
export const claimChunk = (job: CountJob): number => Atomics.add(job.next, 0, 1);

export const chunkIds = (job: CountJob, index: number): readonly number[] => job.ids.slice(index * job.chunk, (index + 1) * job.chunk);

/** Counts chunks, claimed one by one from `first` on, until none is left. */
export function countClaimedChunks(db: Db, job: CountJob, counted: (index: number, counts: DocumentCounts) => void, first = claimChunk(job)): void {
  const total = chunkTotal(job);
  for (let index = first; index < total; index = claimChunk(job)) counted(index, literalCounts(db, chunkIds(job, index), job.literal));
}
