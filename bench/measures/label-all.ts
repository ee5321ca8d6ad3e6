// Measure: label every hit (#21) on a copy of the fixture, through the registry as the app calls it.
// The hits are the first 10,000 unlabelled occurrences of the corpus's most frequent candidate string
// (fewer at the CI size), checked as the concordance sends them; timed: search:labelPreview,
// search:labelAll (goal ≤ 2 s for 10,000 at full size), search:undoLabelAll, search:redoLabelAll,
// and search:consistency over the whole corpus. Baseline: the same spans as bare prepared INSERTs
// in one transaction into another copy (WAL, synchronous FULL like the app), before and after.
import { cpus, loadavg } from 'node:os';
import Database from 'better-sqlite3';
import type { HitRef } from '../../shared/api/search';
import { benchCore } from '../lib/core';
import { fixture, fixtureCopy } from '../lib/fixture';
import { workDir } from '../lib/paths';
import { median, round, row, runMeasure } from '../lib/result';

const TARGET = 10_000;
/** Frequent words of the generated district news: the one with the most unlabelled hits is labelled. */
const CANDIDATES = ['发展', '工作', '建设', '推进', '社区', '项目', '要求', '强调'];
const LABEL = 'PROJECT';

const seconds = (started: number) => (performance.now() - started) / 1000;

function rawInsert(projectPath: string, hits: readonly HitRef[], labelId: number): number {
  const db = new Database(projectPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const now = new Date().toISOString();
    const annotatorId = Number(db.prepare('INSERT INTO annotators (name, created_at) VALUES (?, ?)').run('bench-raw', now).lastInsertRowid);
    const insert = db.prepare(`INSERT INTO annotations (document_id, start, end, label_id, annotator_id, origin, review_state, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'manual', 'pending', ?, ?)`);
    const started = performance.now();
    db.transaction(() => {
      for (const h of hits) insert.run(h.documentId, h.start, h.end, labelId, annotatorId, now, now);
    })();
    return seconds(started);
  } finally {
    db.close();
  }
}

runMeasure('label-all', 'Labelling every hit', async (ctx) => {
  const { spec, log } = ctx;
  const fx = fixture(spec, log);
  const dir = workDir(spec.name, 'label-all');
  const projectPath = fixtureCopy(fx, dir);
  const pristine = fixtureCopy(fx, workDir(spec.name, 'label-all', 'pristine'));
  const bench = benchCore(dir, projectPath, false);
  const times: Record<string, number> = {};
  let hits: HitRef[] = [];
  let labelId = 0;
  let query = '';
  let consistencyRows = 0;
  try {
    labelId = (await bench.call('labels:list', {})).find((l) => l.key === LABEL)!.id;
    let best = -1;
    for (const candidate of CANDIDATES) {
      const counts = await bench.call('search:counts', { search: { query: candidate, unlabelled: true } });
      if (counts.hits > best) [best, query] = [counts.hits, candidate];
    }
    log(`labelling ${query} (${best} unlabelled hits; the first ${Math.min(best, TARGET)})`);
    for (let offset = 0; hits.length < TARGET; offset += 1000) {
      const page = await bench.call('search:hits', { search: { query, unlabelled: true }, offset, limit: 1000, context: 0 });
      hits.push(...page.hits.slice(0, TARGET - hits.length).map(({ documentId, start, end }) => ({ documentId, start, end })));
      if (!page.more) break;
    }
    const input = { search: { query, unlabelled: true }, hits, labelId };
    let started = performance.now();
    const preview = await bench.call('search:labelPreview', input);
    times.preview = seconds(started);
    started = performance.now();
    const result = await bench.call('search:labelAll', input);
    times.labelAll = seconds(started);
    if (result.create !== hits.length || preview.create !== hits.length)
      throw new Error(`created ${result.create} of ${hits.length} hits (preview ${preview.create})`);
    started = performance.now();
    const undone = await bench.call('search:undoLabelAll', { batchId: result.batchId });
    times.undo = seconds(started);
    started = performance.now();
    const redone = await bench.call('search:redoLabelAll', { batchId: result.batchId });
    times.redo = seconds(started);
    if (undone.removed !== hits.length || redone.created !== hits.length) throw new Error(`undo removed ${undone.removed}, redo created ${redone.created}`);
    log(`preview ${times.preview.toFixed(2)} s, label all ${times.labelAll.toFixed(2)} s, undo ${times.undo.toFixed(2)} s, redo ${times.redo.toFixed(2)} s`);
    started = performance.now();
    consistencyRows = (await bench.call('search:consistency', { problemsOnly: false, limit: 1000 })).total;
    times.consistency = seconds(started);
    log(`consistency of ${consistencyRows} mentions: ${times.consistency.toFixed(2)} s`);
  } finally {
    bench.close();
  }
  const baselines = [rawInsert(fixtureCopy({ ...fx, projectPath: pristine }, workDir(spec.name, 'label-all', 'raw')), hits, labelId)];
  baselines.push(rawInsert(fixtureCopy({ ...fx, projectPath: pristine }, workDir(spec.name, 'label-all', 'raw')), hits, labelId));
  const baseline = median(baselines);
  const full = spec.name.startsWith('full');
  const n = hits.length.toLocaleString('en-US');
  ctx.details = { query, hits: hits.length, times, baselineSeconds: baselines, consistencyRows };
  ctx.notes.push(
    `Hits: the first ${n} unlabelled occurrences of ${query} in a project of ${fx.documents.toLocaleString('en-US')} documents and ${fx.spans.toLocaleString('en-US')} spans. ` +
      `Label all writes three rows per hit (the span, its undo record with the batch id, the batch's own record) and the documents' counts and status. ` +
      `Load average when measured: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} on ${cpus().length} cores.`,
  );
  const baselineName = 'bare INSERT of the same spans, one transaction';
  return [
    row({ name: `search:labelPreview, ${n} hits`, value: round(times.preview, 3), unit: 's', baseline: round(baseline, 3), baselineName }),
    row({
      name: `search:labelAll, ${n} hits`,
      value: round(times.labelAll, 3),
      unit: 's',
      baseline: round(baseline, 3),
      baselineName,
      goal: full ? { op: '<=', value: 2 } : undefined,
    }),
    row({ name: `search:undoLabelAll, ${n} spans`, value: round(times.undo, 3), unit: 's', baseline: round(baseline, 3), baselineName }),
    row({ name: `search:redoLabelAll, ${n} spans`, value: round(times.redo, 3), unit: 's', baseline: round(baseline, 3), baselineName }),
    row({
      name: `search:consistency, every labelled mention (${consistencyRows.toLocaleString('en-US')})`,
      value: round(times.consistency, 2),
      unit: 's',
      baseline: null,
      baselineName: '',
    }),
  ];
});
