import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { handOut } from '../coders/handout';
import { mergeCoderFiles, previewMerge } from '../coders/merge';

export function registerCoderHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>): void {
  registry.method('coders:handout', (input) => handOut(session, input));
  registry.method('coders:mergePreview', (input) => previewMerge(session, input));
  registry.method('coders:merge', (input) => mergeCoderFiles(session, input));
}
