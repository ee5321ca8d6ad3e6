// CPU profiles of the import and export hot paths. `node --cpu-prof` does not reach our worker
// threads (runWorker passes its own execArgv), so this runs the same worker code on the main
// thread under the V8 profiler: the import worker's Previewer and commitPrepared, and the export
// worker file itself with a stand-in for worker_threads. Writes .cpuprofile files (open them in
// Chrome DevTools) and prints the functions with the most self time.
//   node --require tsx/cjs bench/profile.ts import|export|keypress [--size full] [--format conll-bio] [--limit N]
// keypress needs BIAOZHU_BENCH_RENDERER=<renderer build> (scripts/bench.mjs builds one).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { workerBundle } from '../electron/services/app/worker-bundle';
import { ensureCorpus } from './generate';
import { fixture } from './lib/fixture';
import { workDir } from './lib/paths';
import { sizeSpec } from './lib/sizes';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const session = new Session();
session.connect();
const post = <T>(method: string, params: object = {}) =>
  new Promise<T>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))));

async function profiled<T>(name: string, outDir: string, fn: () => T | Promise<T>): Promise<T> {
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
  const path = join(outDir, `${name}.cpuprofile`);
  writeFileSync(path, JSON.stringify(profile));
  console.log(`\n== ${name}: ${seconds.toFixed(1)} s → ${path}`);
  summarize(profile);
  return result;
}

/** Self time per function, highest first, plus totals by source file. */
function summarize(profile: CpuProfile, top = 22): void {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url
      ? url
          .replace(/^file:\/\//, '')
          .replace(/^.*\/work\/main\//, '')
          .replace(/^.*node_modules\//, 'node_modules/')
      : '(native / VM)';
    const key = `${functionName || '(anonymous)'}  ${file}${url ? `:${lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  console.log('  self time by function:');
  for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  console.log('  self time by file:');
  for (const [k, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

async function profileImport(spec: ReturnType<typeof sizeSpec>, outDir: string, limit: number): Promise<void> {
  const corpusDir = workDir(spec.name, 'corpus');
  ensureCorpus(spec, corpusDir);
  const { Previewer } = require('../electron/services/import/preview') as typeof import('../electron/services/import/preview');
  const { commitPrepared } = require('../electron/services/import/commit') as typeof import('../electron/services/import/commit');
  const { inMemory } = require('../electron/services/import/staging') as typeof import('../electron/services/import/staging');
  const { createProjectFile } = require('../electron/services/app/session') as typeof import('../electron/services/app/session');
  const { expandSources } = require('../electron/services/import/sources') as typeof import('../electron/services/import/sources');
  const { inputs } = expandSources(['labelled', 'raw'].map((d) => ({ kind: 'path' as const, path: join(corpusDir, d) })));
  const chosen = inputs.slice(0, limit);
  const options = { disabledSteps: [], splitArticles: true, fieldMapping: {} };
  const previewer = new Previewer(null, options);
  const prepared = await profiled('import-preview', outDir, () => chosen.map((input, i) => previewer.preview(input, i, null).prepared));
  // What runWorker does to the drafts twice (worker → main after preview, main → worker for commit).
  const t0 = performance.now();
  const copy = structuredClone(prepared);
  console.log(`\nstructuredClone of the prepared drafts (done twice per import, on the main thread): ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const projectPath = join(outDir, 'profile.biaozhu');
  for (const f of [projectPath, `${projectPath}-wal`, `${projectPath}-shm`]) rmSync(f, { force: true });
  const db = createProjectFile(projectPath);
  try {
    const report = await profiled('import-commit', outDir, () =>
      commitPrepared(
        db,
        { files: copy.map(inMemory), annotator: 'bench' },
        () => {},
        () => {},
      ),
    );
    console.log(`  committed ${report.imported} documents, ${report.spansImported} spans`);
  } finally {
    db.close();
  }
}

async function profileExport(spec: ReturnType<typeof sizeSpec>, outDir: string, format: string): Promise<void> {
  const fx = fixture(spec, console.log);
  const outPath = join(outDir, `export-${format}`);
  rmSync(outPath, { recursive: true, force: true });
  // The export's other threads run for real, from bundles of their entry files.
  const exportFolder = join(__dirname, '..', 'electron', 'services', 'export');
  const exportThreads = { reader: workerBundle(join(exportFolder, 'reader-thread.ts')), fileWriter: workerBundle(join(exportFolder, 'file-writer-thread.ts')) };
  // The worker file reads workerData and posts to parentPort; give it both on the main thread.
  const run = () =>
    new Promise<unknown>((resolve, reject) => {
      const fake = {
        ...(require('node:worker_threads') as object), // the export starts its other threads for real
        isMainThread: false,
        workerData: {
          data: { projectPath: fx.projectPath, options: { format, offsets: 'normalized' }, outPath, threads: exportThreads },
          cancelFlag: new Int32Array(new SharedArrayBuffer(4)),
        },
        parentPort: {
          postMessage: (m: { type: string; result?: unknown; message?: string }) =>
            m.type === 'result' ? resolve(m.result) : m.type === 'error' ? reject(new Error(m.message)) : undefined,
        },
      };
      const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
      const original = Module._load;
      Module._load = function (request: string, ...rest: unknown[]) {
        return request === 'node:worker_threads' || request === 'worker_threads' ? fake : original.call(this, request, ...rest);
      };
      require(workerBundle(join(__dirname, '..', 'electron', 'services', 'export', 'worker.ts'))); // as runWorker runs it
      Module._load = original;
    });
  const report = await profiled(`export-${format}`, outDir, run);
  console.log(`  ${JSON.stringify(report).slice(0, 300)}`);
  rmSync(outPath, { recursive: true, force: true });
}

/** Chromium CPU profile (CDP) of the renderer while label keys are pressed in the reader document. */
async function profileKeypress(spec: ReturnType<typeof sizeSpec>, outDir: string): Promise<void> {
  const { openApp } = require('./lib/reader-session') as typeof import('./lib/reader-session');
  const probes = require('./lib/page-probes') as typeof import('./lib/page-probes');
  const ctx = { spec, notes: [] as string[], details: {}, log: console.log };
  const app = await openApp(ctx, 'profile');
  try {
    await probes.timeOpen(app.page, app.readerRow);
    await app.page.waitForTimeout(1000);
    const cdp = await app.page.context().newCDPSession(app.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const timings: number[] = [];
    for (let i = 0; i < 25; i++) {
      if (!(await probes.selectUnmarkedText(app.page))) break;
      timings.push((await probes.timeLabelKey(app.page, '1')).paintMs);
      await app.page.waitForTimeout(200);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const idle = new Set(profile.nodes.filter((n) => ['(idle)', '(program)'].includes(n.callFrame.functionName)).map((n) => n.id));
    const busy = {
      ...profile,
      samples: profile.samples.filter((id) => !idle.has(id)),
      timeDeltas: profile.timeDeltas.filter((_, i) => !idle.has(profile.samples[i])),
    };
    writeFileSync(join(outDir, 'keypress.cpuprofile'), JSON.stringify(profile));
    console.log(
      `\n== keypress: ${timings.length} presses, paint ${timings.map((t) => t.toFixed(0)).join(' ')} ms → ${join(outDir, 'keypress.cpuprofile')} (idle left out)`,
    );
    summarize(busy, 30);
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { size: { type: 'string', default: 'full' }, format: { type: 'string', default: 'biaozhu-jsonl' }, limit: { type: 'string' } },
  });
  const spec = sizeSpec(values.size!);
  const outDir = workDir(spec.name, 'profiles');
  mkdirSync(outDir, { recursive: true });
  const what = positionals[0] ?? 'import';
  if (what === 'import') await profileImport(spec, outDir, values.limit ? Number(values.limit) : Infinity);
  else if (what === 'export') await profileExport(spec, outDir, values.format!);
  else if (what === 'keypress') await profileKeypress(spec, outDir);
  else throw new Error('profile import | export | keypress');
  console.log(
    `\nprofiles in ${outDir}: ${readdirSync(outDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => basename(f))
      .join(', ')}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
