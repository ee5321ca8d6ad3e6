import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { computeProjectAgreement } from '../agreement/service';

export function registerAgreementHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>): void {
  registry.method('agreement:compute', (input) => computeProjectAgreement(session.requireDb(), input));
}
