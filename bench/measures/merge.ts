// merge (#20): a coder file with 500k spans (full size; 5k small) merged into a copy of the fixture
// through the registry (coders:merge), then the same file again (everything already present).
// The coder file is made by the real hand-out (coders:handout) and filled through the db modules.
// Baseline: the same rows as bare prepared INSERTs in one transaction into another copy of the
// project (WAL, synchronous FULL like the app), before and after the merge; the median counts.
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CoderMergeReport, MergeReport } from '../../shared/api/coders';
import { insertDocumentAnnotations, type AnnotationRecord } from '../../electron/services/db/annotations';
import { copyProject } from '../../electron/services/db/backup';
import { openDatabase } from '../../electron/services/db/connection';
import { listLabels } from '../../electron/services/db/labels';
import { coderDocuments } from '../../electron/services/db/merge';
import { ensureAnnotator } from '../../electron/services/db/meta';
import { benchCore } from '../lib/core';
import { fixture, fixtureCopy } from '../lib/fixture';
import { workDir } from '../lib/paths';
import { median, round, row, runMeasure } from '../lib/result';
import { random } from '../corpus/rng';

const CODER = 'coder-a';
const REVIEW_STATES = ['pending', 'pending', 'pending', 'accepted', 'rejected'] as const;

/** Spans the coder file gets: the goal's 500k at full size, 5k in CI. */
const spanTarget = (size: string) => (size.startsWith('full') ? 500_000 : size.startsWith('medium') ? 125_000 : 5_000);

/**
 * Fills the handed-out file with `target` random spans (2–8 characters, spread by document length,
 * one per place and label) through the db modules in one transaction; answers the rows written.
 */
function fillCoderFile(path: string, target: number, seed: number): AnnotationRecord[] {
  const db = openDatabase(path);
  try {
    const rnd = random(seed);
    const documents = coderDocuments(db).filter((d) => d.char_count >= 10);
    const labels = listLabels(db).map((l) => l.id);
    const totalChars = documents.reduce((sum, d) => sum + d.char_count, 0);
    const all: AnnotationRecord[] = [];
    db.transaction(() => {
      const annotatorId = ensureAnnotator(db, CODER);
      let owed = 0;
      for (const [i, d] of documents.entries()) {
        // The last document takes whatever rounding left over, so the total is exactly `target`.
        owed += (target * d.char_count) / totalChars;
        const count = i === documents.length - 1 ? target - all.length : Math.min(Math.floor(owed), d.char_count * 2);
        owed -= count;
        const seen = new Set<string>();
        const records: AnnotationRecord[] = [];
        while (records.length < count) {
          const start = Math.floor(rnd() * (d.char_count - 8));
          const end = start + 2 + Math.floor(rnd() * 7);
          const labelId = labels[Math.floor(rnd() * labels.length)]!;
          const key = `${start},${end},${labelId}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const at = new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 3e10)).toISOString();
          records.push({
            documentId: d.id,
            start,
            end,
            labelId,
            annotatorId,
            origin: 'manual',
            reviewState: REVIEW_STATES[Math.floor(rnd() * REVIEW_STATES.length)]!,
            attributes: {},
            createdAt: at,
            updatedAt: at,
          });
        }
        insertDocumentAnnotations(db, d.id, records);
        all.push(...records);
      }
    })();
    // Sent as one self-contained file, as a coder's app leaves it.
    db.pragma('journal_mode = DELETE');
    return all;
  } finally {
    db.close();
  }
}

/** The baseline: the same rows as bare prepared INSERTs in one transaction into a fresh copy of the project. */
function rawInsert(projectPath: string, rows: readonly AnnotationRecord[]): number {
  const db = new Database(projectPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const annotatorId = Number(db.prepare('INSERT INTO annotators (name, created_at) VALUES (?, ?)').run(CODER, new Date().toISOString()).lastInsertRowid);
    const insert = db.prepare(`INSERT INTO annotations (document_id, start, end, label_id, annotator_id, origin, review_state, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const started = performance.now();
    db.transaction(() => {
      for (const r of rows) insert.run(r.documentId, r.start, r.end, r.labelId, annotatorId, r.origin, r.reviewState, r.createdAt, r.updatedAt);
    })();
    return (performance.now() - started) / 1000;
  } finally {
    db.close();
  }
}

runMeasure('merge', 'Merging a coder file', async (ctx) => {
  const { spec, log } = ctx;
  const fx = fixture(spec, log);
  const dir = workDir(spec.name, 'merge');
  const projectPath = fixtureCopy(fx, dir);
  const coderPath = join(dir, 'coder-a.biaozhu');
  const target = spanTarget(spec.name);

  const bench = benchCore(dir, projectPath, false);
  const merges: { seconds: number; cpuSeconds: number; report: CoderMergeReport }[] = [];
  let rows: AnnotationRecord[] = [];
  let handoutSeconds = 0;
  let backupCopySeconds = 0;
  const baselines: number[] = [];
  try {
    const handoutStarted = performance.now();
    const handout = await bench.call('coders:handout', { annotators: [CODER], outPath: coderPath, overwrite: true });
    handoutSeconds = (performance.now() - handoutStarted) / 1000;
    log(`handed out ${handout.chosen} documents in ${handoutSeconds.toFixed(1)} s; filling the coder file with ${target} spans…`);
    rows = fillCoderFile(coderPath, target, spec.seed);

    // The baselines copy a pristine copy made now: the shared fixture may be rebuilt meanwhile.
    const baselineDir = workDir(spec.name, 'merge', 'baseline');
    const pristine = { ...fx, projectPath: fixtureCopy(fx, workDir(spec.name, 'merge', 'pristine')) };
    baselines.push(rawInsert(fixtureCopy(pristine, baselineDir), rows));
    log(`bare INSERT: ${baselines[0]!.toFixed(2)} s`);

    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const report: MergeReport = await bench.call('coders:merge', { paths: [coderPath] });
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      merges.push({ seconds, cpuSeconds: (used.user + used.system) / 1e6, report: report.coders[0]! });
      log(`merge ${i + 1}: ${seconds.toFixed(2)} s; ${report.coders[0]!.spansAdded} added, ${report.coders[0]!.spansAlreadyPresent} already present`);
    }

    // What the merge's backup costs at the least: its page copy alone (the backup also checks the copy).
    const copyPath = join(baselineDir, 'backup-copy.biaozhu');
    rmSync(copyPath, { force: true });
    const copyStarted = performance.now();
    await copyProject(projectPath, copyPath);
    backupCopySeconds = (performance.now() - copyStarted) / 1000;
    rmSync(copyPath, { force: true });
    log(`the backup's page copy alone: ${backupCopySeconds.toFixed(2)} s`);

    baselines.push(rawInsert(fixtureCopy(pristine, baselineDir), rows));
    log(`bare INSERT again: ${baselines[1]!.toFixed(2)} s`);
  } finally {
    bench.close();
  }

  const [first, second] = merges as [(typeof merges)[0], (typeof merges)[0]];
  if (first.report.spansAdded !== rows.length) throw new Error(`the first merge added ${first.report.spansAdded} of ${rows.length} spans`);
  if (second.report.spansAdded !== 0) throw new Error(`merging the same file again added ${second.report.spansAdded} spans`);
  const baseline = median(baselines);
  const spans = rows.length;
  ctx.details = {
    projectSpans: fx.spans,
    projectDocuments: fx.documents,
    coderSpans: spans,
    handoutSeconds: round(handoutSeconds, 2),
    backupCopySeconds: round(backupCopySeconds, 2),
    merges: merges.map((m) => ({ seconds: round(m.seconds, 3), cpuSeconds: round(m.cpuSeconds, 3), ...m.report })),
    baselineSeconds: baselines.map((b) => round(b, 3)),
  };
  ctx.notes.push(
    `A coder file of ${first.report.documentsMatched.toLocaleString('en-US')} handed-out documents and ${spans.toLocaleString('en-US')} spans merged into a project of ${fx.documents.toLocaleString('en-US')} documents and ${fx.spans.toLocaleString('en-US')} spans; the merge's time includes its backup before writing (as an import's does); copying the project's pages alone, as that backup does, took ${backupCopySeconds.toFixed(2)} s after the merges.`,
    `Merge CPU time: ${first.cpuSeconds.toFixed(2)} s first, ${second.cpuSeconds.toFixed(2)} s again. Load average when measured: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${cpus().length} cores; the bare INSERTs took ${baselines.map((b) => b.toFixed(2)).join(', ')} s (before and after).`,
  );
  const full = spec.name.startsWith('full');
  return [
    row({
      name: `coders:merge, ${spans.toLocaleString('en-US')} spans`,
      value: round(first.seconds, 2),
      unit: 's',
      baseline: round(baseline, 2),
      baselineName: 'bare INSERT of the same rows, one transaction',
      goal: full ? { op: '<=', value: 10 } : undefined,
    }),
    row({
      name: 'coders:merge spans/s',
      value: Math.round(spans / first.seconds),
      unit: 'spans/s',
      baseline: Math.round(spans / baseline),
      baselineName: 'bare INSERT of the same rows, one transaction',
      goalRatio: full ? { op: '>=', value: 0.2 } : undefined,
    }),
    row({
      name: 'coders:merge of the same file again (all present)',
      value: round(second.seconds, 2),
      unit: 's',
      baseline: round(baseline, 2),
      baselineName: 'bare INSERT of the same rows, one transaction',
      note: `${second.report.spansAlreadyPresent.toLocaleString('en-US')} already present, 0 added`,
    }),
  ];
});
