// Measure: the dashboard's aggregates (#24) over the fixture corpus, through the registry as the app
// calls them. First paint = the aggregates the dashboard opens with, unfiltered: mentions per label
// per month, top mentions per label, the district breakdown and coding progress; each of them is
// also timed alone, and with the filters a click sets (one label, one quarter). Baseline: spans
// per label counted over every span.
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
    // count(*) alone answers from SQLite's b-tree counts without reading the spans (0.1 ms): the least
    // any aggregate over the spans themselves costs is one grouped pass over them.
    const bare = await timed(RUNS, () => db.prepare('SELECT label_id, count(*) FROM annotations GROUP BY label_id').all());
    const baseline = { baseline: p50(bare), baselineName: 'spans per label, one GROUP BY over every span (p50)' };
    const firstPaint = () =>
      Promise.all([
        bench.call('dashboard:mentionsOverTime', {}),
        bench.call('dashboard:topMentions', {}),
        bench.call('dashboard:breakdown', { by: 'district' }),
        bench.call('dashboard:progress', {}),
      ]);
    const started = performance.now();
    await firstPaint();
    const cold = performance.now() - started;
    const paint = await timed(RUNS, firstPaint);
    const one = async (name: string, call: () => Promise<unknown>): Promise<Row> => {
      const times = await timed(RUNS, call);
      return row({ name, value: p50(times), unit: 'ms', ...baseline, goal: { op: '<=', value: 500 } });
    };
    const label = { labelIds: [1] };
    const chosen = (await bench.call('dashboard:topMentions', { filter: label, limit: 3 })).map((mention) => mention.text);
    const quarter = { dateFrom: '2024-01-01', dateTo: '2024-03-31' };
    const rows: Row[] = [
      row({
        name: 'dashboard first paint (over time + top mentions + district breakdown + progress), first call',
        value: round(cold, 1),
        unit: 'ms',
        ...baseline,
        goal: { op: '<=', value: 500 },
      }),
      row({ name: 'dashboard first paint, p50', value: p50(paint), unit: 'ms', ...baseline, goal: { op: '<=', value: 500 } }),
    ];
    const channels: [string, (filter: object) => Promise<unknown>][] = [
      ['mentions per label per month', (filter) => bench.call('dashboard:mentionsOverTime', { filter })],
      ['top 20 mentions per label by count', (filter) => bench.call('dashboard:topMentions', { filter })],
      ['top 20 mentions per label by documents', (filter) => bench.call('dashboard:topMentions', { filter, orderBy: 'documents' })],
      ['breakdown by district', (filter) => bench.call('dashboard:breakdown', { filter, by: 'district' })],
      ['breakdown by source', (filter) => bench.call('dashboard:breakdown', { filter, by: 'source' })],
      ['progress (status, spans per coder per day, review states)', (filter) => bench.call('dashboard:progress', { filter })],
      ['co-occurrence PERSON × PROJECT (20 × 20)', (filter) => bench.call('dashboard:cooccurrence', { filter, rowLabelId: 1, columnLabelId: 3 })],
      ['chosen mentions over time (the 3 commonest PERSON texts)', (filter) => bench.call('dashboard:mentionsOverTime', { filter, mentions: chosen })],
    ];
    for (const [name, call] of channels) {
      rows.push(await one(`${name}, whole corpus, p50`, () => call({})));
      rows.push(await one(`${name}, PERSON only, p50`, () => call(label)));
      rows.push(await one(`${name}, one quarter, p50`, () => call(quarter)));
    }
    return rows;
  } finally {
    bench.close();
  }
});
