// Runs the core in a worker thread (core-worker.ts) and routes calls to it, so the thread that
// serves the window (Electron's main process) or HTTP (the browser mode) never waits on SQLite.
// A worker that dies answers its pending calls with a clear error and is started again on the
// project it had open; one that keeps dying is given up, and every call then says so.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { err as failure, type Result } from '../../../shared/api/result';
import type { CoreReady, CoreWorkerData, HostMessage, WorkerReply } from './core-protocol';
import type { Dispatcher } from './registry';

/** More crashes than this within CRASH_WINDOW_MS and the core is not restarted again. */
const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 60_000;
/** How long a dispose waits for the core to close its project before the thread is ended anyway. */
const DISPOSE_WAIT_MS = 10_000;

interface PendingCall {
  channel: string;
  answer(result: Result<unknown>): void;
}

/** The built app runs out/main/core-worker.js; from source (browser mode, tests) the core runs under tsx, as its host does. */
function startWorker(data: CoreWorkerData): Worker {
  const built = join(__dirname, 'core-worker.js');
  if (!__filename.endsWith('.ts') && existsSync(built)) return new Worker(built, { workerData: data });
  const source = resolve(__dirname, 'core-worker.ts');
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(source)});`;
  return new Worker(code, { eval: true, workerData: data });
}

export class CoreHost implements Dispatcher {
  private worker: Worker | null = null;
  private restarting: Promise<void> | null = null;
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 1;
  /** The open project's path as of the last answer: what a restarted core reopens. */
  private project: string | null = null;
  private crashTimes: number[] = [];
  /** Set when the core is not restarted any more: why. */
  private gaveUp: string | null = null;
  private disposed: Promise<void> | null = null;

  private constructor(private readonly data: CoreWorkerData) {}

  /** Starts the core and opens its startup project; rejects with the reason when it cannot start. */
  static async start(data: CoreWorkerData): Promise<{ host: CoreHost; ready: CoreReady }> {
    const host = new CoreHost(data);
    const ready = await host.launch(data.startup);
    return { host, ready };
  }

  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    return this.call(String(channel), payload);
  }

  private async call(channel: string, payload: unknown): Promise<Result<unknown>> {
    if (this.restarting) await this.restarting;
    const worker = this.worker;
    if (this.disposed) return failure('internal', `${channel} arrived after Biaozhu's data core was shut down`);
    if (!worker) return failure('internal', this.gaveUp ?? `Biaozhu's data core is not running; ${channel} was not done`);
    const id = this.nextId++;
    return new Promise((answer) => {
      this.pending.set(id, { channel, answer });
      try {
        worker.postMessage({ type: 'call', id, channel, payload } satisfies HostMessage);
      } catch (error) {
        this.pending.delete(id);
        answer(failure('invalid_input', `Invalid ${channel} request: it cannot be sent to the core (${(error as Error).message})`));
      }
    });
  }

  private launch(startup: CoreWorkerData['startup']): Promise<CoreReady> {
    const worker = startWorker({ ...this.data, startup });
    return new Promise((resolveReady, rejectReady) => {
      let ready = false;
      let lastError: Error | null = null;
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') {
          ready = true;
          this.worker = worker;
          this.project = reply.project;
          resolveReady(reply);
        } else if (reply.type === 'start_failed') {
          lastError = new Error(reply.message);
          void worker.terminate();
        } else if (reply.type === 'answer') {
          this.project = reply.project;
          const call = this.pending.get(reply.id);
          this.pending.delete(reply.id);
          call?.answer(reply.result);
        }
      });
      worker.on('error', (error) => (lastError = error));
      worker.on('exit', (code) => {
        if (!ready) return rejectReady(lastError ?? new Error(`Biaozhu's data core stopped while starting (exit code ${code})`));
        if (this.worker === worker) this.worker = null;
        if (!this.disposed) this.crashed(lastError ? lastError.message : `exit code ${code}`);
      });
    });
  }

  private crashed(reason: string): void {
    const stopped = [...this.pending.values()];
    this.pending.clear();
    const now = Date.now();
    this.crashTimes = [...this.crashTimes.filter((time) => now - time < CRASH_WINDOW_MS), now];
    const project = this.project;
    console.error(`[biaozhu] the data core stopped unexpectedly (${reason})`);
    if (this.crashTimes.length > MAX_RESTARTS) {
      this.gaveUp = `Biaozhu's data core stopped ${this.crashTimes.length} times within a minute (last: ${reason}), so it was not restarted again. Close Biaozhu and start it again; your saved work is in the project file.`;
    } else {
      this.restarting = this.launch(project ? { project, afterCrash: true } : { noProject: true, afterCrash: true }).then(
        () => undefined,
        (error: unknown) => {
          this.gaveUp = `Biaozhu's data core stopped (${reason}) and could not be restarted: ${(error as Error).message}. Close Biaozhu and start it again.`;
        },
      );
      void this.restarting.finally(() => (this.restarting = null));
    }
    const said = this.gaveUp ?? `it was restarted${project ? ` and ${project} reopened` : ''}. Check whether your last change was saved, then try again`;
    for (const call of stopped) call.answer(failure('internal', `Biaozhu's data core stopped unexpectedly (${reason}) while doing ${call.channel}; ${said}.`));
  }

  /** Closes the project (releasing its lock) and ends the worker. */
  dispose(): Promise<void> {
    this.disposed ??= (async () => {
      if (this.restarting) await this.restarting;
      const worker = this.worker;
      if (!worker) return;
      const exited = new Promise<void>((done) => worker.once('exit', () => done()));
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'disposed') void worker.terminate();
      });
      const timer = setTimeout(() => void worker.terminate(), DISPOSE_WAIT_MS);
      worker.postMessage({ type: 'dispose' } satisfies HostMessage);
      await exited;
      clearTimeout(timer);
      for (const call of this.pending.values()) call.answer(failure('internal', `Biaozhu's data core was shut down before ${call.channel} was answered`));
      this.pending.clear();
    })();
    return this.disposed;
  }

  /** Ends the worker the way a crash would (tests of the restart). */
  async simulateCrash(): Promise<void> {
    await this.worker?.terminate();
  }
}
