// Annotation writes: validate offsets against the document text, write, and log the change for
// undo/redo — all in one transaction so the log can never disagree with the spans.
import type { CreatedAnnotation, HistoryState, HistoryStep } from '../../../shared/api/annotations';
import { ApiFailure } from '../../../shared/api/result';
import type { Annotation, AnnotationOrigin, ReviewState } from '../../../shared/model';
import { spanProblem } from '../../../shared/text/offsets';
import * as annotations from '../db/annotations';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import { getDocumentSummary, getDocumentText, markInProgress } from '../db/documents';
import { getLabel } from '../db/labels';
import { ensureAnnotator } from '../db/meta';
import * as operations from '../db/operations';
import { restoreDocumentNote } from '../documents/note-history';
import { hasRelationTables, relationsOfSpan } from '../db/relations';
import { liveEntityId, noRelationChanges, putBackRelations, restoreRelation, type RelationChanges } from '../entities/relation-history';
import { checkRelabel } from '../entities/relabel';

function requireValidSpan(db: Db, documentId: number, start: number, end: number): void {
  const text = getDocumentText(db, documentId);
  if (text === null) throw new ApiFailure('not_found', `Document ${documentId} does not exist`);
  const problem = spanProblem(text, start, end);
  if (problem) throw new ApiFailure('invalid_input', `Invalid span [${start}, ${end}) in document ${documentId}: ${problem}`, { start, end });
}

function requireLabel(db: Db, labelId: number): void {
  if (!getLabel(db, labelId)) throw new ApiFailure('invalid_input', `Label ${labelId} does not exist`);
}

function requireAnnotation(db: Db, id: number): Annotation {
  const found = annotations.getAnnotation(db, id);
  if (!found) throw new ApiFailure('not_found', `Annotation ${id} does not exist (it may have been deleted)`);
  return found;
}

export interface CreateInput {
  documentId: number;
  start: number;
  end: number;
  labelId: number;
  attributes?: Record<string, string>;
  origin?: AnnotationOrigin;
  annotator: string;
  /** Active ms the coder spent before this span (#24 timing), when one coder action made it. */
  leadTimeMs?: number;
}

/** Creates a span, or returns the coder's existing one when it has this label on these characters already. */
export function createAnnotation(db: Db, input: CreateInput): Annotation {
  return db.transaction(() => {
    requireValidSpan(db, input.documentId, input.start, input.end);
    requireLabel(db, input.labelId);
    const annotatorId = ensureAnnotator(db, input.annotator);
    const existing = annotations.findSameSpan(db, { ...input, annotatorId });
    if (existing !== null) return annotations.getAnnotation(db, existing)!;
    const now = nowIso();
    const id = annotations.insertAnnotation(db, {
      documentId: input.documentId,
      start: input.start,
      end: input.end,
      labelId: input.labelId,
      annotatorId,
      origin: input.origin ?? 'manual',
      reviewState: 'pending',
      attributes: input.attributes ?? {},
      createdAt: now,
      updatedAt: now,
      leadTimeMs: input.leadTimeMs,
    });
    const created = annotations.getAnnotation(db, id)!;
    operations.recordOperation(db, input.documentId, 'create', null, created);
    markInProgress(db, input.documentId);
    return created;
  })();
}

/** createAnnotation for the editor: also the undo state and, when the status changed, the document's row (one round trip per label key). */
export function createAnnotationForEditor(db: Db, input: CreateInput): CreatedAnnotation {
  return db.transaction(() => {
    const statusBefore = getDocumentSummary(db, input.documentId)?.status;
    const span = createAnnotation(db, input);
    const after = getDocumentSummary(db, input.documentId);
    const document = after && after.status !== statusBefore ? after : null;
    return { ...span, history: historyState(db, input.documentId), document };
  })();
}

export interface UpdateInput {
  id: number;
  labelId?: number;
  start?: number;
  end?: number;
  attributes?: Record<string, string>;
  reviewState?: ReviewState;
  note?: string;
}

function kindOfUpdate(input: UpdateInput): operations.OperationKind {
  if (input.start !== undefined || input.end !== undefined) return 'resize';
  if (input.labelId !== undefined) return 'relabel';
  if (input.attributes !== undefined) return 'attributes';
  if (input.note !== undefined) return 'note';
  return 'review';
}

export function updateAnnotation(db: Db, input: UpdateInput): Annotation {
  return db.transaction(() => {
    const before = requireAnnotation(db, input.id);
    const start = input.start ?? before.start;
    const end = input.end ?? before.end;
    requireValidSpan(db, before.documentId, start, end);
    if (input.labelId !== undefined) requireLabel(db, input.labelId);
    const labelId = input.labelId ?? before.labelId;
    const same = annotations.findSameSpan(db, { documentId: before.documentId, start, end, labelId, annotatorId: ensureAnnotator(db, before.annotator) });
    if (same !== null && same !== input.id) {
      throw new ApiFailure('conflict', `Span ${same} already has this label on characters [${start}, ${end}); the change would make two of one span`, {
        existingId: same,
      });
    }
    annotations.updateAnnotation(db, input.id, {
      start,
      end,
      labelId,
      reviewState: input.reviewState ?? before.reviewState,
      attributes: input.attributes ?? before.attributes,
      note: input.note ?? before.note,
      updatedAt: nowIso(),
      ...checkRelabel(db, before, labelId),
    });
    const after = annotations.getAnnotation(db, input.id)!;
    operations.recordOperation(db, before.documentId, kindOfUpdate(input), before, after);
    return after;
  })();
}

export function deleteAnnotation(db: Db, id: number): { id: number } {
  return db.transaction(() => {
    const before = requireAnnotation(db, id);
    // Its relations go with it (ON DELETE CASCADE); the log keeps them so that undo brings them back (#23).
    const relations = hasRelationTables(db) ? relationsOfSpan(db, id) : [];
    annotations.deleteAnnotation(db, id);
    operations.recordOperation(db, before.documentId, 'delete', before, null, null, relations);
    return { id };
  })();
}

/** Puts a span back exactly as it was recorded (or removes it when the recorded state is null). */
function restore(db: Db, current: Annotation | null, target: Annotation | null, removedId: number): { upserted: Annotation[]; deletedIds: number[] } {
  if (!target) {
    annotations.deleteAnnotation(db, removedId);
    return { upserted: [], deletedIds: [removedId] };
  }
  // An unlinked span's JSON has no entityId: null unlinks it; an entity deleted since is not linked again.
  const entityId = liveEntityId(db, target.entityId);
  if (current || annotations.getAnnotation(db, target.id)) {
    annotations.updateAnnotation(db, target.id, { ...target, updatedAt: target.updatedAt, entityId });
  } else {
    annotations.insertAnnotation(db, { ...target, annotatorId: ensureAnnotator(db, target.annotator), entityId });
  }
  return { upserted: [annotations.getAnnotation(db, target.id)!], deletedIds: [] };
}

const DESCRIPTIONS: Record<operations.OperationKind, string> = {
  create: 'create span',
  delete: 'delete span',
  relabel: 'change label',
  resize: 'resize span',
  attributes: 'edit attributes',
  note: 'edit note',
  review: 'review span',
  document_note: 'edit document note',
  link: 'link entity',
  relation_create: 'create relation',
  relation_delete: 'delete relation',
  relation_review: 'review relation',
};

export function historyState(db: Db, documentId: number): HistoryState {
  const undo = operations.lastDoneOperation(db, documentId);
  const redo = operations.firstUndoneOperation(db, documentId);
  return {
    canUndo: !!undo,
    canRedo: !!redo,
    undoLabel: undo ? DESCRIPTIONS[undo.kind] : null,
    redoLabel: redo ? DESCRIPTIONS[redo.kind] : null,
    undoKind: undo?.kind ?? null,
    redoKind: redo?.kind ?? null,
  };
}

/** Undo reverts the last done change (a label-all batch's part of the document as one); redo re-applies the first undone one. Both persist. */
function step(db: Db, documentId: number, direction: 'undo' | 'redo'): HistoryStep | null {
  return db.transaction(() => {
    const ops = direction === 'undo' ? operations.lastDoneStep(db, documentId) : operations.firstUndoneStep(db, documentId);
    const op = ops[0];
    if (!op) return null;
    if (op.notes) {
      const documentNote = restoreDocumentNote(db, op, direction);
      operations.setUndone(db, op.id, direction === 'undo');
      return {
        description: `${direction} ${DESCRIPTIONS[op.kind]}`,
        kind: op.kind,
        spanText: '',
        upserted: [],
        deletedIds: [],
        documentNote,
        ...historyState(db, documentId),
      };
    }
    if (op.relation) return relationStep(db, op, direction);
    const changes: { upserted: Annotation[]; deletedIds: number[] } = { upserted: [], deletedIds: [] };
    const relationChanges = noRelationChanges();
    for (const each of ops) {
      const id = (each.after ?? each.before)!.id;
      const done = direction === 'undo' ? restore(db, each.after, each.before, id) : restore(db, each.before, each.after, id);
      changes.upserted.push(...done.upserted);
      changes.deletedIds.push(...done.deletedIds);
      // A span's delete undone: the relations it took with it come back too (redoing it takes them again, by cascade).
      if (each.removedRelations && direction === 'undo') putBackRelations(db, each.removedRelations, relationChanges);
      if (each.removedRelations && direction === 'redo') relationChanges.deletedIds.push(...each.removedRelations.map((r) => r.id));
      operations.setUndone(db, each.id, direction === 'undo');
    }
    // The span as this step leaves it; a span the step removes, as it was.
    const touched = (direction === 'undo' ? (op.before ?? op.after) : (op.after ?? op.before))!;
    const spanText = getDocumentText(db, documentId)?.slice(touched.start, touched.end) ?? '';
    const description = `${direction} ${DESCRIPTIONS[op.kind]}${ops.length > 1 ? ` ×${ops.length} (label all)` : ''}`;
    const relations = relationChanges.upserted.length + relationChanges.deletedIds.length > 0 ? { relations: relationChanges } : {};
    return { description, kind: op.kind, spanText, ...changes, ...relations, ...historyState(db, documentId) };
  })();
}

/** Undo or redo of a relation's creation, deletion or review. */
function relationStep(db: Db, op: operations.Operation, direction: 'undo' | 'redo'): HistoryStep {
  const { before, after } = op.relation!;
  const changes: RelationChanges = noRelationChanges();
  const id = (after ?? before)!.id;
  restoreRelation(db, direction === 'undo' ? before : after, id, changes);
  operations.setUndone(db, op.id, direction === 'undo');
  return {
    description: `${direction} ${DESCRIPTIONS[op.kind]}`,
    kind: op.kind,
    spanText: '',
    upserted: [],
    deletedIds: [],
    relations: changes,
    ...historyState(db, op.documentId),
  };
}

export const undo = (db: Db, documentId: number): HistoryStep | null => step(db, documentId, 'undo');
export const redo = (db: Db, documentId: number): HistoryStep | null => step(db, documentId, 'redo');
