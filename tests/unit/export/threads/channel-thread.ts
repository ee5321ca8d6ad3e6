// A thread for the channel tests: sends numbered items over its parent port, then behaves as
// workerData.mode says.
import { parentPort, workerData } from 'node:worker_threads';
import { ChannelCancelled, Sender } from '../../../../electron/services/export/channel';

const { mode, items } = workerData as { mode: 'end' | 'throw' | 'fail' | 'exit'; items: number };
const sender = new Sender<number>(parentPort!, 2);

async function run(): Promise<void> {
  for (let i = 0; i < items; i++) {
    await sender.send(i);
    // The parent reads how far the sender got.
    parentPort!.postMessage({ sent: i });
  }
  if (mode === 'end') sender.end();
  else if (mode === 'fail') sender.fail('the thread could not read', { where: 'here' });
  else if (mode === 'throw') throw new Error('uncaught in the thread');
  else process.exit(3);
}

run().catch((error: unknown) => {
  if (error instanceof ChannelCancelled) parentPort!.postMessage({ cancelled: true });
  else
    setImmediate(() => {
      throw error;
    });
});
