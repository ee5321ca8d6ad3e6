// Worker threads started from TypeScript source (browser mode, tests, benchmarks) run one esbuild
// bundle of their source, like the desktop app runs electron-vite's bundle. Run through tsx
// instead, every module becomes CommonJS whose exports are getters, and each call into another
// module pays for one: 12 % of a CoNLL export was spent in such getters.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
/** Inside the project so that the bundle's require('better-sqlite3') resolves to node_modules. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'biaozhu-workers');
const bundled = new Map<string, string>();

interface EsbuildApi {
  buildSync(options: object): { outputFiles: { text: string }[] };
}

/** Path of a bundle of `sourceFile` (built once per process; same content, same file). */
export function workerBundle(sourceFile: string): string {
  const known = bundled.get(sourceFile);
  if (known) return known;
  // Required here, not imported: the desktop app's bundle never reaches this line nor needs esbuild.
  const esbuild = require('esbuild') as EsbuildApi;
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [sourceFile],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
  });
  const code = outputFiles[0].text;
  const name = sourceFile.split(/[\\/]/).slice(-2).join('-').replace(/\.ts$/, '');
  const file = join(CACHE, `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`);
  if (!existsSync(file)) {
    mkdirSync(CACHE, { recursive: true });
    // Test files run in parallel processes: write aside, then rename into place atomically.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  bundled.set(sourceFile, file);
  return file;
}
