// In-page measurements shared by the app and the plain-DOM baseline, so both are timed by the
// same code: click → painted marks, and label keypress → new mark painted. Both pages render
// paragraphs as p[data-start] holding mark[data-ids] inside [data-testid="reader"].
import type { Page } from '@playwright/test';

const READER = '[data-testid="reader"]';

export interface OpenTiming {
  /** Click event → first frame in which visible marks stopped changing, then painted. */
  clickToPaintMs: number;
  /** 'doc-open-start' → 'doc-interactive' from the page's own performance marks, if set. */
  marksMs: number | null;
  visibleMarks: number;
}

/** Clicks `rowSelector` and times the document opening in `READER`. */
export async function timeOpen(page: Page, rowSelector: string, timeoutMs = 60_000): Promise<OpenTiming> {
  await page.evaluate((reader) => {
    const w = window as unknown as { __openTiming: Promise<unknown> };
    w.__openTiming = new Promise((resolve) => {
      let clickAt = 0;
      let last = -1;
      let stableSince = 0;
      // Marks of the document shown before the click do not count.
      const old = new WeakSet(document.querySelectorAll(`${reader} mark`));
      addEventListener(
        'click',
        (e) => {
          clickAt = e.timeStamp;
        },
        { capture: true, once: true },
      );
      const visible = () => {
        const root = document.querySelector(reader);
        if (!root) return 0;
        const box = (root.closest('.reader-scroller, main') ?? root).getBoundingClientRect();
        let n = 0;
        for (const m of root.querySelectorAll('mark')) {
          if (old.has(m)) continue;
          const r = m.getBoundingClientRect();
          if (r.bottom > box.top && r.top < Math.min(box.bottom, innerHeight) && r.width > 0) n++;
        }
        return n;
      };
      const frame = () => {
        if (!clickAt) return requestAnimationFrame(frame);
        const n = visible();
        if (n > 0 && n === last) {
          // Two frames with the same marks on screen: the first of them was the painted one.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ clickToPaintMs: stableSince - clickAt, visibleMarks: n });
          channel.port2.postMessage(null);
          return;
        }
        if (n !== last) {
          // The task after this frame's rAF runs once the frame is painted.
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
  await page.evaluate(() => performance.clearMarks('doc-interactive'));
  await page.click(rowSelector);
  const result = (await page.evaluate(
    (ms) =>
      Promise.race([
        (window as unknown as { __openTiming: Promise<unknown> }).__openTiming,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the document did not show marks in time')), ms)),
      ]),
    timeoutMs,
  )) as { clickToPaintMs: number; visibleMarks: number };
  const marksMs = await page.evaluate(() => {
    const start = performance.getEntriesByName('doc-open-start', 'mark').pop();
    const end = performance.getEntriesByName('doc-interactive', 'mark').pop();
    return start && end && end.startTime >= start.startTime ? end.startTime - start.startTime : null;
  });
  return { ...result, marksMs };
}

/** Drags the mouse over `chars` unmarked characters in a visible paragraph. False when none is left. */
export async function selectUnmarkedText(page: Page, chars = 2): Promise<boolean> {
  const target = await page.evaluate(
    ({ reader, chars }) => {
      const root = document.querySelector(reader);
      if (!root) return null;
      const box = (root.closest('.reader-scroller, main') ?? root).getBoundingClientRect();
      const top = Math.max(box.top, 0) + 40;
      const bottom = Math.min(box.bottom, innerHeight) - 40;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
        if (t.parentElement?.closest('mark') || !t.parentElement?.closest('p') || t.data.length < chars + 4) continue;
        const range = document.createRange();
        range.setStart(t, 2);
        range.setEnd(t, 2 + chars);
        const rects = range.getClientRects();
        if (rects.length !== 1) continue;
        const r = rects[0];
        if (r.top < top || r.bottom > bottom) continue;
        return { x1: r.left + 1, x2: r.right - 1, y: (r.top + r.bottom) / 2 };
      }
      return null;
    },
    { reader: READER, chars },
  );
  if (!target) return false;
  await page.mouse.move(target.x1, target.y);
  await page.mouse.down();
  await page.mouse.move(target.x2, target.y, { steps: 3 });
  await page.mouse.up();
  return true;
}

export interface KeyTiming {
  /** keydown event → new mark element in the DOM. */
  domMs: number;
  /** keydown event → the next requestAnimationFrame callback after the mark appeared. */
  rafMs: number;
  /** keydown event → the task after that frame's rAF: the frame has been painted. */
  paintMs: number;
}

/** Presses `key` and times until a mark with an id not seen before is painted. */
export async function timeLabelKey(page: Page, key: string, timeoutMs = 5000): Promise<KeyTiming> {
  await page.evaluate((reader) => {
    const w = window as unknown as { __keyTiming: Promise<unknown> };
    const root = document.querySelector(reader)!;
    const known = new Set<string>();
    for (const m of root.querySelectorAll('mark[data-ids]')) for (const id of (m as HTMLElement).dataset.ids!.split(' ')) known.add(id);
    w.__keyTiming = new Promise((resolve) => {
      let keyAt = 0;
      addEventListener(
        'keydown',
        (e) => {
          keyAt = e.timeStamp;
        },
        { capture: true, once: true },
      );
      const isNew = (el: Element) => (el as HTMLElement).dataset?.ids?.split(' ').some((id) => !known.has(id));
      const observer = new MutationObserver((records) => {
        if (!keyAt) return;
        for (const rec of records) {
          for (const node of [...rec.addedNodes, rec.target]) {
            if (!(node instanceof Element)) continue;
            const found = (node.matches('mark') && isNew(node)) || [...node.querySelectorAll('mark[data-ids]')].some(isNew);
            if (!found) continue;
            const domAt = performance.now();
            observer.disconnect();
            requestAnimationFrame(() => {
              const rafAt = performance.now();
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve({ domMs: domAt - keyAt, rafMs: rafAt - keyAt, paintMs: performance.now() - keyAt });
              channel.port2.postMessage(null);
            });
            return;
          }
        }
      });
      observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ids'] });
    });
  }, READER);
  await page.keyboard.press(key);
  return (await page.evaluate(
    (ms) =>
      Promise.race([
        (window as unknown as { __keyTiming: Promise<unknown> }).__keyTiming,
        new Promise((_, reject) => setTimeout(() => reject(new Error('no new mark appeared after the label key')), ms)),
      ]),
    timeoutMs,
  )) as KeyTiming;
}

/** Keydown of a key nothing handles → next rAF / the task after it: how long a key waits for a frame. */
export async function timeFrameFloor(page: Page, key: string): Promise<{ rafMs: number; paintMs: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __floor: Promise<unknown> };
    w.__floor = new Promise((resolve) => {
      addEventListener(
        'keydown',
        (e) => {
          const keyAt = e.timeStamp;
          requestAnimationFrame(() => {
            const rafAt = performance.now();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve({ rafMs: rafAt - keyAt, paintMs: performance.now() - keyAt });
            channel.port2.postMessage(null);
          });
        },
        { capture: true, once: true },
      );
    });
  });
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __floor: Promise<{ rafMs: number; paintMs: number }> }).__floor);
}
