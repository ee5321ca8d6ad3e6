// Main-side export: picks and checks the destination, then runs the export worker as a job.
import { basename, extname, join, resolve } from 'node:path';
import type { ExportOptions, ExportReport } from '../../../shared/api/export';
import { ApiFailure } from '../../../shared/api/result';
import { exporters } from '../../../shared/exchange/index';
import type { JobControl, JobManager } from '../app/jobs';
import type { ProjectSession } from '../app/session';
import { runWorker } from '../app/workers';
import { writesFolder } from './layout';
import { checkExportTarget, freePath, resolveExportPath } from './target';
import type { ExportWorkerData } from './export-project';
import { workerBundle } from '../app/worker-bundle';
import { existsSync } from 'node:fs';

/** How long a cancelled export may take to stop by itself before its job is ended anyway. */
export const CANCEL_GRACE_MS = 5_000;

/** Each export thread's source, from this folder (the built app has out/main/<name>.js instead). */
export const THREAD_SOURCES = { 'export-reader': 'reader-thread.ts', 'export-file-writer': 'file-writer-thread.ts' } as const;

/** The file an export thread starts from: the app's bundle, or in development and tests a bundle of its source. */
function threadEntry(name: keyof typeof THREAD_SOURCES): string {
  const built = join(__dirname, `${name}.js`);
  if (!__filename.endsWith('.ts') && existsSync(built)) return built;
  return workerBundle(resolve(__dirname, THREAD_SOURCES[name]));
}

export function defaultExportPath(projectPath: string, options: ExportOptions, now = new Date()): string {
  const exporter = exporters[options.format];
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const name = `${basename(projectPath, extname(projectPath))}-${options.format}-${stamp}`;
  const folder = join(projectPath.slice(0, -extname(projectPath).length || undefined) + '-exports');
  return writesFolder(exporter.layout, options) ? join(folder, name) : join(folder, `${name}${exporter.extension}`);
}

/**
 * `work`, or a cancelled failure once the job was cancelled and `work` has not ended `graceMs`
 * later. The worker checks the cancel flag between documents; a thread stuck in one system call
 * (a hung network share) cannot, and its job must still end.
 */
export function endsWhenCancelled<R>(work: Promise<R>, control: Pick<JobControl, 'cancelled'>, graceMs = CANCEL_GRACE_MS): Promise<R> {
  return new Promise<R>((resolvePromise, reject) => {
    let cancelledAt: number | null = null;
    const timer = setInterval(() => {
      if (!control.cancelled) return;
      cancelledAt ??= Date.now();
      if (Date.now() - cancelledAt < graceMs) return;
      clearInterval(timer);
      reject(new ApiFailure('cancelled', 'Cancelled; the export did not stop in time, so what it wrote may be left behind.'));
    }, 100);
    timer.unref();
    work.then(
      (value) => {
        clearInterval(timer);
        resolvePromise(value);
      },
      (error: unknown) => {
        clearInterval(timer);
        reject(error);
      },
    );
  });
}

export async function startExport(session: ProjectSession, jobs: JobManager, options: ExportOptions): Promise<{ jobId: string }> {
  const projectPath = session.requirePath();
  const folder = writesFolder(exporters[options.format].layout, options);
  // A name we pick ourselves is never taken: the next free one is used instead.
  const outPath = options.outPath ? resolveExportPath(options.outPath, projectPath) : await freePath(defaultExportPath(projectPath, options), folder);
  await checkExportTarget(outPath, folder, options.overwrite);
  const data: ExportWorkerData = {
    projectPath,
    options,
    outPath,
    threads: { reader: threadEntry('export-reader'), fileWriter: threadEntry('export-file-writer') },
  };
  return jobs.start('export', (control) => endsWhenCancelled(runWorker<ExportReport>('export-worker', data, control), control));
}
