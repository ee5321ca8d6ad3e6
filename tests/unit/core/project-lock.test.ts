// The project lock across real processes: one holder at a time, released by closing and by any
// death of the holder (SIGKILL included), and never granted twice to processes racing for a lock
// whose holder was killed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/services/core';
import { describeHolder, lockPathFor, tryLockProject, waitForProjectLock, type LockAttempt } from '../../../electron/services/app/project-lock';
import { REPO_ROOT, tempDir } from '../helpers';

const { dir, cleanup } = tempDir('biaozhu-lock-');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  cleanup();
});

const LOCK_MODULE = join(REPO_ROOT, 'electron', 'services', 'app', 'project-lock.ts');

// A child that tries the lock on each "try" line it reads and prints the outcome; it keeps what it
// took until it is killed or stdin closes.
const CHILD = `
const { tryLockProject } = require(${JSON.stringify(LOCK_MODULE)});
const [project, kind] = process.argv.slice(1);
const held = [];
process.stdout.write('ready\\n');
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  if (line !== 'try') return;
  const attempt = tryLockProject(project, kind);
  if (attempt.ok) held.push(attempt.lock);
  process.stdout.write(JSON.stringify(attempt.ok ? { ok: true } : attempt) + '\\n');
}).on('close', () => process.exit(0));
`;

interface LockChild {
  child: ChildProcess;
  ready: Promise<void>;
  attempt(): Promise<{ ok: boolean; reason?: string; holder?: { pid: number; kind: string } | null }>;
}

function startChild(project: string, kind = 'cli'): LockChild {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', CHILD, project, kind], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffer = '';
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const queued = lines.shift();
      if (queued !== undefined) return resolve(queued);
      const timer = setTimeout(() => reject(new Error(`lock child said nothing: ${errors}`)), 30_000);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  return {
    child,
    ready: nextLine().then((line) => expect(line).toBe('ready')),
    async attempt() {
      child.stdin!.write('try\n');
      return JSON.parse(await nextLine());
    },
  };
}

const killed = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });

describe('project lock', () => {
  it('is held by one process: others are told its pid and kind until it releases', async () => {
    const project = join(dir, 'one.biaozhu');
    const mine = tryLockProject(project, 'browser');
    expect(mine.ok).toBe(true);
    expect(existsSync(lockPathFor(project))).toBe(true);

    const other = startChild(project);
    await other.ready;
    const refused = await other.attempt();
    expect(refused).toMatchObject({ ok: false, reason: 'held', holder: { pid: process.pid, kind: 'browser' } });
    expect(describeHolder(refused.holder as never)).toMatch(new RegExp(`pid ${process.pid}, since `));

    // A second session in the same process shares the hold: the process is the one writer.
    const again = tryLockProject(project, 'browser');
    expect(again.ok).toBe(true);
    if (mine.ok) mine.lock.release();
    expect((await other.attempt()).ok).toBe(false);
    if (again.ok) again.lock.release();
    expect((await other.attempt()).ok).toBe(true);

    const here = tryLockProject(project, 'app');
    expect(here).toMatchObject({ ok: false, reason: 'held', holder: { pid: other.child.pid, kind: 'cli' } });
    other.child.stdin!.end();
  }, 60_000);

  it('is free the moment its holder is killed with SIGKILL, and racing takers never both get it', async () => {
    const project = join(dir, 'raced.biaozhu');
    for (let round = 0; round < 2; round++) {
      const holder = startChild(project, 'app');
      const racers = Array.from({ length: 5 }, () => startChild(project));
      await Promise.all([holder.ready, ...racers.map((r) => r.ready)]);
      expect((await holder.attempt()).ok).toBe(true);
      expect((await racers[0].attempt()).ok).toBe(false);

      await killed(holder.child, 'SIGKILL'); // no exit handler runs: the lock must not outlive it anyway
      const outcomes = await Promise.all(racers.map((r) => r.attempt()));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      const winner = racers[outcomes.findIndex((o) => o.ok)];
      for (const outcome of outcomes.filter((o) => !o.ok)) {
        // A loser that read the row between the winner's commit and hold may see null; never a dead pid.
        if (outcome.holder) expect(outcome.holder.pid).toBe(winner.child.pid);
      }
      expect(tryLockProject(project, 'cli').ok).toBe(false);
      await Promise.all(racers.map((r) => killed(r.child, 'SIGKILL')));
    }
  }, 60_000);

  it('waits a bounded time, then names the holder', async () => {
    const project = join(dir, 'waited.biaozhu');
    const holder = startChild(project, 'browser');
    await holder.ready;
    expect((await holder.attempt()).ok).toBe(true);
    const started = Date.now();
    const attempt: LockAttempt = await waitForProjectLock(project, 'cli', 600);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(attempt).toMatchObject({ ok: false, reason: 'held', holder: { pid: holder.child.pid, kind: 'browser' } });

    const waiting = waitForProjectLock(project, 'cli', 20_000);
    setTimeout(() => holder.child.kill('SIGTERM'), 300);
    const taken = await waiting;
    expect(taken.ok).toBe(true);
    if (taken.ok) taken.lock.release();
  }, 60_000);

  it('leaves no lock file beside a file that is not a project, which is refused untouched', () => {
    const core = createCore({ mode: 'cli', userDataDir: join(dir, 'user') });
    const foreign = join(dir, 'foreign.sqlite');
    new Database(foreign).exec('CREATE TABLE notes (x)').close();
    expect(() => core.session.open(foreign)).toThrow(/not a Biaozhu project/);
    expect(existsSync(lockPathFor(foreign))).toBe(false);
    core.dispose();
  });

  it('reports a folder it cannot write instead of throwing', () => {
    const attempt = tryLockProject(join(dir, 'missing-folder', 'x.biaozhu'), 'cli');
    expect(attempt).toMatchObject({ ok: false, reason: 'unwritable' });
  });
});
