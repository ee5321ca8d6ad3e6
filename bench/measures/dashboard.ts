// Measure: the dashboard's aggregates (#24) over the fixture corpus, through the registry as the app
// calls them. First paint = the aggregates the dashboard opens with (mentions per label per month,
// the district breakdown and coding progress, unfiltered); top mentions and the co-occurrence matrix
// are reported apart (their texts are cut in JavaScript). Baseline: a bare count of every span.
import { benchCore } from '../lib/core';
import { fixture, fixtureCopy } from '../lib/fixture';
import { workDir } from '../lib/paths';
import { percentile, round, row, runMeasure, type Row } from '../lib/result';

const RUNS = 5;

async function timed(runs: number, run: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

const p50 = (times: number[]) => round(percentile(times, 50), 1);

runMeasure('dashboard', 'Dashboard aggregates', async (ctx) => {
  const { spec, log } = ctx;
  const fx = fixture(spec, log);
  const dir = workDir(spec.name, 'dashboard');
  const bench = benchCore(dir, fixtureCopy(fx, dir), false);
  try {
    const db = bench.core.session.requireDb();
    const bare = await timed(RUNS, () => db.prepare('SELECT count(*) FROM annotations').pluck().get());
    const baseline = { baseline: p50(bare), baselineName: 'bare count(*) of every span (p50)' };
    const firstPaint = () =>
      Promise.all([bench.call('dashboard:mentionsOverTime', {}), bench.call('dashboard:breakdown', { by: 'district' }), bench.call('dashboard:progress', {})]);
    const started = performance.now();
    await firstPaint();
    const cold = performance.now() - started;
    const paint = await timed(RUNS, firstPaint);
    const one = async (name: string, call: () => Promise<unknown>): Promise<Row> => {
      const times = await timed(RUNS, call);
      return row({ name, value: p50(times), unit: 'ms', ...baseline });
    };
    const quarter = { dateFrom: '2024-01-01', dateTo: '2024-03-31' };
    return [
      row({
        name: 'dashboard first paint (over time + district breakdown + progress), first call',
        value: round(cold, 1),
        unit: 'ms',
        ...baseline,
        goal: { op: '<=', value: 500 },
      }),
      row({ name: 'dashboard first paint, p50', value: p50(paint), unit: 'ms', ...baseline, goal: { op: '<=', value: 500 } }),
      await one('mentions per label per month, PERSON only, p50', () => bench.call('dashboard:mentionsOverTime', { filter: { labelIds: [1] } })),
      await one('breakdown by source, p50', () => bench.call('dashboard:breakdown', { by: 'source' })),
      await one('top 20 mentions per label by count, whole corpus, p50', () => bench.call('dashboard:topMentions', {})),
      await one('top 20 mentions per label by documents, one quarter, p50', () =>
        bench.call('dashboard:topMentions', { filter: quarter, orderBy: 'documents' }),
      ),
      await one('co-occurrence PERSON × PROJECT (20 × 20), whole corpus, p50', () => bench.call('dashboard:cooccurrence', { rowLabelId: 1, columnLabelId: 3 })),
    ];
  } finally {
    bench.close();
  }
});
