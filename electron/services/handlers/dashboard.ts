import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import * as dashboard from '../dashboard/service';

/** Registers the dashboard channels (#24): reads only, so they answer on read-only projects too. */
export function registerDashboardHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>): void {
  registry.method('dashboard:mentionsOverTime', (input) => dashboard.mentionsOverTime(session.requireDb(), input));
  registry.method('dashboard:topMentions', (input) => dashboard.topMentions(session.requireDb(), input));
  registry.method('dashboard:breakdown', (input) => dashboard.breakdown(session.requireDb(), input));
  registry.method('dashboard:cooccurrence', (input) => dashboard.cooccurrence(session.requireDb(), input));
  registry.method('dashboard:progress', (input) => dashboard.progress(session.requireDb(), input));
}
