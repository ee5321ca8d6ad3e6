import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { startExport } from '../export/service';

export function registerExportHandlers(registry: HandlerRegistry, { session, jobs }: CoreContext): void {
  registry.method('export:start', (options) => startExport(session, jobs, options));
}
