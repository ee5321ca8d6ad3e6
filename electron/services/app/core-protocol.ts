// The messages between a core worker (core-worker.ts) and the thread that routes requests to it
// (core-host.ts): one call, one answer, matched by id; results keep the API's Result shape.
import type { Channel } from '../../../shared/api/index';
import type { StartupNotice } from '../../../shared/api/projects';
import type { Result } from '../../../shared/api/result';
import type { CoreOptions } from '../core';
import type { StartupChoice } from './startup';

export interface CoreWorkerData {
  options: CoreOptions;
  /** The better-sqlite3 addon built for Electron's ABI, when the host is Electron. */
  nativeBinding?: string;
  /** What to open first. After a crash: the project that was open, and nothing else if it cannot be. */
  startup: StartupChoice & { afterCrash?: boolean };
}

export type HostMessage = { type: 'call'; id: number; channel: Channel | string; payload: unknown } | { type: 'dispose' };

/** What the host needs to say at startup (server/main.ts prints it). */
export interface CoreReady {
  notice: StartupNotice | null;
  project: string | null;
  readOnly: string | null;
}

export type WorkerReply =
  | ({ type: 'ready' } & CoreReady)
  | { type: 'start_failed'; message: string }
  /** `project` is the open project's path after the call, so a restarted core reopens it. */
  | { type: 'answer'; id: number; result: Result<unknown>; project: string | null }
  | { type: 'disposed' };
