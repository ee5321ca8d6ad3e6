// In-page timings for the reader with relations (#23). The reader asks for a document's relations
// once it is idle after opening, not in the open itself; so "open with the relation lists built" is
// the open plus the first click on a span: click → that span's relation list in the span detail and
// its arcs drawn (the per-span index, the list and the arcs, and relations:forDocument if the idle
// fetch has not answered yet), timed to the task after the frame that shows them.
import type { Page } from '@playwright/test';
import { selectUnmarkedText, timeLabelKey, type KeyTiming } from './page-probes';

const READER = '[data-testid="reader"]';

export interface SpanRelationsTiming {
  /** Click on the span's mark → its relation rows and arcs painted. */
  ms: number;
  spanId: number;
  relations: number;
}

/** Clicks the visible single-span mark with the most relations and times until its relations are listed and drawn. */
export async function timeSpanRelations(page: Page, perSpan: ReadonlyMap<number, number>, timeoutMs = 30_000): Promise<SpanRelationsTiming> {
  const target = await page.evaluate(
    ({ reader, counts }) => {
      const root = document.querySelector(reader)!;
      const box = (root.closest('.reader-scroller, main') ?? root).getBoundingClientRect();
      let best: { id: number; relations: number; x: number; y: number } | null = null;
      for (const m of root.querySelectorAll<HTMLElement>('mark[data-ids]')) {
        const ids = m.dataset.ids!.split(' ');
        if (ids.length !== 1) continue;
        const relations = counts[ids[0]] ?? 0;
        const r = m.getBoundingClientRect();
        const visible = r.top > box.top && r.bottom < Math.min(box.bottom, innerHeight) && r.width > 4;
        if (visible && relations > (best?.relations ?? 0)) best = { id: Number(ids[0]), relations, x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return best;
    },
    { reader: READER, counts: Object.fromEntries(perSpan) },
  );
  if (!target) throw new Error('no span with relations is on the first screen');
  await page.evaluate((expected) => {
    const w = window as unknown as { __relTiming: Promise<number> };
    w.__relTiming = new Promise((resolve) => {
      let clickAt = 0;
      addEventListener(
        'mousedown',
        (e) => {
          clickAt = e.timeStamp;
        },
        { capture: true, once: true },
      );
      const frame = () => {
        const rows = document.querySelectorAll('.span-relations .relation-row').length;
        const arcs = document.querySelectorAll('.bz-rel-arc').length;
        if (clickAt && rows >= expected && arcs > 0) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - clickAt);
          channel.port2.postMessage(null);
          return;
        }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  }, target.relations);
  await page.mouse.click(target.x, target.y);
  const ms = (await page.evaluate(
    (limit) =>
      Promise.race([
        (window as unknown as { __relTiming: Promise<number> }).__relTiming,
        new Promise((_, reject) => setTimeout(() => reject(new Error("the span's relations were not listed and drawn in time")), limit)),
      ]),
    timeoutMs,
  )) as number;
  return { ms, spanId: target.id, relations: target.relations };
}

/** `count` label keypresses ('1') on fresh selections after `warmUp` untimed ones, as the keypress measure presses them. */
export async function labelKeys(page: Page, count: number, warmUp: number, pauseMs: number): Promise<KeyTiming[]> {
  const out: KeyTiming[] = [];
  for (let i = 0; i < count + warmUp; i++) {
    if (!(await selectUnmarkedText(page))) {
      await page.evaluate((reader) => {
        const scroller = document.querySelector(reader)?.closest('.reader-scroller, main');
        if (scroller) scroller.scrollTop += 400;
      }, READER);
      await page.waitForTimeout(300);
      if (!(await selectUnmarkedText(page))) throw new Error('found no unmarked text to select');
    }
    // A varying pause spreads the keydowns over the 16.7 ms frame interval (phase matters here).
    await page.waitForTimeout(50 + ((i * 7) % 17));
    out.push(await timeLabelKey(page, '1'));
    await page.waitForTimeout(pauseMs);
  }
  return out.slice(warmUp);
}
