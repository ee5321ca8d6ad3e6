// Chromium sessions for the reader measures: the app in browser mode on a copy of the fixture, and
// the plain-DOM baseline page on the same document, each in a fresh browser context.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { launchChromium, newContext } from './chromium';
import { fixture, fixtureCopy, type Fixture } from './fixture';
import { ROOT, workDir } from './paths';
import type { MeasureContext } from './result';
import { requireRenderer, startServer, type RunningServer } from './server';

export interface ReaderPage {
  page: Page;
  fx: Fixture;
  /** Selector of the reader document's row in the document list. */
  readerRow: string;
  /** Selector of another row, opened between timed opens. */
  otherRow: string | null;
  /** Address a fresh tab navigates to in order to land on the reader document (cold open). */
  url: string;
  close(): Promise<void>;
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  return { context, page: await context.newPage() };
}

/** `prepare` changes the fixture's copy before the app opens it (the open measure adds relations). */
export async function openApp(ctx: MeasureContext, tag: string, prepare?: (projectPath: string, fx: Fixture) => void): Promise<ReaderPage> {
  requireRenderer();
  const fx = fixture(ctx.spec, ctx.log);
  const dir = workDir(ctx.spec.name, `reader-${tag}`);
  const project = fixtureCopy(fx, dir);
  prepare?.(project, fx);
  const server: RunningServer = await startServer({ userData: join(dir, 'user'), project });
  const browser = await launchChromium();
  try {
    const { page } = await newPage(browser);
    page.on('pageerror', (e) => ctx.notes.push(`page error in the app: ${e.message}`));
    await page.goto(server.url);
    await page.locator('[data-doc-id]').first().waitFor({ state: 'visible', timeout: 60_000 });
    const readerRow = `[data-doc-id="${fx.readerDocId}"]`;
    if ((await page.locator(readerRow).count()) === 0)
      throw new Error(`the reader document (id ${fx.readerDocId}) is not in the first screen of the document list`);
    const other = await page.locator(`[data-doc-id]:not(${readerRow})`).first().getAttribute('data-doc-id');
    return {
      page,
      fx,
      readerRow,
      otherRow: other ? `[data-doc-id="${other}"]` : null,
      url: server.url,
      close: async () => {
        await browser.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser.close();
    await server.stop();
    throw error;
  }
}

/** The reader document as the baseline page reads it: text and spans with label keys (read through the db modules). */
function writeBaselineDoc(fx: Fixture, path: string): void {
  const { openDatabase } = require('../../electron/services/db/connection') as typeof import('../../electron/services/db/connection');
  const { getDocument } = require('../../electron/services/db/documents') as typeof import('../../electron/services/db/documents');
  const { listAnnotations } = require('../../electron/services/db/annotations') as typeof import('../../electron/services/db/annotations');
  const { listLabels } = require('../../electron/services/db/labels') as typeof import('../../electron/services/db/labels');
  const db = openDatabase(fx.projectPath, { readonly: true });
  try {
    const keys = new Map(listLabels(db).map((l) => [l.id, l.key]));
    const text = getDocument(db, fx.readerDocId)!.text;
    const spans = listAnnotations(db, fx.readerDocId).map((a) => ({ id: a.id, start: a.start, end: a.end, label: keys.get(a.labelId) }));
    writeFileSync(path, JSON.stringify({ text, spans }));
  } finally {
    db.close();
  }
}

export async function startBaselineServer(docPath?: string): Promise<{ url: string; process: ChildProcess; startMs: number; stop: () => Promise<void> }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'baseline', 'static-server.mjs'), ...(docPath ? [docPath] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /open (http:\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
  });
  return {
    url,
    process: child,
    startMs: performance.now() - started,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export async function openBaseline(ctx: MeasureContext, tag: string): Promise<ReaderPage> {
  const fx = fixture(ctx.spec, ctx.log);
  const docPath = join(workDir(ctx.spec.name, `reader-${tag}`), 'doc.json');
  writeBaselineDoc(fx, docPath);
  const server = await startBaselineServer(docPath);
  const browser = await launchChromium();
  const { page } = await newPage(browser);
  await page.goto(server.url);
  await page.locator('#open').waitFor({ state: 'visible' });
  return {
    page,
    fx,
    readerRow: '#open',
    otherRow: null,
    url: `${server.url}#open`,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}
