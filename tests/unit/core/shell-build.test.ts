// Checks the Electron shell that `npm test` built with electron-vite (scripts/build-shell.mjs):
// the binary cannot run on this machine, so we check what it would load.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron.vite.config';
import { WORKER_SOURCES } from '../../../electron/services/app/workers';
import { THREAD_SOURCES } from '../../../electron/services/export/service';

const ROOT = resolve(__dirname, '..', '..', '..');
const OUT = join(ROOT, 'out');
const read = (path: string) => {
  const file = join(OUT, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm test\` (it builds the shell) or \`node scripts/build-shell.mjs\``);
  return readFileSync(file, 'utf8');
};

describe('built Electron shell', () => {
  it('has a CommonJS preload (sandbox: true cannot load an ESM preload) that exposes one object', () => {
    const preload = read('preload/index.js');
    expect(preload).toMatch(/require\(["']electron["']\)/);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain('"biaozhu"');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  it('creates windows sandboxed, isolated and without node integration', () => {
    const main = read('main/index.js');
    expect(main).toMatch(/contextIsolation:\s*true/);
    expect(main).toMatch(/sandbox:\s*true/);
    expect(main).toMatch(/nodeIntegration:\s*false/);
    expect(main).toContain('enableSandbox');
    expect(main).toContain('setPermissionRequestHandler');
    expect(main).toContain('will-navigate');
    expect(main).toContain('setWindowOpenHandler');
  });

  it('bundles the core, import, export and integrity workers next to the main process', () => {
    // The data core's thread: without it the window would have no API.
    expect(read('main/core-worker.js').length).toBeGreaterThan(1000);
    expect(read('main/import-worker.js').length).toBeGreaterThan(1000);
    expect(read('main/export-worker.js').length).toBeGreaterThan(1000);
    // Check project, recovery and backups run here: without it the desktop app could not back up.
    expect(read('main/integrity-worker.js').length).toBeGreaterThan(1000);
  });

  it('builds every thread the code starts: each name it loads as out/main/<name>.js is an input of electron.vite.config.ts, from the source the code runs in development', () => {
    const inputs = (config as { main: { build: { rollupOptions: { input: Record<string, string> } } } }).main.build.rollupOptions.input;
    const fromRoot = (path: string) => relative(ROOT, path);
    // The names and sources the code starts threads from (a name missing from the config works in
    // development and tests, which bundle the source, and fails only in the desktop app).
    const started = new Map<string, string | null>([
      ...Object.entries(WORKER_SOURCES).map(([name, source]): [string, string] => [name, `electron/services/${source}`]),
      ...Object.entries(THREAD_SOURCES).map(([name, source]): [string, string] => [name, `electron/services/export/${source}`]),
    ]);
    // Threads started from a fixed name: join(__dirname, 'core-worker.js').
    for (const file of sourceFiles(join(ROOT, 'electron'))) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/join\(__dirname, ['"`]([\w-]+)\.js['"`]\)/g)) {
        if (!started.has(name)) started.set(name, fromRoot(file.replace(/[^/]+$/, `${name}.ts`)));
      }
    }
    // The scan found the fixed names (the core's thread among them), or this test checks too little.
    expect(started.size).toBeGreaterThan(Object.keys(WORKER_SOURCES).length + Object.keys(THREAD_SOURCES).length);
    for (const [name, source] of started) {
      expect(inputs[name], `${name} is started by the code but is not an input of electron.vite.config.ts`).toBeDefined();
      expect(fromRoot(inputs[name]), `${name}'s input in electron.vite.config.ts`).toBe(source);
      // Entries whose code the bundler moved into shared chunks are a few hundred bytes.
      expect(read(`main/${name}.js`).length, `out/main/${name}.js`).toBeGreaterThan(200);
    }
  });

  it('ships a renderer page with a strict CSP', () => {
    const html = read('renderer/index.html');
    expect(html).toContain("script-src 'self'");
    expect(html).toContain("object-src 'none'");
  });
});

/** Every .ts file under `folder`. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
