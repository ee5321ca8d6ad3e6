// Measure: suggestions (#22) on a copy of the fixture, through the registry as the app calls it.
// suggestions:forDocument of the 100,000-character reader document from the dictionary (the
// coder's confirmed mentions over the whole project) and the shipped patterns: first call (builds
// the dictionary), warm calls (goal ≤ 100 ms), the call after an edit (the new span is added to
// the dictionary at once) and the full rebuild that follows once the reader is quiet (it blocks
// the main process while it runs). Then suggestions:preannotate over the first documents.
// Baseline: documents:get of the same document, what the reader asks for when it opens it.
import { cpus, loadavg } from 'node:os';
import { dictionaryRebuildPending, rebuildDictionary, startRebuild } from '../../electron/services/suggest/sources';
import { benchCore } from '../lib/core';
import { fixture, fixtureCopy } from '../lib/fixture';
import { workDir } from '../lib/paths';
import { median, round, row, runMeasure } from '../lib/result';

const WARM_RUNS = 7;
const PREANNOTATED = 200;
const ms = (started: number) => performance.now() - started;

runMeasure('suggestions', 'Suggestions', async (ctx) => {
  const { spec, log } = ctx;
  const fx = fixture(spec, log);
  const dir = workDir(spec.name, 'suggestions');
  const bench = benchCore(dir, fixtureCopy(fx, dir), false);
  const times: Record<string, number | number[]> = {};
  let proposals = 0;
  let preannotated = { documents: 0, created: 0 };
  try {
    // The fixture's spans are the coder 'bench''s: the dictionary learns from them.
    bench.core.session.setAnnotator('bench');
    const input = { documentId: fx.readerDocId, sources: ['dictionary' as const, 'pattern' as const] };
    let started = performance.now();
    proposals = (await bench.call('suggestions:forDocument', input)).length;
    times.first = ms(started);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      started = performance.now();
      await bench.call('suggestions:forDocument', input);
      warm.push(ms(started));
    }
    times.warm = warm;
    const labelId = (await bench.call('labels:list', {}))[0]!.id;
    const [first] = await bench.call('suggestions:forDocument', input);
    if (first) await bench.call('annotations:create', { documentId: fx.readerDocId, start: first.start, end: first.end, labelId });
    started = performance.now();
    await bench.call('suggestions:forDocument', input);
    times.afterEdit = ms(started);
    // The rebuild as the app runs it in the background: its longest step is the most a request waits.
    const db = bench.core.session.requireDb();
    const steps: number[] = [];
    started = performance.now();
    let tick = performance.now();
    startRebuild(db);
    steps.push(ms(tick));
    while (dictionaryRebuildPending(db)) {
      tick = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 0));
      steps.push(ms(tick));
    }
    times.rebuildInSteps = ms(started);
    times.rebuildLongestStep = Math.max(...steps);
    times.rebuildSteps = steps.map((step) => Math.round(step));
    await bench.call('annotations:create', { documentId: fx.readerDocId, start: first?.start ?? 0, end: (first?.start ?? 0) + 1, labelId });
    await bench.call('suggestions:forDocument', input);
    started = performance.now();
    rebuildDictionary(db);
    times.rebuild = ms(started);
    started = performance.now();
    await bench.call('suggestions:forDocument', input);
    times.afterRebuild = ms(started);
    const gets: number[] = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      await bench.call('documents:get', { id: fx.readerDocId });
      gets.push(ms(started));
    }
    times.documentsGet = gets;
    const ids = (await bench.call('documents:list', { limit: PREANNOTATED })).items.map((d) => d.id);
    started = performance.now();
    const { jobId } = await bench.call('suggestions:preannotate', { documentIds: ids, acceptAbove: 1, sources: ['dictionary', 'pattern'] });
    const report = await bench.job<{ documents: number; created: number }>(jobId);
    times.preannotate = ms(started);
    preannotated = { documents: report.documents, created: report.created };
    log(
      `forDocument first ${Math.round(times.first)} ms, warm ${Math.round(median(warm))} ms, after an edit ${Math.round(times.afterEdit)} ms, ` +
        `rebuild ${Math.round(times.rebuild)} ms at once, ${Math.round(times.rebuildInSteps)} ms in steps of at most ${Math.round(times.rebuildLongestStep)} ms, ` +
        `after the rebuild ${Math.round(times.afterRebuild)} ms; ` +
        `pre-annotated ${report.documents} documents (${report.created} spans) in ${Math.round(times.preannotate)} ms`,
    );
  } finally {
    bench.close();
  }
  const baseline = median(times.documentsGet as number[]);
  const baselineName = 'documents:get of the same document';
  ctx.details = { times, proposals, preannotated };
  ctx.notes.push(
    `The reader document: ${fx.readerChars.toLocaleString('en-US')} characters and ${fx.readerSpans.toLocaleString('en-US')} spans, in a project of ` +
      `${fx.documents.toLocaleString('en-US')} documents and ${fx.spans.toLocaleString('en-US')} spans, all the dictionary's to learn from; ${proposals} proposals. ` +
      `Load average when measured: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} on ${cpus().length} cores.`,
  );
  return [
    row({
      name: 'suggestions:forDocument (dictionary + patterns), 100k characters, warm',
      value: round(median(times.warm as number[]), 1),
      unit: 'ms',
      baseline: round(baseline, 1),
      baselineName,
      goal: { op: '<=', value: 100 },
    }),
    row({
      name: 'suggestions:forDocument, first call (builds the dictionary)',
      value: round(times.first as number, 1),
      unit: 'ms',
      baseline: round(baseline, 1),
      baselineName,
    }),
    row({
      name: 'suggestions:forDocument after an edit (the new span added to the dictionary at once)',
      value: round(times.afterEdit as number, 1),
      unit: 'ms',
      baseline: round(baseline, 1),
      baselineName,
      goal: { op: '<=', value: 100 },
    }),
    row({
      name: 'dictionary rebuild after an edit, counted at once',
      value: round(times.rebuild as number, 1),
      unit: 'ms',
      baseline: null,
      baselineName: '',
    }),
    row({
      name: 'dictionary rebuild as the app runs it (1 s after the last call, 1,000 documents a step): longest step, what a request may wait',
      value: round(times.rebuildLongestStep as number, 1),
      unit: 'ms',
      baseline: null,
      baselineName: '',
    }),
    row({
      name: 'suggestions:forDocument after the rebuild (same entries: proposals still cached)',
      value: round(times.afterRebuild as number, 1),
      unit: 'ms',
      baseline: round(baseline, 1),
      baselineName,
    }),
    row({
      name: `suggestions:preannotate, ${preannotated.documents} documents (${preannotated.created} spans written)`,
      value: round((times.preannotate as number) / 1000, 2),
      unit: 's',
      baseline: null,
      baselineName: '',
    }),
  ];
});
