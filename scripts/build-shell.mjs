// Builds the Electron shell (main, preload, workers, renderer) with electron-vite. electron-vite
// reads Electron's version from its package, so where the binary download failed we install the
// package alone (no binary): enough to compile and check the shell, not to run it.
import { execFileSync } from 'node:child_process';
import { ensureElectronPackage, packageBin, ROOT } from './electron-env.mjs';

export function buildShell() {
  ensureElectronPackage();
  execFileSync(process.execPath, [packageBin('electron-vite'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

if (process.argv[1] && process.argv[1].endsWith('build-shell.mjs')) buildShell();
