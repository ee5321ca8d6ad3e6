// Main-side import: keeps previews until the user commits them, and runs both steps as jobs.
import type { FilePreview, FilePreviewDetail, ImportOptions, ImportPreview, ImportReport, ImportSource, SupportedEncoding } from '../../../shared/api/jobs';
import { ApiFailure } from '../../../shared/api/result';
import { awaitedControl, type JobManager } from '../app/jobs';
import type { ProjectSession } from '../app/session';
import { runWorker } from '../app/workers';
import type { PreparedFile } from './preview';
import { expandSources, type ImportInput } from './sources';
import type { ImportWorkerData, ImportWorkerResult } from './worker';

interface StoredPreview {
  projectPath: string;
  inputs: ImportInput[];
  options: ImportOptions;
  prepared: PreparedFile[];
  preview: ImportPreview;
}

const PREVIEWS_KEPT = 5;

export class ImportService {
  private readonly previews = new Map<string, StoredPreview>();

  constructor(
    private readonly session: ProjectSession,
    private readonly jobs: JobManager,
  ) {}

  preview(sources: ImportSource[], options: ImportOptions): { jobId: string } {
    const projectPath = this.session.requirePath();
    const { inputs, problems } = expandSources(sources);
    const started = this.jobs.start('import-preview', async (control) => {
      const data: ImportWorkerData = { mode: 'preview', projectPath, inputs, options };
      const result = await runWorker<Extract<ImportWorkerResult, { mode: 'preview' }>>('import-worker', data, control);
      const files = [
        ...result.files,
        ...problems.map((p, i) => ({
          index: result.files.length + i, fileName: p.fileName, format: '', encoding: null, encodingConfidence: null,
          byteLength: 0, documents: [], error: p.message, problems: [],
        })),
      ];
      const preview: ImportPreview = { previewId: started.jobId, files };
      this.previews.set(started.jobId, { projectPath, inputs, options, prepared: result.prepared, preview });
      for (const id of [...this.previews.keys()].slice(0, Math.max(0, this.previews.size - PREVIEWS_KEPT))) this.previews.delete(id);
      return preview;
    });
    return started;
  }

  private stored(previewId: string): StoredPreview {
    const stored = this.previews.get(previewId);
    if (!stored) throw new ApiFailure('not_found', 'This import preview has expired; preview the files again');
    return stored;
  }

  previewFile(previewId: string, index: number): FilePreviewDetail {
    const prepared = this.stored(previewId).prepared[index];
    if (!prepared) throw new ApiFailure('not_found', `No file ${index} in this preview`);
    return { fileName: prepared.fileName, drafts: prepared.drafts };
  }

  async overrideEncoding(previewId: string, index: number, encoding: SupportedEncoding): Promise<FilePreview> {
    const stored = this.stored(previewId);
    const prepared = stored.prepared[index];
    if (!prepared) throw new ApiFailure('not_found', `No file ${index} in this preview`);
    const data: ImportWorkerData = {
      mode: 'preview', projectPath: stored.projectPath, inputs: [stored.inputs[prepared.sourceIndex]],
      options: { ...stored.options, encoding }, firstIndex: index,
    };
    const result = await runWorker<Extract<ImportWorkerResult, { mode: 'preview' }>>('import-worker', data, awaitedControl());
    stored.prepared[index] = { ...result.prepared[0], sourceIndex: prepared.sourceIndex };
    stored.preview.files[index] = result.files[0];
    return result.files[0];
  }

  commit(previewId: string, include: number[] | undefined): { jobId: string } {
    const stored = this.stored(previewId);
    if (stored.projectPath !== this.session.requirePath()) {
      throw new ApiFailure('conflict', 'This preview was made for another project; preview the files again');
    }
    const wanted = include ? new Set(include) : null;
    const files = stored.prepared.filter((file, i) => (wanted ? wanted.has(i) : true) && file.drafts.length > 0);
    const rejected = stored.preview.files
      .filter((f) => (wanted ? wanted.has(f.index) : true))
      .flatMap((f) => [
        ...(f.error ? [{ fileName: f.fileName, message: f.error }] : []),
        ...f.problems.map((p) => ({ fileName: f.fileName, ...p })),
      ]);
    return this.jobs.start('import-commit', async (control) => {
      const data: ImportWorkerData = { mode: 'commit', projectPath: stored.projectPath, commit: { files, annotator: this.session.annotator() } };
      const result = await runWorker<Extract<ImportWorkerResult, { mode: 'commit' }>>('import-worker', data, control);
      this.previews.delete(previewId);
      const report: ImportReport = { ...result.report, rejected: [...rejected, ...result.report.rejected] };
      return report;
    });
  }
}
