// Entry point of the browser mode: `node --require tsx/cjs electron/server/main.ts [options]`.
// Opens a project (the demo by default) and serves the renderer and the API on 127.0.0.1.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../services/core';
import { ensureDemoProject } from '../services/demo';
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
  const core = createCore({ mode: 'browser', userDataDir: values['user-data'] });
  if (values['create-project']) core.session.create(values['create-project']);
  else if (values.project) core.session.open(values.project);
  else if (!values['no-project']) core.session.open(await ensureDemoProject(core));
  const server = await startBrowserServer({
    registry: core.registry,
    rendererDir: values.renderer ?? resolve(__dirname, '..', '..', 'out', 'renderer'),
    port: Number(values.port),
  });
  console.log(readyLine(server.url, values.reason));
  // Said where the user started it too, not only in the window: e.g. another server holds the project.
  const readOnly = core.session.readOnly;
  if (readOnly) console.log(`Biaozhu: ${core.session.requirePath()} is read-only here. ${readOnly.message}`);
  const stop = () => server.close().then(() => {
    core.dispose();
    process.exit(0);
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Biaozhu could not start: ${(error as Error).message}`);
  process.exit(1);
});
