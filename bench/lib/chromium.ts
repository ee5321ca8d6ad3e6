// Debian's Chromium through Playwright (Playwright's own browser download is not available here).
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const VIEWPORT = { width: 1440, height: 900 };

export function launchChromium(): Promise<Browser> {
  // precise-memory-info: performance.memory without the 100 KB quantisation, as a cross-check of CDP.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
}

/**
 * A fresh context. tsx compiles our page functions with esbuild's keepNames, which wraps named
 * functions in __name(); Playwright sends their source to the page, so the page needs a __name.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  return context;
}

/** JS heap of the page after a full GC, in MB (CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage). */
export async function heapAfterGc(page: Page): Promise<{ usedMb: number; totalMb: number }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    return { usedMb: usage.usedSize / 1048576, totalMb: usage.totalSize / 1048576 };
  } finally {
    await cdp.detach();
  }
}

/** Resolves after the next frame has been produced (rAF, then a task after it). */
export const nextPaint = (page: Page): Promise<number> =>
  page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
