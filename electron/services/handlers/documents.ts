import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import * as service from '../documents/service';
import { statusChanged } from '../timing/service';

export function registerDocumentHandlers(registry: HandlerRegistry, { session }: CoreContext): void {
  registry.method('documents:list', (input) => service.listDocuments(session.requireDb(), input));
  registry.method('documents:get', ({ id }) => service.getDocument(session.requireDb(), id));
  registry.method('documents:original', ({ id }) => service.getDocumentOriginal(session.requireDb(), id));
  registry.method('documents:update', (input) => {
    const db = session.requireDb();
    const updated = service.updateDocument(db, input);
    // The first done of this coder is kept with their active time then (#24 timing).
    if (input.status) statusChanged(db, input.id, session.annotator(), input.status);
    return updated;
  });
  registry.method('documents:delete', ({ ids }) => service.deleteDocuments(session.requireDb(), ids));
  registry.method('documents:nextUnfinished', ({ afterId }) => service.nextUnfinishedDocument(session.requireDb(), afterId));
  registry.method('documents:values', ({ field }) => service.documentValues(session.requireDb(), field));
}
