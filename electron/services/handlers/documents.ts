import { ApiFailure } from '../../../shared/api/result';
import type { HandlerInput, HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import type { Db } from '../db/connection';
import * as documents from '../db/documents';
import { annotatorIdByName, type DocumentFilter } from '../db/document-filters';
import { getLabelByKey } from '../db/labels';

export function registerDocumentHandlers(registry: HandlerRegistry, { session }: CoreContext): void {
  registry.method('documents:list', ({ filter, ...page }) => {
    const db = session.requireDb();
    return documents.listDocuments(db, { ...page, filter: resolveFilter(db, filter) });
  });
  registry.method('documents:get', ({ id }) => {
    const doc = documents.getDocument(session.requireDb(), id);
    if (!doc) throw new ApiFailure('not_found', `Document ${id} does not exist`);
    return doc;
  });
  registry.method('documents:update', ({ id, status, metadata, note }) => {
    const db = session.requireDb();
    if (!documents.getDocumentSummary(db, id)) throw new ApiFailure('not_found', `Document ${id} does not exist`);
    documents.updateDocument(db, id, status, metadata ?? {}, note);
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

/**
 * Label keys and coder names to ids. One the project does not know (a filter remembered from
 * another project, a label since deleted) matches no span: no document has it, every document lacks it.
 */
function resolveFilter(db: Db, filter: HandlerInput<'documents:list'>['filter']): DocumentFilter {
  const { withLabel, withoutLabel, annotator, ...rest } = filter;
  const labelId = (key: string | undefined) => (key === undefined ? undefined : (getLabelByKey(db, key)?.id ?? null));
  return {
    ...rest,
    withLabelId: labelId(withLabel),
    withoutLabelId: labelId(withoutLabel),
    annotatorId: annotator === undefined ? undefined : annotatorIdByName(db, annotator),
  };
}
