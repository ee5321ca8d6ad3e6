// Selecting text in the reader the way a user does: with the mouse, across marks already drawn.
import type { Page } from '@playwright/test';

/** Points just inside the left edge of character `start` and the right edge of character `end - 1` (document offsets). */
export function charPoints(page: Page, start: number, end: number) {
  return page.evaluate(
    ([s, e]) => {
      const rectOf = (offset: number) => {
        for (const p of document.querySelectorAll<HTMLElement>('[data-testid="reader"] p[data-start]')) {
          let rest = offset - Number(p.dataset.start);
          if (rest < 0) continue;
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
            if (rest < n.data.length) {
              const r = document.createRange();
              r.setStart(n, rest);
              r.setEnd(n, rest + 1);
              return r.getClientRects()[0];
            }
            rest -= n.data.length;
          }
        }
        throw new Error(`offset ${offset} is not rendered`);
      };
      const a = rectOf(s);
      const b = rectOf(e - 1);
      return { x1: a.left + 2, y1: (a.top + a.bottom) / 2, x2: b.right - 2, y2: (b.top + b.bottom) / 2 };
    },
    [start, end],
  );
}

/** Drags the mouse from the left edge of character `start` to the right edge of character `end - 1`. */
export async function dragSelect(page: Page, start: number, end: number) {
  const points = await charPoints(page, start, end);
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
}
