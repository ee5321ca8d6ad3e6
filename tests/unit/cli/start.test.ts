// `npm start` on a machine without the Electron binary: one clear line, browser mode, demo project.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';

const ROOT = resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir('biaozhu-start-');
afterAll(() => cleanup());

async function electronBinaryPresent(): Promise<boolean> {
  const { findElectron } = await import(join(ROOT, 'scripts', 'electron-env.mjs'));
  return findElectron().binary !== null;
}

describe('npm start', () => {
  it('falls back to the browser mode with one clear line and opens the demo project', async () => {
    // Where Electron is installed, force the browser mode: this test is about the fallback path.
    const args = (await electronBinaryPresent()) ? ['--browser'] : [];
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), ...args, '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, BIAOZHU_HOME: join(dir, 'home') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const line = await new Promise<string>((resolveLine, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 90_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const found = output.split('\n').find((l) => l.includes('running in browser mode'));
          if (found && /open http/.test(found)) {
            clearTimeout(timer);
            resolveLine(found);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
      });
      if (args.length === 0) expect(line).toMatch(/Electron is not available here/);
      const url = new URL(/open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(line)![1]);
      const call = async (channel: string) => {
        const response = await fetch(`${url.origin}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-biaozhu-token': url.searchParams.get('token')! },
          body: '{}',
        });
        return (await response.json()) as { ok: boolean; value: Record<string, unknown> };
      };
      const info = await call('app:info');
      expect(info.ok).toBe(true);
      const project = info.value.project as { name: string; documentCount: number; annotationCount: number };
      expect(project.name).toMatch(/示例|Demo/);
      expect(project.documentCount).toBeGreaterThanOrEqual(10);
      expect(project.annotationCount).toBeGreaterThan(5);
      const page = await fetch(url);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
