import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { handOut } from './handout';
import { mergeCoderFiles, previewMerge } from './merge';

export function registerCoderHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>): void {
  registry.method('coders:handout', (input) => handOut(session, input));
  registry.method('coders:mergePreview', (input) => previewMerge(session, input));
  registry.method('coders:merge', (input) => mergeCoderFiles(session, input));
}
