// Main-side import: keeps previews until the user commits them, and runs both steps as jobs.
import { rmSync } from 'node:fs';
import type { FilePreview, FilePreviewDetail, ImportOptions, ImportPreview, ImportReport, ImportSource, SupportedEncoding } from '../../../shared/api/import';
import { ApiFailure } from '../../../shared/api/result';
import { backUpBeforeImport } from '../app/backups';
import { awaitedControl, type JobManager } from '../app/jobs';
import type { ProjectSession } from '../app/session';
import { runWorker } from '../app/workers';
import { previewInParallel } from './parallel-preview';
import { expandSources, type ImportInput } from './sources';
import { createStagingDir, loadStagedFile, removeStagingDir, type StagedFile } from './staging';
import type { ImportWorkerData, ImportWorkerResult } from './worker';

interface StoredPreview {
  projectPath: string;
  inputs: ImportInput[];
  options: ImportOptions;
  stagingDir: string;
  staged: StagedFile[];
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
    this.session.requireWritableDb(); // the commit worker writes on its own connection: refuse up front
    const projectPath = this.session.requirePath();
    const { inputs, problems } = expandSources(sources);
    const started = this.jobs.start('import-preview', async (control) => {
      const stagingDir = createStagingDir();
      let result: Extract<ImportWorkerResult, { mode: 'preview' }>;
      try {
        result = await previewInParallel({ mode: 'preview', projectPath, inputs, options, stagingDir }, control);
      } catch (error) {
        removeStagingDir(stagingDir);
        throw error;
      }
      const files = [
        ...result.files,
        ...problems.map((p, i) => ({
          index: result.files.length + i,
          fileName: p.fileName,
          format: '',
          encoding: null,
          encodingConfidence: null,
          byteLength: 0,
          documents: [],
          error: p.message,
          errorCode: p.code,
          ...(p.params ? { errorParams: p.params } : {}),
          problems: [],
        })),
      ];
      const preview: ImportPreview = { previewId: started.jobId, files };
      this.previews.set(started.jobId, { projectPath, inputs, options, stagingDir, staged: result.staged, preview });
      for (const id of [...this.previews.keys()].slice(0, Math.max(0, this.previews.size - PREVIEWS_KEPT))) this.forget(id);
      return preview;
    });
    return started;
  }

  private forget(previewId: string): void {
    const stored = this.previews.get(previewId);
    if (!stored) return;
    this.previews.delete(previewId);
    removeStagingDir(stored.stagingDir);
  }

  /** Removes every preview's staged drafts (the app is closing). */
  dispose(): void {
    for (const id of [...this.previews.keys()]) this.forget(id);
  }

  private stored(previewId: string): StoredPreview {
    const stored = this.previews.get(previewId);
    if (!stored) throw new ApiFailure('not_found', 'This import preview has expired; preview the files again');
    return stored;
  }

  previewFile(previewId: string, index: number): FilePreviewDetail {
    const staged = this.stored(previewId).staged[index];
    if (!staged) throw new ApiFailure('not_found', `No file ${index} in this preview`);
    const prepared = loadStagedFile(staged);
    return { fileName: prepared.fileName, drafts: prepared.drafts };
  }

  async overrideEncoding(previewId: string, index: number, encoding: SupportedEncoding): Promise<FilePreview> {
    const stored = this.stored(previewId);
    const previous = stored.staged[index];
    if (!previous) throw new ApiFailure('not_found', `No file ${index} in this preview`);
    const data: ImportWorkerData = {
      mode: 'preview',
      projectPath: stored.projectPath,
      inputs: [stored.inputs[previous.sourceIndex]],
      options: { ...stored.options, encoding },
      stagingDir: stored.stagingDir,
      firstIndex: index,
    };
    const result = await runWorker<Extract<ImportWorkerResult, { mode: 'preview' }>>('import-worker', data, awaitedControl());
    // The re-read file's drafts were staged with source index 0 (its own one-input list); the commit only needs the path.
    stored.staged[index] = { ...result.staged[0], sourceIndex: previous.sourceIndex };
    rmSync(previous.path, { force: true });
    stored.preview.files[index] = result.files[0];
    return result.files[0];
  }

  commit(previewId: string, include: number[] | undefined): { jobId: string } {
    this.session.requireWritableDb();
    const stored = this.stored(previewId);
    if (stored.projectPath !== this.session.requirePath()) {
      throw new ApiFailure('conflict', 'This preview was made for another project; preview the files again');
    }
    const wanted = include ? new Set(include) : null;
    const files = stored.staged.filter((file, i) => (wanted ? wanted.has(i) : true) && file.draftCount > 0);
    const rejected = stored.preview.files
      .filter((f) => (wanted ? wanted.has(f.index) : true))
      .flatMap((f) => [
        ...(f.error
          ? [{ fileName: f.fileName, message: f.error, ...(f.errorCode ? { code: f.errorCode } : {}), ...(f.errorParams ? { params: f.errorParams } : {}) }]
          : []),
        ...f.problems.map((p) => ({ fileName: f.fileName, ...p })),
      ]);
    return this.jobs.start('import-commit', async (control) => {
      await backUpBeforeImport(this.session);
      const data: ImportWorkerData = { mode: 'commit', projectPath: stored.projectPath, files, annotator: this.session.annotator() };
      const result = await runWorker<Extract<ImportWorkerResult, { mode: 'commit' }>>('import-worker', data, control);
      this.forget(previewId);
      const report: ImportReport = { ...result.report, rejected: [...rejected, ...result.report.rejected] };
      return report;
    });
  }
}
