// The core's thread: builds the core (createCore), opens the startup project, then answers the
// host's calls one message at a time. SQLite writes and their fsyncs happen here, never on
// Electron's main thread or the browser-mode server's.
import { parentPort, workerData } from 'node:worker_threads';
import { err } from '../../../shared/api/result';
import { createCore, type Core } from '../core';
import { useNativeBinding } from '../db/connection';
import type { CoreWorkerData, HostMessage, WorkerReply } from './core-protocol';
import { openStartupProject } from './startup';
import { setWorkerNativeBinding } from './workers';

const port = parentPort!;
const post = (reply: WorkerReply) => port.postMessage(reply);
const openProject = (core: Core) => (core.session.isOpen ? core.session.requirePath() : null);

async function start(data: CoreWorkerData): Promise<Core> {
  useNativeBinding(data.nativeBinding);
  setWorkerNativeBinding(data.nativeBinding);
  const core = createCore(data.options);
  try {
    core.startup.notice = await openStartupProject(core, data.startup);
  } catch (error) {
    // After a crash the UI is already running: it shows the start screen rather than no app at all.
    if (!data.startup.afterCrash) {
      core.dispose();
      throw error;
    }
    console.error(`[biaozhu] the restarted core could not reopen ${data.startup.project}: ${(error as Error).message}`);
  }
  return core;
}

start(workerData as CoreWorkerData).then(
  (core) => {
    port.on('message', (message: HostMessage) => {
      if (message.type === 'dispose') {
        core.dispose();
        post({ type: 'disposed' });
        return;
      }
      void core.registry.dispatch(message.channel, message.payload).then((result) => {
        try {
          post({ type: 'answer', id: message.id, result, project: openProject(core) });
        } catch (error) {
          // A value structured clone cannot copy is a handler bug: answered, not left hanging.
          const failed = err('internal', `${message.channel} answered with a value that cannot be sent: ${(error as Error).message}`);
          post({ type: 'answer', id: message.id, result: failed, project: openProject(core) });
        }
      });
    });
    post({ type: 'ready', notice: core.startup.notice, project: openProject(core), readOnly: core.session.readOnly?.message ?? null });
  },
  (error: unknown) => post({ type: 'start_failed', message: (error as Error).message ?? String(error) }),
);
