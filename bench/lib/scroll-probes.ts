// In-page probes for the scroll measure, shared by the app and the plain-DOM baseline: scroll the
// reader by one viewport and time until a frame shows the new viewport complete; collect long
// tasks; time a fresh navigation until the document's marks are painted.
import type { Page } from '@playwright/test';

const READER = '[data-testid="reader"]';

export interface StepTiming {
  /** scrollBy → first requestAnimationFrame callback of a frame whose viewport is complete. */
  rafMs: number;
  /** … → the task after that frame: the frame has been painted. */
  paintMs: number;
  /** Frames it took (1 when the first frame after the scroll was already complete). */
  frames: number;
}

export interface LongTask {
  start: number;
  duration: number;
}

/** Starts recording long tasks on the page (PerformanceObserver 'longtask'). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
}

/** Long tasks that started at or after `since` (page time, ms). */
export const longTasksSince = (page: Page, since: number): Promise<LongTask[]> =>
  page.evaluate((t) => (window as unknown as { __longTasks: LongTask[] }).__longTasks.filter((x) => x.start >= t), since);

export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/**
 * Scrolls the reader's scroller by `fraction` of its height (as PageDown does, instantly) and
 * times until a painted frame in which no element matching `pendingSelector` (an unrendered
 * placeholder) intersects the viewport. Returns null at the end of the document.
 */
export async function timeScrollStep(page: Page, pendingSelector: string | null, fraction = 0.875): Promise<StepTiming | null> {
  return page.evaluate(
    ({ reader, pending, fraction }) =>
      new Promise<StepTiming | null>((resolve, reject) => {
        const root = document.querySelector(reader);
        const scroller = root?.closest('.reader-scroller, main') as HTMLElement | null;
        if (!scroller) return reject(new Error('no reader scroller'));
        const before = scroller.scrollTop;
        const t0 = performance.now();
        scroller.scrollBy({ top: Math.round(scroller.clientHeight * fraction), behavior: 'instant' });
        if (scroller.scrollTop === before) return resolve(null);
        let frames = 0;
        const complete = () => {
          if (!pending) return true;
          const box = scroller.getBoundingClientRect();
          for (const el of scroller.querySelectorAll(pending)) {
            const r = el.getBoundingClientRect();
            if (r.bottom > box.top && r.top < box.bottom && r.height > 0) return false;
          }
          return true;
        };
        const frame = () => {
          frames++;
          if (!complete() && performance.now() - t0 < 5000) return requestAnimationFrame(frame);
          const rafAt = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ rafMs: rafAt - t0, paintMs: performance.now() - t0, frames });
          channel.port2.postMessage(null);
        };
        requestAnimationFrame(frame);
      }),
    { reader: READER, pending: pendingSelector, fraction },
  );
}

/**
 * Installs (before any script of the page runs) a watcher that resolves window.__coldOpen with the
 * time from navigation start until the first of two frames with the same number of visible marks,
 * painted (the task after its rAF).
 */
export async function installColdOpenWatcher(page: Page): Promise<void> {
  await page.addInitScript((reader: string) => {
    const w = window as unknown as { __coldOpen: Promise<{ paintedMs: number; marks: number }> };
    w.__coldOpen = new Promise((resolve) => {
      let last = -1;
      let stableSince = 0;
      const visible = () => {
        const root = document.querySelector(reader);
        if (!root) return 0;
        const box = (root.closest('.reader-scroller, main') ?? root).getBoundingClientRect();
        let n = 0;
        for (const m of root.querySelectorAll('mark')) {
          const r = m.getBoundingClientRect();
          if (r.bottom > box.top && r.top < Math.min(box.bottom, innerHeight) && r.width > 0) n++;
        }
        return n;
      };
      const frame = () => {
        const n = visible();
        if (n > 0 && n === last) return resolve({ paintedMs: stableSince, marks: n });
        if (n !== last) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            stableSince = performance.now();
          };
          channel.port2.postMessage(null);
        }
        last = n;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  }, READER);
}

export const coldOpenResult = (page: Page, timeoutMs = 60_000): Promise<{ paintedMs: number; marks: number }> =>
  page.evaluate(
    (ms) =>
      Promise.race([
        (window as unknown as { __coldOpen: Promise<{ paintedMs: number; marks: number }> }).__coldOpen,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no marks were painted after the navigation')), ms)),
      ]),
    timeoutMs,
  );
