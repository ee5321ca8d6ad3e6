// Check formatting (Prettier), lint and type-check everything, the Electron shell included: its types come from the electron
// package, which npm drops where the binary download fails, so it is installed without the binary first.
import { execFileSync } from 'node:child_process';
import { ensureElectronPackage, packageBin, ROOT } from './electron-env.mjs';

ensureElectronPackage();
const run = (pkg, bin, args) => execFileSync(process.execPath, [packageBin(pkg, bin), ...args], { cwd: ROOT, stdio: 'inherit' });
try {
  run('prettier', 'prettier', ['--check', '--log-level', 'warn', '.']);
  run('eslint', 'eslint', ['.']);
  run('typescript', 'tsc', ['-p', 'tsconfig.json', '--noEmit']);
} catch {
  process.exit(1);
}
