import { ApiFailure } from '../../../shared/api/result';
import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import * as documents from '../db/documents';

export function registerDocumentHandlers(registry: HandlerRegistry, { session }: CoreContext): void {
  registry.method('documents:list', (query) => documents.listDocuments(session.requireDb(), query));
  registry.method('documents:get', ({ id }) => {
    const doc = documents.getDocument(session.requireDb(), id);
    if (!doc) throw new ApiFailure('not_found', `Document ${id} does not exist`);
    return doc;
  });
  registry.method('documents:update', ({ id, status, metadata }) => {
    const db = session.requireDb();
    if (!documents.getDocumentSummary(db, id)) throw new ApiFailure('not_found', `Document ${id} does not exist`);
    documents.updateDocument(db, id, status, metadata ?? {});
    return documents.getDocumentSummary(db, id)!;
  });
  registry.method('documents:delete', ({ ids }) => {
    const db = session.requireDb();
    return { deleted: db.transaction(() => documents.deleteDocuments(db, ids))() };
  });
  registry.method('documents:nextUnfinished', ({ afterId }) => {
    const id = documents.nextUnfinishedDocument(session.requireDb(), afterId);
    return id === null ? null : { id };
  });
}
