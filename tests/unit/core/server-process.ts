// A real browser-mode server in a child process (electron/server/main.ts, started as `npm start`
// starts it), for tests that need a process boundary: kill -9 soaks, two processes on one project.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitForReadyUrl } from '../../../electron/server/announce';
import type { ApiInput, ApiOutput, Channel } from '../../../shared/api/index';
import type { Result } from '../../../shared/api/result';
import { REPO_ROOT } from '../helpers';

export interface StartOptions {
  /** Create the project file instead of opening it (--create-project). */
  create?: boolean;
  /** Milliseconds to wait for the ready line; the first tsx compile on a busy machine is slow. */
  timeoutMs?: number;
  /** Extra command-line arguments for electron/server/main.ts. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Called with the child as soon as it is spawned (to kill it while it starts, say). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface ServerProcess {
  url: string;
  origin: string;
  token: string;
  pid: number;
  process: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** The API's own answer, ok or not; rejects only when no answer arrived (connection refused or cut). */
  call<K extends Channel>(channel: K, input: ApiInput<K>): Promise<Result<ApiOutput<K>>>;
  /** Like call, but the value itself; an { ok: false } answer rejects with its code and message. */
  value<K extends Channel>(channel: K, input: ApiInput<K>): Promise<ApiOutput<K>>;
  /** Sends the signal and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// Servers still running when the test process ends (a timed-out test) are killed with it, so none
// is left holding a project in the temp folder.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class ApiCallFailed extends Error {
  constructor(
    readonly channel: string,
    readonly code: string,
    message: string,
  ) {
    super(`${channel}: ${code}: ${message}`);
  }
}

/** Starts a server on projectPath; rejects with the server's output if it exits before it is ready. */
export async function startServerProcess(projectPath: string, userDataDir: string, options: StartOptions = {}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('tsx/cjs'),
      join(REPO_ROOT, 'electron', 'server', 'main.ts'),
      '--port',
      '0',
      '--user-data',
      userDataDir,
      options.create ? '--create-project' : '--project',
      projectPath,
      ...(options.args ?? []),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env },
  );
  running.add(child);
  options.onSpawn?.(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let url: string;
  try {
    url = await waitForReadyUrl(child, options.timeoutMs ?? 60_000);
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    throw error;
  }
  const parsed = new URL(url);
  const origin = parsed.origin;
  const token = parsed.searchParams.get('token')!;

  async function call<K extends Channel>(channel: K, input: ApiInput<K>): Promise<Result<ApiOutput<K>>> {
    const response = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-biaozhu-token': token },
      body: JSON.stringify(input),
    });
    return (await response.json()) as Result<ApiOutput<K>>;
  }

  return {
    url,
    origin,
    token,
    pid: child.pid!,
    process: child,
    output: () => output,
    call,
    async value<K extends Channel>(channel: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
      const result = await call(channel, input);
      if (!result.ok) throw new ApiCallFailed(channel, result.error.code, result.error.message);
      return result.value as ApiOutput<K>;
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Imports files or folders through the API (preview, then commit) and returns the new document ids. */
export async function importPaths(server: ServerProcess, paths: string[], pollMs = 50): Promise<number[]> {
  const waitJob = async (jobId: string) => {
    for (;;) {
      const status = await server.value('jobs:get', { jobId });
      if (status.state === 'done') return status.result;
      if (status.state !== 'running') throw new Error(`job ${jobId} ${status.state}: ${status.error}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  };
  const sources = paths.map((path) => ({ kind: 'path' as const, path }));
  const preview = (await waitJob((await server.value('import:preview', { sources, options: {} })).jobId)) as { previewId: string };
  const report = (await waitJob((await server.value('import:commit', { previewId: preview.previewId })).jobId)) as { documentIds: number[] };
  return report.documentIds;
}
