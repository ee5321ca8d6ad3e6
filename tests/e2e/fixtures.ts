// Each test gets its own project file and user-data folder and its own browser-mode server, started
// exactly as `npm start` starts it (same entry point, same token checks).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { waitForReadyUrl } from '../../electron/server/announce';

const require = createRequire(__filename);
export const ROOT = resolve(__dirname, '..', '..');
export const SEEDS_DIR = resolve(ROOT, '..', 'shared', 'corpus', 'seeds');
export const SAMPLES_DIR = join(ROOT, 'resources', 'samples');

export interface BiaozhuServer {
  url: string;
  origin: string;
  token: string;
  dir: string;
  projectPath: string;
  process: ChildProcess;
}

export interface ServerOptions {
  /** 'demo' opens the demo project; 'empty' creates a fresh project; 'none' starts with no project. */
  project?: 'demo' | 'empty' | 'none';
}

export async function startServer(options: ServerOptions = {}): Promise<BiaozhuServer> {
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-e2e-'));
  const projectPath = join(dir, 'project.biaozhu');
  const projectArgs = options.project === 'demo' ? [] : options.project === 'none' ? ['--no-project'] : ['--create-project', projectPath];
  const child = spawn(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), join(ROOT, 'electron', 'server', 'main.ts'), '--port', '0', '--user-data', join(dir, 'user'), ...projectArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await waitForReadyUrl(child, 30_000);
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: parsed.searchParams.get('token')!, dir, projectPath, process: child };
}

export async function stopServer(server: BiaozhuServer): Promise<void> {
  await new Promise<void>((done) => {
    if (server.process.exitCode !== null) return done();
    server.process.once('exit', () => done());
    server.process.kill('SIGTERM');
  });
  rmSync(server.dir, { recursive: true, force: true });
}

/** Calls the API the way the renderer does, for arranging state and checking what was stored. */
export async function apiCall<T = unknown>(server: BiaozhuServer, channel: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${server.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-biaozhu-token': server.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value as T;
}

type Fixtures = { server: BiaozhuServer; serverOptions: ServerOptions };

export const test = base.extend<Fixtures>({
  serverOptions: [{ project: 'empty' }, { option: true }],
  server: async ({ serverOptions }, use) => {
    const server = await startServer(serverOptions);
    await use(server);
    await stopServer(server);
  },
  page: async ({ page, server }, use) => {
    await page.goto(server.url);
    await use(page);
  },
});

export { expect };

/**
 * Saves a README screenshot of the real UI — after checking that Chinese renders as Chinese: without
 * a CJK font (Debian: fonts-noto-cjk) Chromium draws every character as the same empty box, and the
 * README would show rows of boxes.
 */
export async function docScreenshot(page: Page, name: string): Promise<void> {
  const samePixels = await page.evaluate(() => {
    const draw = (text: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 40;
      canvas.height = 40;
      const context = canvas.getContext('2d')!;
      context.font = '32px sans-serif';
      context.fillText(text, 2, 34);
      return context.getImageData(0, 0, 40, 40).data.join(',');
    };
    return draw('标') === draw('注');
  });
  expect(samePixels, 'Chinese characters render as identical boxes: install a CJK font (apt-get install fonts-noto-cjk)').toBe(false);
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

/** Waits for a job (import, export) to finish and returns its result; a failed or cancelled job throws. */
export async function waitForJob<T>(server: BiaozhuServer, jobId: string): Promise<T> {
  for (;;) {
    const job = await apiCall<{ state: string; result: T | null; error: string | null }>(server, 'jobs:get', { jobId });
    if (job.state === 'done') return job.result!;
    if (job.state !== 'running') throw new Error(`job ${job.state}: ${job.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Imports JSON Lines through the real preview → commit jobs, as the import dialog does, and waits. */
export async function importJsonl(server: BiaozhuServer, name: string, jsonl: string): Promise<void> {
  const source = { kind: 'bytes', name, dataBase64: Buffer.from(jsonl).toString('base64') };
  const preview = await waitForJob<{ previewId: string }>(
    server,
    (await apiCall<{ jobId: string }>(server, 'import:preview', { sources: [source], options: {} })).jobId,
  );
  await waitForJob(server, (await apiCall<{ jobId: string }>(server, 'import:commit', { previewId: preview.previewId })).jobId);
}

/** Imports one article unchanged (Biaozhu JSONL with its identity offset map) and returns its document id. */
export async function importArticle(server: BiaozhuServer, text: string, title = '常委会'): Promise<number> {
  const line = {
    id: 'a1',
    text,
    metadata: { title, date: '2024-03-12', source: '北京日报', district: '朝阳区', url: null, reporters: [], externalId: 'a1' },
    status: 'todo',
    original_text: text,
    offset_map: [0, text.length, 0, text.length],
    spans: [],
  };
  await importJsonl(server, 'one.jsonl', JSON.stringify(line));
  return (await apiCall<{ items: { id: number }[] }>(server, 'documents:list', {})).items[0].id;
}

/** Project ▾ → Merge coder files…, then adds each file by name through the file browser (the first from `folder`). */
export async function addCoderFiles(page: Page, folder: string, names: string[]) {
  await page.getByRole('button', { name: /^项目/ }).click();
  await page.getByRole('menuitem', { name: '合并标注员文件…' }).click();
  const dialog = page.getByRole('dialog', { name: '合并标注员文件' });
  for (const [i, name] of names.entries()) {
    await dialog.getByRole('button', { name: '添加标注员文件…' }).click();
    const browser = page.getByRole('dialog', { name: '添加标注员文件…' });
    // The browser starts beside the project, then beside the file picked last.
    if (i === 0)
      await browser
        .getByRole('button', { name: new RegExp(folder) })
        .first()
        .dblclick();
    await browser
      .getByRole('button', { name: new RegExp(name) })
      .first()
      .click();
    await browser.getByRole('button', { name: '打开项目' }).click();
  }
  return dialog;
}
