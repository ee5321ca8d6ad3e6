// Measure: agreement:compute over the whole fixture corpus with two coders. The fixture's coder
// ('bench') is copied as a second coder ('second') with the changes coders make — most spans
// kept, some shifted by a character or two, relabelled or dropped, a few added — so both hold
// about as many spans as the fixture (≈1 M each at full size). Baseline: a bare SELECT of the
// same rows, iterated: the floor of reading them.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AgreementReport } from '../../shared/api/agreement';
import { fixture, fixtureCopy } from '../lib/fixture';
import { workDir } from '../lib/paths';
import { load, median, round, row, runMeasure } from '../lib/result';
import { random } from '../corpus/rng';

/** Adds the second coder's spans straight into the copy (bare SQL: the fixture's schema is the app's). */
function addSecondCoder(path: string, seed: number): number {
  const db = new Database(path);
  try {
    const rnd = random(seed);
    const now = new Date().toISOString();
    const second = Number(db.prepare('INSERT INTO annotators (name, created_at) VALUES (?, ?)').run('second', now).lastInsertRowid);
    const labels = (db.prepare('SELECT id FROM labels ORDER BY sort_order').all() as { id: number }[]).map((l) => l.id);
    const lengths = new Map(
      (db.prepare('SELECT id, char_count FROM documents').all() as { id: number; char_count: number }[]).map((d) => [d.id, d.char_count]),
    );
    const rows = db.prepare('SELECT document_id, start, end, label_id FROM annotations').raw().all() as [number, number, number, number][];
    const insert = db.prepare(`INSERT OR IGNORE INTO annotations (document_id, start, end, label_id, annotator_id, origin, review_state, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'manual', 'pending', ?, ?)`);
    let added = 0;
    db.transaction(() => {
      for (const [doc, start, end, label] of rows) {
        const r = rnd();
        const length = lengths.get(doc)!;
        let s = start;
        let e = end;
        let l = label;
        if (r < 0.06) continue; // dropped
        if (r < 0.16) {
          s = Math.max(0, start + Math.floor(rnd() * 5) - 2);
          e = Math.min(length, Math.max(s + 1, end + Math.floor(rnd() * 5) - 2));
        } else if (r < 0.21) l = labels[Math.floor(rnd() * labels.length)];
        added += insert.run(doc, s, e, l, second, now, now).changes;
        if (r > 0.96 && length > 10) {
          const at = Math.floor(rnd() * (length - 8));
          added += insert.run(doc, at, at + 2 + Math.floor(rnd() * 6), labels[Math.floor(rnd() * labels.length)], second, now, now).changes;
        }
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return added;
  } finally {
    db.close();
  }
}

function rawSelect(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const started = performance.now();
    let n = 0;
    for (const _row of db.prepare('SELECT document_id, start, end, label_id, annotator_id FROM annotations').raw().iterate()) n++;
    void n;
    return (performance.now() - started) / 1000;
  } finally {
    db.close();
  }
}

runMeasure('agreement', 'Agreement of two coders over the corpus', async (ctx) => {
  const { spec, log } = ctx;
  const { createCore } = load(() => require('../../electron/services/core') as typeof import('../../electron/services/core'));
  const fx = fixture(spec, log);
  const dir = workDir(spec.name, 'agreement');
  const path = fixtureCopy(fx, dir);
  log('adding the second coder…');
  const added = addSecondCoder(path, spec.seed);
  log(`second coder: ${added} spans; the fixture's: ${fx.spans}`);

  const core = createCore({ mode: 'cli', userDataDir: join(dir, 'user') });
  const runs: { seconds: number; cpuSeconds: number; report: AgreementReport }[] = [];
  const baselines: number[] = [];
  try {
    core.session.open(path);
    for (let i = 0; i < 3; i++) {
      baselines.push(rawSelect(path));
      const started = performance.now();
      const cpu = process.cpuUsage();
      const result = await core.registry.dispatch('agreement:compute', { annotators: ['bench', 'second'] });
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      if (!result.ok) throw new Error(result.error.message);
      // CPU time too: on the shared 2-core machine the wall clock also counts other jobs' turns.
      runs.push({ seconds, cpuSeconds: (used.user + used.system) / 1e6, report: result.value as AgreementReport });
      log(`run ${i + 1}: ${seconds.toFixed(2)} s (${runs[i].cpuSeconds.toFixed(2)} s CPU)`);
    }
  } finally {
    core.dispose();
  }
  const seconds = median(runs.map((r) => r.seconds));
  const baseline = median(baselines);
  const last = runs[runs.length - 1].report;
  ctx.details = {
    spans: { bench: fx.spans, second: added },
    documents: last.documents,
    characters: last.characters,
    runs: runs.map((r) => ({
      seconds: round(r.seconds, 3),
      cpuSeconds: round(r.cpuSeconds, 3),
      readMs: r.report.millis.read,
      computeMs: r.report.millis.compute,
    })),
    baselineSeconds: baselines.map((b) => round(b, 3)),
    overall: {
      kappa: last.overall.kappa,
      alpha: last.overall.alpha,
      alphaU: last.overall.alphaU,
      f1Exact: last.overall.f1Exact,
      f1Overlap: last.overall.f1Overlap,
    },
  };
  const split = runs
    .map(
      (r) => `${(r.report.millis.read / 1000).toFixed(1)} s read + ${(r.report.millis.compute / 1000).toFixed(1)} s compute (${r.cpuSeconds.toFixed(1)} s CPU)`,
    )
    .join('; ');
  ctx.notes.push(
    `${last.documents.toLocaleString('en-US')} documents, ${last.characters.toLocaleString('en-US')} characters, ${fx.spans.toLocaleString('en-US')} + ${added.toLocaleString('en-US')} spans; per run: ${split}.`,
    `Load average when measured: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${cpus().length} cores; the bare SELECT took ${baselines.map((b) => b.toFixed(1)).join(', ')} s in the same runs.`,
    `κ ${round(last.overall.kappa ?? NaN, 3)}, α ${round(last.overall.alpha ?? NaN, 3)}, α_U ${round(last.overall.alphaU ?? NaN, 3)}, F1 exact ${round(last.overall.f1Exact ?? NaN, 3)}, overlap ${round(last.overall.f1Overlap ?? NaN, 3)} (the second coder is a perturbed copy).`,
  );
  return [
    row({
      name: 'agreement:compute, 2 coders, whole corpus',
      value: round(seconds, 2),
      unit: 's',
      baseline: round(baseline, 2),
      baselineName: 'bare SELECT of the same spans',
      goal: spec.name.startsWith('full') ? { op: '<=', value: 10 } : undefined,
    }),
  ];
});
