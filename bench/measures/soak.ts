// The kill -9 soak at full size (bench/soak-run.ts; CI runs 20 rounds of it in
// tests/unit/core/kill-soak.test.ts). A real server process on a project of the shared seed
// articles, random labelling operations through the HTTP API, SIGKILL at random points, restart:
// every acknowledged operation must still be there and integrity_check must say ok.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workDir, ROOT } from '../lib/paths';
import { median, NotBuilt, percentile, row, runMeasure } from '../lib/result';
import { startServerProcess } from '../../tests/unit/core/server-process';
import { runSoak, soakPaths } from '../soak-run';

const COUNT = 'none (a count)';
const ROUNDS: Record<string, number> = { small: 20, medium: 60, full: 200 };
const SEEDS_DIR = resolve(ROOT, '..', 'shared', 'corpus', 'seeds');

/** The baseline for a restart after kill -9: starts on the same project after a clean stop (SIGTERM). */
async function cleanStartsMs(dir: string, count: number): Promise<number[]> {
  const { projectPath, userData } = soakPaths(dir);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const server = await startServerProcess(projectPath, userData);
    times.push(Math.round(performance.now() - started));
    await server.kill('SIGTERM');
  }
  return times;
}

runMeasure('soak', 'Kill -9 soak: acknowledged edits across crashes', async (ctx) => {
  const files = existsSync(SEEDS_DIR)
    ? readdirSync(SEEDS_DIR)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => join(SEEDS_DIR, f))
    : [];
  if (files.length === 0) throw new NotBuilt(`no seed articles at ${SEEDS_DIR}`);
  const rounds = ROUNDS[ctx.spec.name.replace(/-\d+$/, '')] ?? ROUNDS.small;
  const dir = workDir(ctx.spec.name, `soak-${Date.now()}`);
  const report = await runSoak({ seed: ctx.spec.seed, rounds, opsPerRound: [10, 40], dir, importFiles: files, log: ctx.log });
  const cleanStarts = report.failure ? [] : await cleanStartsMs(dir, 5);
  ctx.details = { ...report, cleanStartsMs: cleanStarts };
  ctx.notes.push(
    `Seed ${report.seed} (\`npm run bench -- --only soak --seed ${report.seed}\` reruns it; the CI test takes BIAOZHU_SOAK_SEED). ` +
      `${report.documents} documents imported from the shared seed articles through the API; ${report.rounds} of ${rounds} rounds, ` +
      `each 10–40 answered operations, then SIGKILL: ${report.killsIdle} with the server idle, ${report.killsWithRequestsInFlight} with 1–6 requests in flight; ` +
      `${report.killsDuringStart} more while a restarted server was still opening the project (0–1.5 s after spawn).`,
    `${report.unacknowledged} requests never got their answer; after the restart ${report.unacknowledgedApplied} of them were there whole and ` +
      `${report.unacknowledgedAbsent} not at all (never half). Operations answered: ${Object.entries(report.acknowledgedByChannel)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')}.`,
    report.failure
      ? `**Failure:** ${report.failure}`
      : `No acknowledged operation was lost or changed, and integrity_check said ok after all ${report.integrityChecks} kills.`,
  );
  // The project is kept only when something was lost, for a look at the file.
  if (report.failure) ctx.notes.push(`The project file is kept at ${dir}.`);
  else rmSync(dir, { recursive: true, force: true });
  const restart = report.restartMs;
  return [
    row({ name: 'kill -9 rounds survived', value: report.rounds, unit: 'rounds', baseline: null, baselineName: COUNT, goal: { op: '>=', value: rounds } }),
    row({ name: 'acknowledged operations checked after restarts', value: report.acknowledgedOps, unit: 'ops', baseline: null, baselineName: COUNT }),
    row({
      name: 'acknowledged operations lost or changed',
      value: report.failure ? 1 : 0,
      unit: 'ops',
      baseline: null,
      baselineName: COUNT,
      goal: { op: '<=', value: 0 },
      note: report.failure ? 'the soak stops at the first loss (see notes)' : '',
    }),
    row({
      name: 'integrity_check failures after kill -9',
      value: report.failure?.includes('integrity_check') ? 1 : 0,
      unit: 'files',
      baseline: null,
      baselineName: COUNT,
      goal: { op: '<=', value: 0 },
    }),
    row({
      name: 'restart after kill -9 (median)',
      value: restart.length ? median(restart) : null,
      unit: 'ms',
      baseline: cleanStarts.length ? median(cleanStarts) : null,
      baselineName: 'start after a clean stop, same project (median of 5)',
      note: restart.length ? `p95 ${percentile(restart, 95)} ms; spawn → ready line, tsx included` : '',
    }),
  ];
});
