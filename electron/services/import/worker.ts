// Import worker thread: previewing (decode + normalize) and committing run here, off the thread
// that answers the UI.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { FilePreview, ImportOptions, ImportReport } from '../../../shared/api/import';
import { runInWorker } from '../app/worker-side';
import { openDatabase } from '../db/connection';
import { commitPrepared } from './commit';
import { Previewer } from './preview';
import { fromStaging, stageFile, type StagedFile } from './staging';
import { openablePath, type ImportInput } from './sources';

export type ImportWorkerData =
  | {
      mode: 'preview';
      projectPath: string | null;
      inputs: ImportInput[];
      options: ImportOptions;
      stagingDir: string;
      /** Indexes of the inputs this worker previews (all when absent): previews run in several workers. */
      assigned?: number[];
      firstIndex?: number;
    }
  | { mode: 'commit'; projectPath: string; files: StagedFile[]; annotator: string };

export type ImportWorkerResult = { mode: 'preview'; files: FilePreview[]; staged: StagedFile[] } | { mode: 'commit'; report: ImportReport };

/**
 * A .txt with a matching .ann beside it is the text half of a brat pair, not a document of its own;
 * files picked or dropped in a browser (bytes) pair by name like files on disk.
 */
function bratCompanions(inputs: ImportInput[]): { skip: Set<number>; companionOf: Map<number, ImportInput> } {
  const byStem = new Map<string, number>();
  inputs.forEach((input, i) => byStem.set(input.fileName.toLowerCase(), i));
  const skip = new Set<number>();
  const companionOf = new Map<number, ImportInput>();
  inputs.forEach((input, i) => {
    if (extname(input.fileName).toLowerCase() !== '.ann') return;
    const txtIndex = byStem.get(input.fileName.slice(0, -4).toLowerCase() + '.txt');
    if (txtIndex === undefined) return;
    const txt = inputs[txtIndex];
    if (txt.kind !== input.kind) return;
    skip.add(txtIndex);
    companionOf.set(i, txt);
  });
  return { skip, companionOf };
}

/** The .txt of a brat pair; if it cannot be read, the .ann is previewed alone and says what is missing. */
function readCompanion(txt: ImportInput): { name: string; text: string } | null {
  try {
    const text = txt.kind === 'bytes' ? Buffer.from(txt.dataBase64, 'base64').toString('utf8') : readFileSync(openablePath(txt), 'utf8');
    return { name: basename(txt.fileName), text };
  } catch {
    return null;
  }
}

runInWorker<ImportWorkerData, ImportWorkerResult>((side) => {
  const { data } = side;
  if (data.mode === 'commit') {
    const db = openDatabase(data.projectPath);
    // A large import's single transaction dirties more pages than the default 2 MB cache holds;
    // a bigger cache keeps them from spilling to the WAL before the commit.
    db.pragma('cache_size = -32768');
    try {
      return {
        mode: 'commit',
        report: commitPrepared(
          db,
          { files: data.files.map(fromStaging), annotator: data.annotator },
          () => side.checkCancelled(),
          (d, t) => side.progress(d, t),
        ),
      };
    } finally {
      db.close();
    }
  }
  const db = data.projectPath ? openDatabase(data.projectPath, { readonly: true }) : null;
  try {
    const previewer = new Previewer(db, data.options, () => side.checkCancelled());
    const { skip, companionOf } = bratCompanions(data.inputs);
    const files: FilePreview[] = [];
    const staged: StagedFile[] = [];
    const assigned = data.assigned ?? data.inputs.map((_, index) => index);
    assigned.forEach((index, done) => {
      side.checkCancelled();
      const input = data.inputs[index];
      side.progress(done, assigned.length, basename(input.fileName));
      if (skip.has(index)) return;
      const txt = companionOf.get(index);
      const companion = txt ? readCompanion(txt) : null;
      const outcome = previewer.preview(input, (data.firstIndex ?? 0) + files.length, companion, index);
      files.push(outcome.preview);
      staged.push(stageFile(data.stagingDir, outcome.prepared));
    });
    side.progress(assigned.length, assigned.length);
    return { mode: 'preview', files, staged };
  } finally {
    db?.close();
  }
});
