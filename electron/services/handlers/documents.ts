import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import * as service from '../documents/service';

export function registerDocumentHandlers(registry: HandlerRegistry, { session }: CoreContext): void {
  registry.method('documents:list', (input) => service.listDocuments(session.requireDb(), input));
  registry.method('documents:get', ({ id }) => service.getDocument(session.requireDb(), id));
  registry.method('documents:original', ({ id }) => service.getDocumentOriginal(session.requireDb(), id));
  registry.method('documents:update', (input) => service.updateDocument(session.requireDb(), input));
  registry.method('documents:delete', ({ ids }) => service.deleteDocuments(session.requireDb(), ids));
  registry.method('documents:nextUnfinished', ({ afterId }) => service.nextUnfinishedDocument(session.requireDb(), afterId));
}
