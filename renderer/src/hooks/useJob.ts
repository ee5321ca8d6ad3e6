// Polls a background job (import preview/commit, export) until it finishes; cancel via jobs:cancel.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { JobStatus } from '../../../shared/api/jobs';

export function useJob<R>(onError: (message: string) => void) {
  const [job, setJob] = useState<JobStatus<R> | null>(null);
  const timer = useRef<number | null>(null);
  const active = useRef<string | null>(null);

  const stop = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };

  const poll = useCallback(
    (jobId: string) =>
      new Promise<JobStatus<R> | null>((resolve) => {
        active.current = jobId;
        const tick = async () => {
          const result = await api.call('jobs:get', { jobId });
          if (active.current !== jobId) return resolve(null);
          if (!result.ok) {
            onError(result.error.message);
            return resolve(null);
          }
          const status = result.value as JobStatus<R>;
          setJob(status);
          if (status.state === 'running') timer.current = window.setTimeout(tick, 120);
          else {
            if (status.state === 'failed' && status.error) onError(status.error);
            resolve(status);
          }
        };
        void tick();
      }),
    [onError],
  );

  const cancel = useCallback(async () => {
    const jobId = active.current;
    if (!jobId) return;
    const result = await api.call('jobs:cancel', { jobId });
    if (result.ok) setJob(result.value as JobStatus<R>);
  }, []);

  const reset = useCallback(() => {
    stop();
    active.current = null;
    setJob(null);
  }, []);

  useEffect(() => () => stop(), []);

  return { job, poll, cancel, reset };
}
