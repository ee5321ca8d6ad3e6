// Finds the Electron binary (absent where it could not be downloaded) and builds better-sqlite3
// for Electron's ABI into .cache/, so the Node-ABI build that tests use stays untouched.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Path of the Electron executable, or null with the reason it cannot be used. */
export function findElectron() {
  let binary;
  try {
    binary = require('electron');
  } catch {
    return { binary: null, reason: 'the Electron package is not installed (its binary download failed or was skipped)' };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { binary: null, reason: 'the Electron binary is missing (it could not be downloaded on this machine)' };
  }
  return { binary, version: JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version };
}

/**
 * Installs the electron package without its binary where the download failed (npm then drops the
 * optional dependency): its types and version are enough to type-check and compile the shell.
 */
export function ensureElectronPackage() {
  if (existsSync(join(ROOT, 'node_modules', 'electron', 'package.json'))) return;
  const range = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).optionalDependencies.electron;
  console.log(`Biaozhu: installing the electron package without its binary to compile the shell (electron@${range})`);
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `electron@${range}`], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
}

/** Builds (once per Electron version) and returns the path of the Electron-ABI addon. */
export function ensureElectronNativeBinding(electronVersion) {
  const target = join(ROOT, '.cache', 'electron-native', electronVersion, 'better_sqlite3.node');
  if (existsSync(target)) return target;
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const work = join(ROOT, '.cache', 'electron-native', `build-${electronVersion}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) });
  console.log(`Biaozhu: building better-sqlite3 for Electron ${electronVersion} (once)…`);
  execFileSync(
    process.execPath,
    [
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
      `--arch=${process.arch}`,
    ],
    { cwd: work, stdio: 'inherit' },
  );
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  rmSync(work, { recursive: true, force: true });
  return target;
}

/** Path of a package's executable script, whatever its package.json "exports" allow. */
export function packageBin(pkg, bin = pkg) {
  const manifestPath = join(ROOT, 'node_modules', pkg, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const relative = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin];
  return join(dirname(manifestPath), relative);
}
