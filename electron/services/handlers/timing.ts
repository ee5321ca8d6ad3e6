import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import * as service from '../timing/service';

/** Registers the timing channels (#24): recording writes; the dashboard's rows read, on read-only projects too. */
export function registerTimingHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>): void {
  registry.method('timing:record', (input) => service.recordTime(session.requireWritableDb(), session.annotator(), input, session.requirePath()));
  registry.method('dashboard:timing', (input) => service.dashboardTiming(session.requireDb(), input));
}
