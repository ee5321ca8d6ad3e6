// The export job, in the formatting thread: a reader thread reads the project (reader.ts), this
// thread formats each document and writes it, and for brat a third thread creates the files
// (file-writer.ts). Memory stays flat however large the project is.
import { workerData } from 'node:worker_threads';
import type { ExportOptions, ExportReport } from '../../../shared/api/export';
import { exporters } from '../../../shared/exchange/index';
import type { WorkerSide } from '../app/worker-side';
import { ExportDocuments } from './documents';
import { ByteWriter } from './byte-writer';
import { FileWriter } from './file-writer';
import { FormatRun } from './format-run';
import { writesFolder } from './layout';
import { OutputFiles } from './output-files';
import { ExportReader } from './reader';

export interface ExportWorkerData {
  projectPath: string;
  options: ExportOptions;
  /** File for single-file formats; folder for brat and split exports. */
  outPath: string;
  /** Entry files of the export's other threads (see reader-thread.ts, file-writer-thread.ts). */
  threads: { reader: string; fileWriter: string };
}

export async function exportProject(side: WorkerSide<ExportWorkerData>): Promise<ExportReport> {
  const { projectPath, options, outPath, threads } = side.data;
  // The Electron-ABI addon runWorker passed this thread, for the reader thread too.
  const { nativeBinding } = workerData as { nativeBinding?: string };
  const exporter = exporters[options.format];
  // brat's files are each written whole by one document: a thread of their own creates them.
  const handOff = exporter.layout === 'folder';
  const output = new OutputFiles(outPath, writesFolder(exporter.layout, options), { handOff, overwrite: options.overwrite });
  const fileWriter = handOff ? new FileWriter(threads.fileWriter, output.createFlags, (path) => output.forget(path)) : null;
  const handOver = async () => {
    const batch = fileWriter && output.takeBatch(fileWriter.spare());
    if (batch) await fileWriter!.write(batch);
  };
  // Source offsets and the original text cost half the reading; only these exports use them.
  const withOriginal = options.format === 'biaozhu-jsonl' || options.offsets === 'source';
  const reader = new ExportReader(threads.reader, {
    projectPath,
    options,
    withOriginal,
    utf8Texts: exporter.utf8Texts === true,
    spanDetails: exporter.spanDetails,
    notes: exporter.notes === true,
    entities: exporter.entities === true,
    timing: exporter.timing === true,
    nativeBinding,
  });
  try {
    const snapshot = await reader.snapshot();
    const documents = new ExportDocuments(snapshot, options, exporter, withOriginal);
    const labels = snapshot.labels.map(({ key, nameZh, nameEn }) => ({ key, nameZh, nameEn }));
    const entities = new Map(snapshot.entities.map((e) => [e.id, e]));
    const ctx = { labels, offsets: options.offsets, storedUtf8: documents.storedUtf8, writer: new ByteWriter(), entities };
    const run = new FormatRun(exporter, ctx, output);
    run.begin();
    for await (const batch of reader.batches()) {
      for (const doc of documents.of(batch)) {
        side.checkCancelled();
        side.progress(run.documentsDone, snapshot.ids.length);
        run.document(doc);
      }
      await handOver();
    }
    run.end();
    await handOver();
    await fileWriter?.drain();
    output.close(true);
    side.progress(snapshot.ids.length, snapshot.ids.length);
    return run.report(options, { reviewLeftOut: snapshot.reviewLeftOut, todoLeftOut: snapshot.todoLeftOut });
  } finally {
    await fileWriter?.stop(); // before a failed export's files are removed: none is created after
    output.close(false);
    await reader.stop();
  }
}
