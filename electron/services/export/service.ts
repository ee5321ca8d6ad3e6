// Main-side export: picks the destination and runs the export worker as a job.
import { basename, extname, join } from 'node:path';
import type { ExportOptions, ExportReport } from '../../../shared/api/jobs';
import { exporters } from '../../../shared/exchange/index';
import type { JobManager } from '../app/jobs';
import type { ProjectSession } from '../app/session';
import { runWorker } from '../app/workers';
import { writesFolder } from './layout';
import type { ExportWorkerData } from './worker';

export function defaultExportPath(projectPath: string, options: ExportOptions, now = new Date()): string {
  const exporter = exporters[options.format];
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const name = `${basename(projectPath, extname(projectPath))}-${options.format}-${stamp}`;
  const folder = join(projectPath.slice(0, -extname(projectPath).length || undefined) + '-exports');
  return writesFolder(exporter.layout, options) ? join(folder, name) : join(folder, `${name}${exporter.extension}`);
}

export function startExport(session: ProjectSession, jobs: JobManager, options: ExportOptions): { jobId: string } {
  const projectPath = session.requirePath();
  const outPath = options.outPath ?? defaultExportPath(projectPath, options);
  return jobs.start('export', (control) => runWorker<ExportReport>('export-worker', { projectPath, options, outPath } satisfies ExportWorkerData, control));
}
