// Linking spans to entities (#23). One link call is one link batch: each document's part of it is
// one Ctrl+Z step there (operations of kind 'link' carrying the batch id), and entities:undoLink /
// entities:redoLink take the whole call back and forth, also after a document's history moved on
// (then only spans still as the call left them are changed, each change logged as its own step).
import type { LinkResult } from '../../../shared/api/entities';
import { ApiFailure } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/model';
import * as annotations from '../db/annotations';
import { redo, undo } from '../annotations/service';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import { getDocumentText } from '../db/documents';
import * as entities from '../db/entities';
import * as operations from '../db/operations';
import { stripTitles } from './titles';

export interface LinkInput {
  annotationIds: readonly number[];
  entityId: number | null;
  /** The spans' role attribute: a value sets it, '' removes it, undefined leaves it. */
  role?: string;
}

function requireSpans(db: Db, ids: readonly number[]): Annotation[] {
  const spans: Annotation[] = [];
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const span = annotations.getAnnotation(db, id);
    if (span) spans.push(span);
    else missing.push(id);
  }
  if (missing.length > 0) throw new ApiFailure('not_found', `Span${missing.length > 1 ? 's' : ''} ${missing.join(', ')} do not exist (deleted?)`, { missing });
  return spans;
}

function withRole(attributes: Record<string, string>, role: string | undefined): Record<string, string> {
  if (role === undefined || (attributes.role ?? '') === role) return attributes;
  const { role: _old, ...rest } = attributes;
  return role === '' ? rest : { ...rest, role };
}

const linkOf = (span: Annotation) => ({ entityId: span.entityId ?? null, role: span.attributes.role ?? '' });
const sameLink = (a: Annotation, b: Annotation) => linkOf(a).entityId === linkOf(b).entityId && linkOf(a).role === linkOf(b).role;

/** Writes one span's link and role, logged in its document's history under `batchId`; answers the span as it is now. */
function writeLink(db: Db, before: Annotation, entityId: number | null, attributes: Record<string, string>, batchId: number | null, now: string): Annotation {
  annotations.updateAnnotation(db, before.id, { ...before, attributes, entityId, updatedAt: now });
  const after = annotations.getAnnotation(db, before.id)!;
  operations.recordOperation(db, before.documentId, 'link', before, after, batchId);
  return after;
}

/** Links (or unlinks) spans in one transaction and one batch; the linked mentions' names become aliases. */
export function linkSpans(db: Db, input: LinkInput): LinkResult {
  return db.transaction(() => {
    const entity = input.entityId === null ? null : entities.getEntity(db, input.entityId);
    if (input.entityId !== null && !entity) throw new ApiFailure('not_found', `Entity ${input.entityId} does not exist`);
    const spans = requireSpans(db, input.annotationIds).sort((a, b) => a.documentId - b.documentId || a.start - b.start || a.id - b.id);
    const wrongLabel = entity ? spans.filter((span) => span.labelId !== entity.labelId) : [];
    if (wrongLabel.length > 0) {
      throw new ApiFailure(
        'invalid_input',
        `Span${wrongLabel.length > 1 ? 's' : ''} ${wrongLabel.map((s) => s.id).join(', ')} carry another label than entity ${entity!.id} (${entity!.name})`,
        { annotationIds: wrongLabel.map((s) => s.id) },
      );
    }
    const now = nowIso();
    const batchId = entities.insertLinkBatch(db, now);
    const upserted: Annotation[] = [];
    const names = new Set<string>();
    const texts = new Map<number, string>();
    const textOf = (documentId: number) => texts.get(documentId) ?? texts.set(documentId, getDocumentText(db, documentId) ?? '').get(documentId)!;
    for (const span of spans) {
      const attributes = withRole(span.attributes, input.role);
      if ((span.entityId ?? null) !== input.entityId || attributes !== span.attributes) {
        upserted.push(writeLink(db, span, input.entityId, attributes, batchId, now));
      }
      const text = textOf(span.documentId).slice(span.start, span.end);
      const name = input.role && text.startsWith(input.role) ? text.slice(input.role.length).trim() : stripTitles(text).name;
      if (name) names.add(name);
    }
    if (entity) entities.addAliases(db, entity.id, names);
    if (upserted.length === 0) entities.deleteLinkBatch(db, batchId);
    return result(upserted, upserted.length === 0 ? null : batchId);
  })();
}

function result(upserted: Annotation[], batchId: number | null): LinkResult {
  return { linked: upserted.length, batchId, upserted, documentIds: [...new Set(upserted.map((s) => s.documentId))] };
}

/** Links every unlinked span with this linked span's label and text, corpus-wide, to its entity: one batch. */
export function linkIdentical(db: Db, annotationId: number): LinkResult {
  return db.transaction(() => {
    const [span] = requireSpans(db, [annotationId]);
    if (span.entityId === undefined || span.entityId === null) {
      throw new ApiFailure('invalid_input', `Span ${annotationId} is not linked to an entity: link it first, then link the identical mentions`);
    }
    const text = getDocumentText(db, span.documentId)!.slice(span.start, span.end);
    const others = entities.unlinkedSpansWithText(db, span.labelId, text);
    if (others.length === 0) return result([], null);
    return linkSpans(db, { annotationIds: others.map((o) => o.id), entityId: span.entityId });
  })();
}

/** The batch's link operations, by document (documents in id order). */
function batchByDocument(db: Db, batchId: number): Map<number, operations.Operation[]> {
  const byDocument = new Map<number, operations.Operation[]>();
  for (const op of operations.batchOperations(db, batchId, 'link')) {
    const list = byDocument.get(op.documentId);
    if (list) list.push(op);
    else byDocument.set(op.documentId, [op]);
  }
  return new Map([...byDocument].sort((a, b) => a[0] - b[0]));
}

const sameIds = (a: readonly operations.Operation[], b: readonly operations.Operation[]) =>
  a.length === b.length && a.every((op) => b.some((other) => other.id === op.id));

/** Undoes (or redoes) a whole link call. */
function stepBatch(db: Db, batchId: number, direction: 'undo' | 'redo'): LinkResult {
  return db.transaction(() => {
    const undone = entities.linkBatchUndone(db, batchId);
    if (undone === null) throw new ApiFailure('not_found', `Link batch ${batchId} does not exist`);
    if (undone === (direction === 'undo')) throw new ApiFailure('conflict', `Link batch ${batchId} is ${direction === 'undo' ? 'undone' : 'done'} already`);
    const upserted: Annotation[] = [];
    const now = nowIso();
    for (const [documentId, ops] of batchByDocument(db, batchId)) {
      const run = direction === 'undo' ? operations.lastDoneStep(db, documentId) : operations.firstUndoneStep(db, documentId);
      if (sameIds(run, ops)) {
        // Still the end of the document's history: this is its own undo (or redo) step.
        upserted.push(...(direction === 'undo' ? undo(db, documentId) : redo(db, documentId))!.upserted);
        continue;
      }
      for (const op of ops) {
        const [from, to] = direction === 'undo' ? [op.after!, op.before!] : [op.before!, op.after!];
        const current = annotations.getAnnotation(db, op.after!.id);
        // A span changed since (relinked, deleted) is left alone.
        if (!current || !sameLink(current, from)) continue;
        const attributes = withRole(current.attributes, to.attributes.role ?? '');
        upserted.push(writeLink(db, current, entities.getEntity(db, to.entityId ?? 0) ? to.entityId! : null, attributes, null, now));
      }
    }
    entities.setLinkBatchUndone(db, batchId, direction === 'undo');
    return result(upserted, batchId);
  })();
}

export const undoLinkBatch = (db: Db, batchId: number): LinkResult => stepBatch(db, batchId, 'undo');
export const redoLinkBatch = (db: Db, batchId: number): LinkResult => stepBatch(db, batchId, 'redo');
