import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { coderSpanCounts } from '../db/coder-counts';

export function registerLayersHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>): void {
  registry.method('layers:coderCounts', ({ documentIds }) => coderSpanCounts(session.requireDb(), documentIds));
}
