// Measure 9: scrolling the 100,000-character, 5,000-span document by viewport steps: per step, the
// time until a painted frame shows the new viewport complete; long tasks while scrolling; and the
// cold open (a fresh tab's navigation → the document's marks painted). Same on the plain-DOM page.
import { cpus, loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { timeOpen } from '../lib/page-probes';
import { openApp, openBaseline, type ReaderPage } from '../lib/reader-session';
import { median, percentile, round, row, runMeasure } from '../lib/result';
import {
  coldOpenResult,
  installColdOpenWatcher,
  longTasksSince,
  pageNow,
  timeScrollStep,
  watchLongTasks,
  type LongTask,
  type StepTiming,
} from '../lib/scroll-probes';

/** The app's blocks not rendered yet; the baseline renders everything at once. */
const APP_PENDING = '.bz-block:not(.is-rendered)';

interface Run {
  steps: StepTiming[];
  longTasks: LongTask[];
  coldOpens: { paintedMs: number; marks: number }[];
}

async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="reader"]')?.closest('.reader-scroller, main');
    if (scroller) scroller.scrollTop = 0;
  });
}

/** Opens the document `passes` times and scrolls it from the top by viewport steps, at a reading pace of key presses. */
async function scrollRuns(rp: ReaderPage, pending: string | null, passes: number, maxSteps: number, coldOpens: number): Promise<Run> {
  const steps: StepTiming[] = [];
  const longTasks: LongTask[] = [];
  await watchLongTasks(rp.page);
  for (let pass = 0; pass < passes; pass++) {
    if (pass > 0 && rp.otherRow) {
      await rp.page.click(rp.otherRow);
      await rp.page.waitForTimeout(500);
    }
    await timeOpen(rp.page, rp.readerRow);
    await scrollToTop(rp.page);
    await rp.page.waitForTimeout(1000);
    const since = await pageNow(rp.page);
    for (let i = 0; i < maxSteps; i++) {
      // A varying pause (120-160 ms, a fast PageDown rhythm) so steps land at different frame phases.
      await rp.page.waitForTimeout(120 + ((i * 7) % 41));
      const step = await timeScrollStep(rp.page, pending);
      if (!step) break;
      steps.push(step);
    }
    await rp.page.waitForTimeout(300);
    longTasks.push(...(await longTasksSince(rp.page, since)));
  }
  const opens: Run['coldOpens'] = [];
  for (let i = 0; i < coldOpens; i++) {
    const page = await rp.page.context().newPage();
    try {
      await installColdOpenWatcher(page);
      await page.goto(rp.url);
      opens.push(await coldOpenResult(page));
    } finally {
      await page.close();
    }
  }
  return { steps, longTasks, coldOpens: opens };
}

const summary = (r: Run) => {
  const paint = r.steps.map((s) => s.paintMs);
  return {
    steps: r.steps.length,
    p50: round(percentile(paint, 50)),
    p95: round(percentile(paint, 95)),
    max: round(Math.max(...paint)),
    over50: paint.filter((t) => t > 50).length,
    multiFrame: r.steps.filter((s) => s.frames > 1).length,
    longTasks: r.longTasks.length,
    longTaskMs: round(r.longTasks.reduce((a, t) => a + t.duration, 0)),
    longestTask: round(r.longTasks.reduce((a, t) => Math.max(a, t.duration), 0)),
    coldOpen: round(median(r.coldOpens.map((o) => o.paintedMs))),
  };
};

runMeasure('scroll', 'Scrolling the long document by viewport steps', async (ctx) => {
  const loadBefore = loadavg()[0];
  const small = ctx.spec.name.startsWith('small');
  const passes = small ? 1 : 2;
  // BIAOZHU_BENCH_COLD_OPENS=N measures N cold opens (and only them when BIAOZHU_BENCH_COLD_ONLY=1), for work on the open path.
  const coldOnly = process.env.BIAOZHU_BENCH_COLD_ONLY === '1';
  const maxSteps = coldOnly ? 0 : small ? 60 : 10_000;
  const coldOpens = Number(process.env.BIAOZHU_BENCH_COLD_OPENS) || (small ? 3 : 7);
  const base = await openBaseline(ctx, 'scroll-baseline');
  let baseline: Run;
  try {
    baseline = await scrollRuns(base, null, passes, maxSteps, coldOpens);
  } finally {
    await base.close();
  }
  const app = await openApp(ctx, 'scroll');
  let measured: Run;
  try {
    measured = await scrollRuns(app, APP_PENDING, passes, maxSteps, coldOpens);
  } finally {
    await app.close();
  }
  const a = summary(measured);
  const b = summary(baseline);
  ctx.details = { appStats: a, baselineStats: b, app: measured, baseline, fixture: { readerChars: app.fx.readerChars, readerSpans: app.fx.readerSpans } };
  ctx.notes.push(
    `${passes === 1 ? `The first ${maxSteps} steps` : `${passes} passes from the top to the end`} of the reader document (${app.fx.readerChars.toLocaleString('en-US')} characters, ` +
      `${app.fx.readerSpans.toLocaleString('en-US')} spans; the same document at every size), each step scrollBy(0.875 × the scroller's height, instant) — what PageDown does, without smooth scrolling — ` +
      'after a pause of 120-160 ms. Timed from the scrollBy call until the task after the first requestAnimationFrame whose viewport holds no unrendered block (the frame has been painted).',
  );
  ctx.notes.push(
    `App steps that needed more than one frame (a placeholder was on screen): ${a.multiFrame} of ${a.steps}. Long tasks are PerformanceObserver 'longtask' entries (over 50 ms) from the first step to 300 ms after the last.`,
  );
  ctx.notes.push(
    `Cold open: a new tab in the same browser context (warm HTTP cache, Chromium running) navigates to the app, which reopens the last document (the baseline page opens it on '#open'); ` +
      `navigation start → the task after the first of two frames with the same visible marks. Median of ${coldOpens}; app ${measured.coldOpens.map((o) => round(o.paintedMs)).join(', ')} ms.`,
  );
  ctx.notes.push(
    `Load average (1 min) on this ${cpus().length}-core machine: ${round(loadBefore)} at the start, ${round(loadavg()[0])} at the end; steps and long tasks stretch with it (a frame's few ms of work wait for a core).`,
  );
  const base50 = `baseline ${b.over50} of ${b.steps}`;
  return [
    row({
      name: 'scroll step → painted, p95',
      value: a.p95,
      unit: 'ms',
      baseline: b.p95,
      baselineName: 'plain-DOM page, same steps',
      goal: { op: '<=', value: 33 },
      note: `p50 ${a.p50} ms (baseline ${b.p50}), max ${a.max} ms`,
    }),
    row({
      name: 'scroll steps over 50 ms',
      value: a.over50,
      unit: 'steps',
      baseline: b.over50,
      baselineName: 'plain-DOM page',
      note: `of ${a.steps} steps (${base50})`,
    }),
    row({
      name: 'long tasks while scrolling',
      value: a.longTasks,
      unit: 'tasks',
      baseline: b.longTasks,
      baselineName: 'plain-DOM page',
      goal: { op: '<=', value: 0 },
      note: `${a.longTaskMs} ms in all, longest ${a.longestTask} ms (baseline ${b.longTaskMs} ms, longest ${b.longestTask} ms)`,
    }),
    row({
      name: 'cold open: navigation → spans painted',
      value: a.coldOpen,
      unit: 'ms',
      baseline: b.coldOpen,
      baselineName: 'plain-DOM page, same document',
      goal: { op: '<=', value: 500 },
    }),
  ];
});
