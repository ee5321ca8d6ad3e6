// Builds the Electron shell (main, preload, workers, renderer) with electron-vite. electron-vite
// reads Electron's version from its package, so where the binary download failed we install the
// package alone (no binary): enough to compile and check the shell, not to run it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageBin, ROOT } from './electron-env.mjs';


export function buildShell() {
  if (!existsSync(join(ROOT, 'node_modules', 'electron', 'package.json'))) {
    const range = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).optionalDependencies.electron;
    console.log(`Biaozhu: installing the electron package without its binary to compile the shell (electron@${range})`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `electron@${range}`], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
  }
  execFileSync(process.execPath, [packageBin('electron-vite'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

if (process.argv[1] && process.argv[1].endsWith('build-shell.mjs')) buildShell();
