// Previews a large import in several worker threads: files are independent, and decoding and
// normalizing them is the slow half of an import. Results are merged back into input order.
import { availableParallelism } from 'node:os';
import type { FilePreview } from '../../../shared/api/import';
import type { JobControl } from '../app/jobs';
import { runWorker } from '../app/workers';
import { inputByteLength } from './sources';
import type { StagedFile } from './staging';
import type { ImportWorkerData, ImportWorkerResult } from './worker';

type PreviewData = Extract<ImportWorkerData, { mode: 'preview' }>;
type PreviewResult = Extract<ImportWorkerResult, { mode: 'preview' }>;

const MAX_WORKERS = 4;
/** Below this, starting a second worker costs more than it saves. */
const BYTES_PER_EXTRA_WORKER = 4 << 20;

/** Shares inputs out by size, largest first, each to the worker with the least so far. */
export function partitionInputs(sizes: readonly number[], workers: number): number[][] {
  const groups = Array.from({ length: workers }, () => ({ indexes: [] as number[], bytes: 0 }));
  const bySize = sizes.map((size, index) => ({ size, index })).sort((a, b) => b.size - a.size || a.index - b.index);
  for (const { size, index } of bySize) {
    const lightest = groups.reduce((best, group) => (group.bytes < best.bytes ? group : best));
    lightest.indexes.push(index);
    lightest.bytes += size;
  }
  return groups.map((g) => g.indexes.sort((a, b) => a - b)).filter((indexes) => indexes.length > 0);
}

export function previewWorkerCount(totalBytes: number, inputCount: number): number {
  const byWork = 1 + Math.floor(totalBytes / BYTES_PER_EXTRA_WORKER);
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism(), inputCount, byWork));
}

export async function previewInParallel(
  data: Omit<PreviewData, 'assigned'>,
  control: JobControl,
  workers = previewWorkerCount(
    data.inputs.reduce((sum, input) => sum + inputByteLength(input), 0),
    data.inputs.length,
  ),
): Promise<PreviewResult> {
  const sizes = data.inputs.map(inputByteLength);
  if (workers === 1) return runWorker<PreviewResult>('import-worker', data satisfies PreviewData, control);
  const groups = partitionInputs(sizes, workers);
  const done = groups.map(() => 0);
  const settled = await Promise.allSettled(
    groups.map((assigned, w) =>
      runWorker<PreviewResult>('import-worker', { ...data, assigned } satisfies PreviewData, {
        cancelFlag: control.cancelFlag,
        get cancelled() {
          return control.cancelled;
        },
        progress(workerDone, _total, message) {
          done[w] = workerDone;
          control.progress(
            done.reduce((a, b) => a + b, 0),
            data.inputs.length,
            message,
          );
        },
      }),
    ),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return mergePreviews(settled.map((s) => (s as PromiseFulfilledResult<PreviewResult>).value));
}

/** Input order, indexes renumbered, and the same article previewed by two workers marked duplicate. */
export function mergePreviews(results: readonly PreviewResult[]): PreviewResult {
  const entries: { file: FilePreview; staged: StagedFile }[] = results.flatMap((r) => r.files.map((file, i) => ({ file, staged: r.staged[i] })));
  entries.sort((a, b) => a.staged.sourceIndex - b.staged.sourceIndex);
  const seen = new Set<string>();
  const files = entries.map(({ file, staged }, index) => {
    const documents = file.documents.map((doc, j) => {
      const hash = staged.textHashes[j];
      const duplicate = doc.duplicate || seen.has(hash);
      seen.add(hash);
      return duplicate === doc.duplicate ? doc : { ...doc, duplicate };
    });
    return { ...file, index, documents };
  });
  return { mode: 'preview', files, staged: entries.map((e) => e.staged) };
}
