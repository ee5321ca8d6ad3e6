import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { ApiFailure } from '../../../shared/api/result';

/** Registers the timing channels (#24). */
export function registerTimingHandlers(registry: HandlerRegistry, _context: Pick<CoreContext, 'session'>): void {
  registry.method('timing:record', () => {
    throw new ApiFailure('internal', 'timing:record is not built yet');
  });
  registry.method('dashboard:timing', () => {
    throw new ApiFailure('internal', 'dashboard:timing is not built yet');
  });
}
