// `npm run bench` (full size) / `npm run bench -- --small` (CI): prepares the corpus and fixture,
// runs every measure in its own process, writes bench/results/<measure>.json and regenerates
// docs/benchmarks.md. Never asserts speed: exits 0 when every measure ran (or its part is not
// built yet), non-zero only when a measure crashed.
//   options: --small | --size small|medium|full, --only import,export, --seed N, --articles N
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './electron-env.mjs';

const require = createRequire(import.meta.url);
const MEASURES = [
  'search',
  'label-all',
  'import',
  'export',
  'api-latency',
  'open',
  'keypress',
  'scroll',
  'heap',
  'cold-start',
  'soak',
  'agreement',
  'merge',
  'adjudication',
  'tagger',
  'suggestions',
  'entities',
  'dashboard',
];
const RESULTS = join(ROOT, 'bench', 'results');

const { values } = parseArgs({
  options: {
    small: { type: 'boolean', default: false },
    size: { type: 'string' },
    only: { type: 'string' },
    seed: { type: 'string' },
    articles: { type: 'string' },
  },
});
const size = values.size ?? (values.small ? 'small' : 'full');
const only = values.only ? values.only.split(',') : MEASURES;
const unknown = only.filter((m) => !MEASURES.includes(m));
if (unknown.length) {
  console.error(`unknown measure ${unknown.join(', ')}; measures: ${MEASURES.join(', ')}`);
  process.exit(2);
}
const sizeArgs = ['--size', size, ...(values.seed ? ['--seed', values.seed] : []), ...(values.articles ? ['--articles', values.articles] : [])];
const timeoutMs = (size === 'small' ? 8 : 40) * 60_000;

/** Runs a TypeScript file; keeps output readable (tsx prints whole minified lines on errors). */
function runTs(file, args, label) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(ROOT, file), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errTail = [];
    child.stdout.on('data', (c) => process.stdout.write(c));
    child.stderr.on('data', (c) => {
      errTail.push(
        ...c
          .toString()
          .split('\n')
          .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l)),
      );
      errTail = errTail.slice(-40);
    });
    const timer = setTimeout(() => {
      console.error(`[bench] ${label} did not finish in ${timeoutMs / 60000} minutes; stopping it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      if (code !== 0) console.error(`[bench] ${label} exited with ${code ?? signal}:\n${errTail.join('\n')}`);
      resolve({ exitCode: code, seconds });
    });
  });
}

// The bench builds its own copy of the renderer (never touching out/), so it measures the
// sources as they are now and a broken shared build step cannot stop it.
const rendererDir = join(process.env.BIAOZHU_BENCH_DIR ?? join(tmpdir(), 'biaozhu-bench'), 'renderer');
let rendererNote = null;
if (!existsSync(join(ROOT, 'renderer', 'src', 'main.tsx'))) rendererNote = 'renderer/src/main.tsx does not exist yet';
else {
  console.log('[bench] building the renderer…');
  const viteBin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const build = spawnSync(
    process.execPath,
    [viteBin, 'build', '--config', 'renderer/vite.config.ts', '--outDir', rendererDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) rendererNote = `the renderer does not build: ${(build.stderr || build.stdout).trim().split('\n').slice(0, 3).join(' ')}`;
}
if (rendererNote) console.log(`[bench] ${rendererNote}; the Chromium measures will say 'not built'`);
process.env.BIAOZHU_BENCH_RENDERER = rendererNote ? '' : rendererDir;
process.env.BIAOZHU_BENCH_RENDERER_NOTE = rendererNote ?? '';

const started = new Date().toISOString();
const prepared = await runTs('bench/prepare.ts', sizeArgs, 'prepare');
const runs = {};
let crashed = prepared.exitCode !== 0;
if (!crashed) {
  for (const measure of only) {
    console.log(`\n[bench] ${measure} (${size})`);
    const resultPath = join(RESULTS, `${measure}.json`);
    rmSync(resultPath, { force: true });
    runs[measure] = await runTs(`bench/measures/${measure}.ts`, sizeArgs, measure);
    if (!existsSync(resultPath)) {
      // Killed or crashed before it could say so itself.
      writeFileSync(
        resultPath,
        JSON.stringify(
          {
            measure,
            title: measure,
            status: 'crashed',
            size,
            date: new Date().toISOString(),
            durationSeconds: runs[measure].seconds,
            rows: [],
            notes: [],
            details: {},
            error: `the measure process exited with ${runs[measure].exitCode ?? 'a signal'} without writing a result`,
          },
          null,
          2,
        ) + '\n',
      );
    }
    const status = JSON.parse(readFileSync(resultPath, 'utf8')).status;
    if (status === 'crashed') crashed = true;
    console.log(`[bench] ${measure}: ${status} in ${runs[measure].seconds} s`);
  }
}

const runPath = join(RESULTS, 'run.json');
if (existsSync(runPath)) {
  const run = JSON.parse(readFileSync(runPath, 'utf8'));
  writeFileSync(runPath, JSON.stringify({ ...run, startedAt: started, finishedAt: new Date().toISOString(), rendererNote, measures: runs }, null, 2) + '\n');
}
const report = await runTs('bench/report.ts', [], 'report');
process.exit(crashed || report.exitCode !== 0 ? 1 : 0);
