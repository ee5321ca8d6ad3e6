import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';

export function registerJobHandlers(registry: HandlerRegistry, { jobs }: CoreContext): void {
  registry.method('jobs:get', ({ jobId }) => jobs.get(jobId));
  registry.method('jobs:cancel', ({ jobId }) => jobs.cancel(jobId));
}
