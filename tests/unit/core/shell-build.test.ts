// Checks the Electron shell that `npm test` built with electron-vite (scripts/build-shell.mjs):
// the binary cannot run on this machine, so we check what it would load.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = resolve(__dirname, '..', '..', '..', 'out');
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

  it('ships a renderer page with a strict CSP', () => {
    const html = read('renderer/index.html');
    expect(html).toContain("script-src 'self'");
    expect(html).toContain("object-src 'none'");
  });
});
