// The data core in this process, called the way the app calls it: through the handler registry
// (validation, Result values) and the job manager, so import and export run in their real worker
// threads. The worker threads share this process, so its RSS covers them.
import { join } from 'node:path';
import type { ApiInput, ApiOutput, Channel } from '../../shared/api/index';
import type { JobStatus } from '../../shared/api/jobs';
import type { Core } from '../../electron/services/core';
import { load } from './result';

export interface BenchCore {
  core: Core;
  call<K extends Channel>(channel: K, input: ApiInput<K>): Promise<ApiOutput<K>>;
  /** Waits for a job; throws with the job's own message when it failed. */
  job<R>(jobId: string): Promise<R>;
  close(): void;
}

export function benchCore(dir: string, projectPath: string, create: boolean): BenchCore {
  // Loaded lazily: the core imports the import pipeline and exchange formats, which may not exist yet.
  const { createCore } = load(() => require('../../electron/services/core') as typeof import('../../electron/services/core'));
  const core = createCore({ mode: 'browser', userDataDir: join(dir, 'user') });
  if (create) core.session.create(projectPath);
  else core.session.open(projectPath);
  const call: BenchCore['call'] = async (channel, input) => {
    const result = await core.registry.dispatch(channel, input);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), { code: result.error.code });
    return result.value as never;
  };
  return {
    core,
    call,
    async job<R>(jobId: string): Promise<R> {
      const status: JobStatus = await core.jobs.wait(jobId);
      if (status.state !== 'done') throw new Error(`job ${status.kind} ${status.state}: ${status.error}`);
      return status.result as R;
    },
    close: () => core.dispose(),
  };
}
