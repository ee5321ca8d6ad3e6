// The browser-mode server, started exactly as `npm start` starts it (same entry point, tsx, token),
// in its own process, on a project of ours.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NotBuilt } from './result';
import { ROOT } from './paths';
import { waitForReadyUrl } from '../../electron/server/announce';

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  /** Milliseconds from spawn until the server printed its address. */
  startMs: number;
  output: () => string;
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** The renderer the server serves: the bench's own build (scripts/bench.mjs), else out/renderer. */
export function rendererDir(): string {
  return process.env.BIAOZHU_BENCH_RENDERER || join(ROOT, 'out', 'renderer');
}

/** Throws NotBuilt when there is no renderer to load. */
export function requireRenderer(): void {
  if (process.env.BIAOZHU_BENCH_RENDERER_NOTE) throw new NotBuilt(process.env.BIAOZHU_BENCH_RENDERER_NOTE);
  if (!existsSync(join(rendererDir(), 'index.html'))) throw new NotBuilt(`no renderer build at ${rendererDir()}`);
}

export async function startServer(opts: { userData: string; project: string }): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('tsx/cjs'),
      join(ROOT, 'electron', 'server', 'main.ts'),
      '--port',
      '0',
      '--user-data',
      opts.userData,
      '--project',
      opts.project,
      '--renderer',
      rendererDir(),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = ''; // kept for measures that read what the server logged later
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = await waitForReadyUrl(child, 60_000, (code, printed) => {
    const missing = /Error: Cannot find module '(\.{1,2}\/[^']+)'/.exec(printed)?.[1];
    return missing && !missing.includes('node_modules')
      ? new NotBuilt(`the browser server cannot start: ${missing.replace(/^(\.\.\/)+/, '')} does not exist yet`)
      : new Error(`browser server exited with ${code}:\n${printed.slice(-2000)}`);
  });
  const startMs = performance.now() - started;
  const parsed = new URL(url);
  const origin = parsed.origin;
  const token = parsed.searchParams.get('token')!;
  return {
    url,
    origin,
    token,
    process: child,
    startMs,
    output: () => output,
    async call<T>(channel: string, input: unknown = {}): Promise<T> {
      const response = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-biaozhu-token': token },
        body: JSON.stringify(input),
      });
      const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
      return result.value as T;
    },
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Waits for a job through the HTTP API. */
export async function waitJob<R>(server: RunningServer, jobId: string, pollMs = 100): Promise<R> {
  for (;;) {
    const status = await server.call<{ state: string; result: R; error: string | null }>('jobs:get', { jobId });
    if (status.state === 'done') return status.result;
    if (status.state !== 'running') throw new Error(`job ${status.state}: ${status.error}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
