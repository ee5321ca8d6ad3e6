// Entry of the export's file-writer thread (see file-writer.ts): writes each batch's files in order
// and gives each batch's buffer back with its acknowledgement, for the next batch.
import { parentPort, workerData } from 'node:worker_threads';
import { Receiver } from './channel';
import type { FileBatch } from './file-writer';
import { conflictMessage, writeWholeFile } from './target';

const { flags } = workerData as { flags: number };
const receiver = new Receiver<FileBatch>(parentPort!);

async function writeBatches(): Promise<void> {
  for (let batch = await receiver.next(); batch !== null; batch = await receiver.next()) {
    let path = '';
    try {
      let from = 0;
      for (let i = 0; i < batch.paths.length; i++) {
        path = batch.paths[i]!;
        writeWholeFile(path, batch.bytes.subarray(from, batch.ends[i]), flags);
        from = batch.ends[i]!;
      }
    } catch (error) {
      // A file that was there already is named: it is not the export's to remove (see OutputFiles.forget).
      const existing = (error as NodeJS.ErrnoException).code === 'EEXIST' ? path : undefined;
      receiver.fail(existing ? conflictMessage(existing) : ((error as Error).message ?? String(error)), existing);
      return;
    }
    const buffer = batch.bytes.buffer as ArrayBuffer;
    receiver.ack(buffer, [buffer]);
  }
}

void writeBatches();
