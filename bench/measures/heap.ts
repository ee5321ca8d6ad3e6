// Measure 5: renderer JS heap with the 5,000-span document open (after a forced GC, CDP
// Runtime.getHeapUsage) vs the plain-DOM baseline page holding the same document.
import { heapAfterGc } from '../lib/chromium';
import { timeOpen } from '../lib/page-probes';
import { openApp, openBaseline, type ReaderPage } from '../lib/reader-session';
import { round, row, runMeasure } from '../lib/result';

async function heapWithDoc(rp: ReaderPage): Promise<{ before: number; open: number; scrolled: number }> {
  const before = (await heapAfterGc(rp.page)).usedMb;
  await timeOpen(rp.page, rp.readerRow);
  await rp.page.waitForTimeout(1500);
  const open = (await heapAfterGc(rp.page)).usedMb;
  // Scroll through the whole document so every lazily rendered block exists, then measure again.
  await rp.page.evaluate(async () => {
    const scroller = document.querySelector('[data-testid="reader"]')?.closest('.reader-scroller, main');
    if (!scroller) return;
    for (let y = 0; y < scroller.scrollHeight; y += 800) {
      scroller.scrollTop = y;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 16)));
    }
  });
  await rp.page.waitForTimeout(1000);
  const scrolled = (await heapAfterGc(rp.page)).usedMb;
  return { before, open, scrolled };
}

runMeasure('heap', 'Renderer JS heap with the document open', async (ctx) => {
  const base = await openBaseline(ctx, 'heap-baseline');
  let baseline;
  try {
    baseline = await heapWithDoc(base);
  } finally {
    await base.close();
  }
  const app = await openApp(ctx, 'heap');
  let measured;
  try {
    measured = await heapWithDoc(app);
  } finally {
    await app.close();
  }
  ctx.details = { app: measured, baseline };
  ctx.notes.push('JS heap used after three forced GCs (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage); DOM nodes are outside this number.');
  return [
    row({
      name: 'renderer JS heap, document open',
      value: round(measured.open, 1),
      unit: 'MB',
      baseline: round(baseline.open, 1),
      baselineName: 'plain-DOM page, same document',
      goal: { op: '<=', value: 150 },
      note: `before opening: ${round(measured.before, 1)} MB`,
    }),
    row({
      name: 'renderer JS heap, after scrolling the whole document',
      value: round(measured.scrolled, 1),
      unit: 'MB',
      baseline: round(baseline.scrolled, 1),
      baselineName: 'plain-DOM page, same document',
      goal: { op: '<=', value: 150 },
    }),
  ];
});
