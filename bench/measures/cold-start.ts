// Measure 7: cold start to first interactive paint: spawn the browser-mode server (as npm start
// does), load the page in a fresh browser context, until the document list shows rows and a frame
// has been painted. Baseline: a plain Node static server and a plain page, same steps.
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { launchChromium, newContext, nextPaint } from '../lib/chromium';
import { fixture, fixtureCopy } from '../lib/fixture';
import { workDir } from '../lib/paths';
import { startBaselineServer } from '../lib/reader-session';
import { median, round, row, runMeasure } from '../lib/result';
import { requireRenderer, startServer } from '../lib/server';

interface Start {
  serverMs: number;
  pageMs: number;
  totalMs: number;
}

/** Starts a server and loads its page until `selector` is visible and painted (browser context made first). */
async function coldStart(
  browser: Browser,
  start: () => Promise<{ url: string; startMs: number; stop: () => Promise<void> }>,
  selector: string,
): Promise<Start> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const t0 = performance.now();
    const server = await start();
    try {
      const t1 = performance.now();
      await page.goto(server.url);
      await page.locator(selector).first().waitFor({ state: 'visible', timeout: 60_000 });
      await nextPaint(page);
      const end = performance.now();
      return { serverMs: server.startMs, pageMs: end - t1, totalMs: end - t0 };
    } finally {
      await server.stop();
    }
  } finally {
    await context.close();
  }
}

runMeasure('cold-start', 'Cold start to first interactive paint', async (ctx) => {
  requireRenderer();
  const fx = fixture(ctx.spec, ctx.log);
  const dir = workDir(ctx.spec.name, 'cold-start');
  const project = fixtureCopy(fx, dir);
  const browser = await launchChromium();
  const app: Start[] = [];
  const base: Start[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      app.push(await coldStart(browser, () => startServer({ userData: join(dir, `user-${i}`), project }), '[data-doc-id]'));
      base.push(await coldStart(browser, () => startBaselineServer(), '#open'));
    }
  } finally {
    await browser.close();
  }
  const m = (list: Start[], k: keyof Start) => round(median(list.map((s) => s[k])));
  ctx.details = { app, baseline: base, documents: fx.documents };
  ctx.notes.push(
    `Median of 3 starts with Chromium already running; the project holds ${fx.documents} documents. The server runs TypeScript through tsx as npm start does (tsx caches its transforms, so this is a warm-disk start).`,
  );
  return [
    row({
      name: 'cold start → document list painted',
      value: m(app, 'totalMs'),
      unit: 'ms',
      baseline: m(base, 'totalMs'),
      baselineName: 'plain Node server + plain page',
      note: `server ready ${m(app, 'serverMs')} ms, page ${m(app, 'pageMs')} ms`,
    }),
    row({ name: 'server start (spawn → listening)', value: m(app, 'serverMs'), unit: 'ms', baseline: m(base, 'serverMs'), baselineName: 'plain Node server' }),
  ];
});
