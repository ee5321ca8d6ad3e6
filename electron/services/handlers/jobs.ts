import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { startExport } from '../export/service';

export function registerJobHandlers(registry: HandlerRegistry, core: CoreContext): void {
  const { imports, jobs, session } = core;
  registry.method('import:preview', ({ sources, options }) => imports.preview(sources, options));
  registry.method('import:previewFile', ({ previewId, index }) => imports.previewFile(previewId, index));
  registry.method('import:overrideEncoding', ({ previewId, index, encoding }) => imports.overrideEncoding(previewId, index, encoding));
  registry.method('import:commit', ({ previewId, include }) => imports.commit(previewId, include));
  registry.method('export:start', (options) => startExport(session, jobs, options));
  registry.method('jobs:get', ({ jobId }) => jobs.get(jobId));
  registry.method('jobs:cancel', ({ jobId }) => jobs.cancel(jobId));
}
