import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import * as adjudication from '../adjudication/service';

export function registerAdjudicationHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>): void {
  registry.method('adjudication:disagreements', (input) => adjudication.disagreements(session.requireDb(), input));
  registry.method('adjudication:decide', (input) => adjudication.decide(session.requireDb(), input));
  registry.method('adjudication:acceptAgreed', (input) => adjudication.acceptAgreed(session.requireDb(), input));
  registry.method('adjudication:progress', (input) => adjudication.progress(session.requireDb(), input));
}
