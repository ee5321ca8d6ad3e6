// `npm start`: the desktop app where Electron is installed; otherwise the browser mode, said plainly.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureRendererBuilt } from './build-renderer.mjs';
import { ensureElectronNativeBinding, findElectron, packageBin, ROOT } from './electron-env.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser') || process.env.BIAOZHU_BROWSER === '1';
const passThrough = args.filter((a) => a !== '--browser');

function run(command, commandArgs, env = {}) {
  const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

function startBrowserMode(reason) {
  ensureRendererBuilt();
  run(process.execPath, [
    '--require',
    require.resolve('tsx/cjs'),
    join(ROOT, 'electron', 'server', 'main.ts'),
    ...(reason ? ['--reason', reason] : []),
    ...passThrough,
  ]);
}

const electron = forceBrowser ? { binary: null, reason: null } : findElectron();
if (!electron.binary) {
  startBrowserMode(electron.reason ? `Electron is not available here (${electron.reason})` : null);
} else {
  try {
    const nativeBinding = ensureElectronNativeBinding(electron.version);
    execFileSync(process.execPath, [packageBin('electron-vite'), 'build'], { cwd: ROOT, stdio: 'inherit' });
    run(electron.binary, ['.'], { BIAOZHU_NATIVE_BINDING: nativeBinding });
  } catch (error) {
    startBrowserMode(`the desktop shell could not be prepared (${error.message.split('\n')[0]})`);
  }
}
