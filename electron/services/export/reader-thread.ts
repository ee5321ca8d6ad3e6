// Entry of the export's reader thread (see reader.ts): reads the project and sends it over the channel.
import { parentPort, workerData } from 'node:worker_threads';
import { ChannelCancelled, Sender } from './channel';
import { BATCHES_AHEAD, readForExport, type ReaderData, type ReaderMessage } from './reader';

const sender = new Sender<ReaderMessage>(parentPort!, BATCHES_AHEAD);
// The formatter ends this thread when it is done with it.
readForExport(workerData as ReaderData, sender).catch((error: unknown) => {
  if (!(error instanceof ChannelCancelled)) sender.fail((error as Error).message ?? String(error));
});
