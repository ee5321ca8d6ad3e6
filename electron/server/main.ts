// Entry point of the browser mode: `node --require tsx/cjs electron/server/main.ts [options]`.
// Starts the core in a worker thread, which opens a project (the last one the user had open, else
// the demo), and serves the renderer and the API on 127.0.0.1; this thread only routes requests.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CoreHost } from '../services/app/core-host';
import { startBrowserServer } from './browser-server';
import { readyLine } from './announce';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      project: { type: 'string' },
      'create-project': { type: 'string' },
      'no-project': { type: 'boolean', default: false },
      'user-data': { type: 'string' },
      renderer: { type: 'string' },
      reason: { type: 'string' },
    },
  });
  const { host: core, ready } = await CoreHost.start({
    options: { mode: 'browser', userDataDir: values['user-data'] },
    startup: { createProject: values['create-project'], project: values.project, noProject: values['no-project'] },
  });
  const server = await startBrowserServer({
    registry: core,
    rendererDir: values.renderer ?? resolve(__dirname, '..', '..', 'out', 'renderer'),
    port: Number(values.port),
  });
  console.log(readyLine(server.url, values.reason));
  const notice = ready.notice;
  if (notice) console.log(`Biaozhu: could not reopen the last project, ${notice.path}: ${notice.reason}. The demo project is open instead.`);
  // Said where the user started it too, not only in the window: e.g. another server holds the project.
  if (ready.readOnly) console.log(`Biaozhu: ${ready.project} is read-only here. ${ready.readOnly}`);
  const stop = () =>
    server
      .close()
      .then(() => core.dispose())
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Biaozhu could not start: ${(error as Error).message}`);
  process.exit(1);
});
