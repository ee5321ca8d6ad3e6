// Measure 1: import throughput through the real pipeline (import:preview → jobs → import:commit,
// in the import worker threads) vs prepared INSERTs of the same text into a bare table.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportPreview, ImportReport } from '../../shared/api/import';
import type { Db } from '../../electron/services/db/connection';
import { indexPendingTexts } from '../../electron/services/db/search-index';
import { INDEX_BATCH } from '../../electron/services/search/indexer';
import type { Article } from '../corpus/article';
import { corpusItems, ensureCorpus } from '../generate';
import { benchCore } from '../lib/core';
import { MemorySampler } from '../lib/memory';
import { workDir } from '../lib/paths';
import { rawInsert } from '../lib/raw-sqlite';
import { load, median, round, row, runMeasure } from '../lib/result';

const MB = 1_000_000;

/** The import worker loads these; a missing one would only show up as a failed job. */
export function requirePipeline(): void {
  load(() => require('../../electron/services/import/preview'));
  load(() => require('../../electron/services/import/commit'));
}

interface PipelineRun {
  previewSeconds: number;
  commitSeconds: number;
  seconds: number;
  files: number;
  fileErrors: string[];
  problems: number;
  report: ImportReport;
  peakRssMb: number;
  startRssMb: number;
  /** Filling the trigram index with the imported texts afterwards, as the core does in the background (#21). */
  indexFillSeconds: number | null;
}

/**
 * `index: false` drops the search index's triggers on document_texts before importing, so the same
 * files import as they would without the corpus search index (#21): the index's cost on import.
 */
async function pipelineImport(sources: string[], dir: string, index = true): Promise<PipelineRun> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bc = benchCore(dir, join(dir, 'project.biaozhu'), true);
  try {
    if (!index) dropSearchIndexTriggers(bc.core.session.requireDb());
    const memory = new MemorySampler();
    const t0 = performance.now();
    const { jobId } = await bc.call('import:preview', { sources: sources.map((path) => ({ kind: 'path' as const, path })), options: {} });
    const preview = await bc.job<ImportPreview>(jobId);
    const t1 = performance.now();
    const commit = await bc.call('import:commit', { previewId: preview.previewId });
    const report = await bc.job<ImportReport>(commit.jobId);
    const t2 = performance.now();
    const peak = memory.stop();
    let indexFillSeconds: number | null = null;
    if (index) {
      const db = bc.core.session.requireDb();
      const started = performance.now();
      while (indexPendingTexts(db, INDEX_BATCH) > 0);
      indexFillSeconds = (performance.now() - started) / 1000;
    }
    const fileErrors = preview.files.filter((f) => f.error).map((f) => `${f.fileName.split('/').pop()}: ${f.error}`);
    return {
      previewSeconds: (t1 - t0) / 1000,
      commitSeconds: (t2 - t1) / 1000,
      seconds: (t2 - t0) / 1000,
      files: preview.files.length,
      fileErrors,
      problems: preview.files.reduce((n, f) => n + f.problems.length, 0),
      report,
      peakRssMb: peak.peakMb,
      startRssMb: peak.startMb,
      indexFillSeconds,
    };
  } finally {
    bc.close();
  }
}

function dropSearchIndexTriggers(db: Db): void {
  const triggers = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('document_texts', 'annotations') AND (name LIKE 'document_text_search%' OR name LIKE 'span_text%')`,
    )
    .pluck()
    .all() as string[];
  for (const name of triggers) db.exec(`DROP TRIGGER "${name}"`);
}

runMeasure('import', 'Import throughput', async (ctx) => {
  const { spec, log } = ctx;
  const corpusDir = workDir(spec.name, 'corpus');
  const manifest = ensureCorpus(spec, corpusDir);
  requirePipeline();
  const articles: Article[] = [];
  for (const item of corpusItems(spec)) articles.push(item.article);
  const rawArticles = [...corpusItems(spec)].filter((i) => i.dirty).map((i) => i.article);
  const scratch = workDir(spec.name, 'import');

  // The baseline runs before, between and after the pipeline runs; the median of the three counts.
  const raw = [rawInsert(articles, join(scratch, 'raw.sqlite'))];
  log(`raw insert: ${(manifest.textBytes / MB / raw[0].seconds).toFixed(1)} MB/s`);
  const all = await pipelineImport([join(corpusDir, 'labelled'), join(corpusDir, 'raw')], workDir(spec.name, 'import', 'all'));
  log(`pipeline, whole corpus: ${all.seconds.toFixed(1)} s (preview ${all.previewSeconds.toFixed(1)} s, commit ${all.commitSeconds.toFixed(1)} s)`);
  raw.push(rawInsert(articles, join(scratch, 'raw.sqlite')));
  const noIndex = await pipelineImport([join(corpusDir, 'labelled'), join(corpusDir, 'raw')], workDir(spec.name, 'import', 'no-index'), false);
  log(`pipeline, whole corpus without the search index: ${noIndex.seconds.toFixed(1)} s (commit ${noIndex.commitSeconds.toFixed(1)} s)`);
  const dirty = await pipelineImport([join(corpusDir, 'raw')], workDir(spec.name, 'import', 'raw-only'));
  raw.push(rawInsert(articles, join(scratch, 'raw.sqlite')));
  const rawDirty = rawInsert(rawArticles, join(scratch, 'raw-dirty.sqlite'));
  const rawSeconds = median(raw.map((r) => r.seconds));

  const rawTextBytes = rawArticles.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
  const mbps = manifest.textBytes / MB / all.seconds;
  const rawMbps = manifest.textBytes / MB / rawSeconds;
  const expectedDocs = manifest.articles;
  if (all.report.imported !== expectedDocs) ctx.notes.push(`The pipeline imported ${all.report.imported} of ${expectedDocs} articles.`);
  if (all.report.spansImported !== manifest.spans) ctx.notes.push(`The pipeline imported ${all.report.spansImported} of ${manifest.spans} spans.`);
  if (all.fileErrors.length) ctx.notes.push(`${all.fileErrors.length} files failed to preview, e.g. ${all.fileErrors.slice(0, 3).join('; ')}`);
  ctx.notes.push(
    'MB = UTF-8 bytes of the article texts (the same numerator for the app and the baseline); the files on disk hold ' +
      `${(manifest.fileBytes / MB).toFixed(1)} MB (JSONL with spans, GB18030/Big5/UTF-16/HTML raw files).`,
  );
  ctx.details = {
    manifest,
    rawInsertRuns: raw,
    rawDirty,
    wholeCorpus: { ...all, report: { ...all.report, documentIds: undefined } },
    wholeCorpusWithoutSearchIndex: { ...noIndex, report: { ...noIndex.report, documentIds: undefined } },
    rawFilesOnly: { ...dirty, report: { ...dirty.report, documentIds: undefined } },
  };
  return [
    row({
      name: 'import MB/s (whole corpus)',
      value: round(mbps),
      unit: 'MB/s',
      baseline: round(rawMbps),
      baselineName: 'prepared INSERT, one transaction',
      goal: { op: '>=', value: 5 },
      goalRatio: { op: '>=', value: 0.25 },
    }),
    row({
      name: 'import documents/s',
      value: round(all.report.imported / all.seconds, 1),
      unit: 'docs/s',
      baseline: round(expectedDocs / rawSeconds, 1),
      baselineName: 'prepared INSERT, one transaction',
    }),
    row({
      name: 'import MB/s (raw files only: GB18030, Big5, HTML…)',
      value: round(rawTextBytes / MB / dirty.seconds),
      unit: 'MB/s',
      baseline: round(rawTextBytes / MB / rawDirty.seconds),
      baselineName: 'prepared INSERT, one transaction',
      note: `${dirty.files} files; preview ${round(dirty.previewSeconds, 1)} s, commit ${round(dirty.commitSeconds, 1)} s`,
    }),
    row({
      name: 'import with the corpus search index (#21), whole corpus',
      value: round(all.seconds, 1),
      unit: 's',
      baseline: round(noIndex.seconds, 1),
      baselineName: 'the same import without the index (its triggers dropped), same run',
      goalRatio: { op: '<=', value: 1.3 },
      note: `commit ${round(all.commitSeconds, 1)} s with the index, ${round(noIndex.commitSeconds, 1)} s without; preview ${round(all.previewSeconds, 1)} s and ${round(noIndex.previewSeconds, 1)} s; then filling the index (in the background, between requests) ${round(all.indexFillSeconds ?? 0, 1)} s`,
    }),
    row({
      name: 'import peak RSS (main + workers)',
      value: all.peakRssMb,
      unit: 'MB',
      baseline: all.startRssMb,
      baselineName: 'RSS before the import',
      note: `preview ${round(all.previewSeconds, 1)} s, commit ${round(all.commitSeconds, 1)} s`,
    }),
  ];
});
