// Documents: what the documents:* channels do, the rules included (a missing document is
// not_found; a filter's label keys and coder names become ids). SQL stays in db/documents.ts.
import { ApiFailure } from '../../../shared/api/result';
import type { ApiOutput } from '../../../shared/api/index';
import type { HandlerInput } from '../app/registry';
import type { Db } from '../db/connection';
import * as documents from '../db/documents';
import { annotatorIdByName, documentFieldValues, mentionSpanCandidates, type DocumentFilter, type SpanConditions } from '../db/document-filters';
import { hasEntityTables } from '../db/entities';
import { hasSpanDigests, refreshSpanDigests, staleDigestCount } from '../db/search-index';
import { getLabelByKey } from '../db/labels';
import { updateDocumentNote } from './note-history';

export function listDocuments(db: Db, { filter, ...page }: HandlerInput<'documents:list'>): ApiOutput<'documents:list'> {
  return documents.listDocuments(db, { ...page, filter: resolveFilter(db, filter) });
}

export function getDocument(db: Db, id: number): ApiOutput<'documents:get'> {
  const doc = documents.getDocument(db, id);
  if (!doc) throw new ApiFailure('not_found', `Document ${id} does not exist`);
  return doc;
}

export function getDocumentOriginal(db: Db, id: number): ApiOutput<'documents:original'> {
  const original = documents.getDocumentOriginal(db, id);
  if (!original) throw new ApiFailure('not_found', `Document ${id} does not exist`);
  return original;
}

export function updateDocument(db: Db, { id, status, metadata, note }: HandlerInput<'documents:update'>): ApiOutput<'documents:update'> {
  if (!documents.getDocumentSummary(db, id)) throw new ApiFailure('not_found', `Document ${id} does not exist`);
  db.transaction(() => {
    documents.updateDocument(db, id, status, metadata ?? {});
    // The note is a step of the document's undo history.
    if (note !== undefined) updateDocumentNote(db, id, note);
  })();
  return documents.getDocumentSummary(db, id)!;
}

export function deleteDocuments(db: Db, ids: number[]): { deleted: number } {
  return { deleted: db.transaction(() => documents.deleteDocuments(db, ids))() };
}

export function nextUnfinishedDocument(db: Db, afterId: number): ApiOutput<'documents:nextUnfinished'> {
  const id = documents.nextUnfinishedDocument(db, afterId);
  return id === null ? null : { id };
}

export function documentValues(db: Db, field: 'district' | 'source'): ApiOutput<'documents:values'> {
  return documentFieldValues(db, field);
}

/**
 * Label keys and coder names to ids. One the project does not know (a filter remembered from
 * another project, a label since deleted) matches no span: no document has it, every document lacks it.
 */
function resolveFilter(db: Db, filter: HandlerInput<'documents:list'>['filter']): DocumentFilter {
  const { withLabel, withoutLabel, annotator, labels, mentions, entityIds, ...rest } = filter;
  const labelId = (key: string | undefined) => (key === undefined ? undefined : (getLabelByKey(db, key)?.id ?? null));
  const resolved: DocumentFilter = {
    ...rest,
    withLabelId: labelId(withLabel),
    withoutLabelId: labelId(withoutLabel),
    annotatorId: annotator === undefined ? undefined : annotatorIdByName(db, annotator),
  };
  if (labels) resolved.labelIds = labels.map(labelId).filter((id): id is number => typeof id === 'number');
  const entities = [...(entityIds ?? []).map((entityId) => ({ entityId })), ...(mentions ?? []).filter((m) => m.entityId !== undefined)];
  const texts = (mentions ?? []).filter((m) => m.text !== undefined);
  if (entities.length && !hasEntityTables(db)) {
    resolved.mentionDocumentIds = [[]];
    return resolved;
  }
  resolved.entities = entities.map((m) => ({ entityId: m.entityId!, ...('label' in m && m.label !== undefined ? { labelId: labelId(m.label) } : {}) }));
  const digests = texts.length > 0 && usableDigests(db);
  resolved.mentionDocumentIds = texts.map((m) =>
    documentsWithMention(db, m.text!, { ...resolved, labelId: labelId(m.label), unlinked: Boolean(m.unlinked) && hasEntityTables(db) }, digests),
  );
  return resolved;
}

/** Documents holding a span whose text is exactly `text` and that meets the conditions. */
/**
 * Whether the span text digests can narrow a mention's documents; a writable project brings stale
 * ones up to date first, as a labelled corpus search does (once: 4 s over the bench corpus when
 * never searched; then only documents edited since). A stale document stays a candidate, so a
 * read-only project, or a refresh that could not write, is still answered exactly.
 */
function usableDigests(db: Db): boolean {
  if (!hasSpanDigests(db)) return false;
  if (!db.readonly && staleDigestCount(db) > 0) {
    try {
      refreshSpanDigests(db);
    } catch {
      // Busy with another write: the stale documents are read in full instead.
    }
  }
  return true;
}

function documentsWithMention(db: Db, text: string, conditions: SpanConditions & { labelId?: number | null; unlinked: boolean }, digests: boolean): number[] {
  const found: number[] = [];
  let textOf = -1;
  let documentText = '';
  for (const [documentId, start, end] of mentionSpanCandidates(db, text, conditions, digests)) {
    if (found[found.length - 1] === documentId) continue;
    if (documentId !== textOf) {
      documentText = documents.getDocumentText(db, documentId) ?? '';
      textOf = documentId;
    }
    if (documentText.slice(start, end) === text) found.push(documentId);
  }
  return found;
}
