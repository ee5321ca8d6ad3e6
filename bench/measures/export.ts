// Measure 2: export spans/s for every format in EXPORT_FORMATS through export:start (the export
// worker thread) vs a raw SELECT of the same spans; peak RSS of the process (worker included).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_FORMATS, type ExportReport } from '../../shared/api/jobs';
import { benchCore } from '../lib/core';
import { fixture } from '../lib/fixture';
import { MemorySampler } from '../lib/memory';
import { workDir } from '../lib/paths';
import { rawSelectSpans } from '../lib/raw-sqlite';
import { load, median, round, row, runMeasure, type Row } from '../lib/result';

/** What the export worker imports; a missing one would only show up as a failed job. */
function requireExportParts(): void {
  load(() => require('../../shared/exchange/index'));
  load(() => require('../../shared/import/offset-map'));
}

function bytesUnder(path: string): number {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, e) => n + bytesUnder(join(path, e)), 0);
}

runMeasure('export', 'Export throughput', async (ctx) => {
  const { spec, log } = ctx;
  const fx = fixture(spec, log);
  requireExportParts();
  const dir = workDir(spec.name, 'export');
  const selects = [rawSelectSpans(fx.projectPath)];
  log(`raw SELECT: ${Math.round(selects[0].spans / selects[0].seconds)} spans/s`);
  const bc = benchCore(dir, fx.projectPath, false);
  const rows: Row[] = [];
  const perFormat: Record<string, unknown> = {};
  try {
    for (const [i, format] of EXPORT_FORMATS.entries()) {
      // The baseline runs before, in the middle of and after the exports; the median counts.
      if (i === Math.floor(EXPORT_FORMATS.length / 2)) selects.push(rawSelectSpans(fx.projectPath));
      const outPath = join(dir, `out-${format}`);
      rmSync(outPath, { recursive: true, force: true });
      // Deleting the last export's files (40,000 for brat) keeps the disk busy for seconds after
      // rm returns; flush that now, or it slows whichever format is timed next.
      execFileSync('sync');
      const memory = new MemorySampler();
      const t0 = performance.now();
      const cpu0 = process.cpuUsage(); // every thread of the process: main, export worker, reader
      const { jobId } = await bc.call('export:start', { format, outPath });
      let report: ExportReport;
      try {
        report = await bc.job<ExportReport>(jobId);
      } catch (error) {
        memory.stop();
        perFormat[format] = { error: (error as Error).message };
        ctx.notes.push(`${format}: the export failed: ${(error as Error).message}`);
        rows.push(row({ name: `export ${format}`, value: null, unit: 'spans/s', baseline: null, baselineName: 'raw SELECT of the spans', goal: { op: '>=', value: 200_000 }, goalRatio: { op: '>=', value: 0.3 }, note: `failed: ${(error as Error).message.slice(0, 160)}` }));
        continue;
      }
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const peak = memory.stop();
      const spansHandled = report.spans + report.dropped.reduce((n, d) => n + d.count, 0);
      const outBytes = bytesUnder(outPath);
      rmSync(outPath, { recursive: true, force: true });
      perFormat[format] = { seconds, cpuSeconds, report: { ...report, files: report.files.length }, outBytes, memory: peak };
      log(`${format}: ${seconds.toFixed(1)} s, ${Math.round(spansHandled / seconds)} spans/s, CPU ${cpuSeconds.toFixed(1)} s, peak RSS ${peak.peakMb} MB`);
      rows.push({ name: `export ${format}`, value: round(spansHandled / seconds, 0), unit: 'spans/s', baseline: 0, baselineName: 'raw SELECT of the spans', ratio: null, pass: null, note: `${round(seconds, 1)} s (CPU ${round(cpuSeconds, 1)} s in all threads), ${round(outBytes / 1e6, 1)} MB written, peak RSS ${peak.peakMb} MB (start ${peak.startMb} MB)` });
    }
  } finally {
    bc.close();
  }
  selects.push(rawSelectSpans(fx.projectPath));
  const selectRate = median(selects.map((s) => s.spans / s.seconds));
  const peaks = Object.values(perFormat).map((p) => (p as { memory?: { peakMb: number; startMb: number } }).memory).filter((m) => m !== undefined);
  ctx.details = { fixture: fx, rawSelects: selects, perFormat };
  ctx.notes.push(`Every export covers all ${fx.documents} documents and ${fx.spans} spans; spans/s counts spans written plus spans a format had to drop (reported, e.g. overlaps in BIO).`);
  const finished = rows.map((r) =>
    r.value === null ? r : row({ name: r.name, value: r.value, unit: r.unit, baselineName: r.baselineName, note: r.note, baseline: round(selectRate, 0), goal: { op: '>=', value: 200_000 }, goalRatio: { op: '>=', value: 0.3 } }),
  );
  if (peaks.length) {
    const worst = peaks.reduce((a, b) => (b.peakMb > a.peakMb ? b : a));
    finished.push(row({ name: 'export peak RSS (main + worker, worst format)', value: worst.peakMb, unit: 'MB', baseline: worst.startMb, baselineName: 'RSS before the export' }));
  }
  return finished;
});
