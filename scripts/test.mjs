// `npm test`: unit and integration tests (vitest, plain Node, real SQLite files), then the
// end-to-end tests (Playwright in Chromium through the browser mode). Prints one closing line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRendererBuilt } from './build-renderer.mjs';
import { buildShell } from './build-shell.mjs';
import { packageBin, ROOT } from './electron-env.mjs';

const only = process.argv[2]; // 'unit' or 'e2e'
const reports = join(ROOT, 'test-results');
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function run(args, env = {}) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) exitCode = 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    exitCode = 1;
    console.error(`test report ${path} is missing: the run did not finish`);
    return null;
  }
}

if (only !== 'e2e') {
  // The shell-build tests check what electron-vite produced (CommonJS sandboxed preload, workers).
  buildShell();
  const out = join(reports, 'vitest.json');
  run([packageBin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  const report = readJson(out);
  if (report) {
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  }
}

if (only !== 'unit') {
  ensureRendererBuilt();
  const out = join(reports, 'playwright.json');
  run([packageBin('@playwright/test', 'playwright'), 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const report = readJson(out);
  if (report) {
    totals.passed += report.stats.expected + report.stats.flaky;
    totals.failed += report.stats.unexpected;
    totals.skipped += report.stats.skipped;
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
