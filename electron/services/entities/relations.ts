// Relations between two spans of a document and their types (#23). Creating, deleting and
// reviewing a relation are steps of the document's undo history, like a span's.
import type { Relation, RelationCreated, RelationType } from '../../../shared/api/entities';
import { ApiFailure } from '../../../shared/api/result';
import type { HistoryState } from '../../../shared/api/annotations';
import type { ReviewState } from '../../../shared/model';
import { historyState } from '../annotations/service';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import { ensureAnnotator } from '../db/meta';
import * as operations from '../db/operations';
import * as relations from '../db/relations';

function requireType(db: Db, ref: { typeId?: number; typeKey?: string }): RelationType {
  const type = ref.typeId !== undefined ? relations.getRelationType(db, ref.typeId) : relations.relationTypeByKey(db, ref.typeKey ?? '');
  if (!type) {
    const known = relations.listRelationTypes(db).map((t) => t.key);
    throw new ApiFailure('invalid_input', `Unknown relation type ${ref.typeId ?? `“${ref.typeKey}”`}; the project has ${known.join(', ') || 'none'}`);
  }
  return type;
}

function requireRelation(db: Db, id: number): Relation {
  const found = relations.getRelation(db, id);
  if (!found) throw new ApiFailure('not_found', `Relation ${id} does not exist (deleted?)`);
  return found;
}

export interface CreateRelationInput {
  documentId: number;
  typeId?: number;
  typeKey?: string;
  fromId: number;
  toId: number;
  annotator: string;
}

/** A relation from one span to another of the same document, of a type that allows their labels. */
export function createRelation(db: Db, input: CreateRelationInput): RelationCreated {
  return db.transaction(() => {
    const type = requireType(db, input);
    if (input.fromId === input.toId) throw new ApiFailure('invalid_input', `A relation joins two spans; span ${input.fromId} cannot relate to itself`);
    const ends = [input.fromId, input.toId].map((id) => {
      const end = relations.spanEnd(db, id);
      if (!end) throw new ApiFailure('not_found', `Span ${id} does not exist (deleted?)`);
      if (end.documentId !== input.documentId) {
        throw new ApiFailure('invalid_input', `Span ${id} is in document ${end.documentId}, not ${input.documentId}: a relation joins spans of one document`);
      }
      return end;
    });
    if (ends[0].labelKey !== type.fromLabelKey || ends[1].labelKey !== type.toLabelKey) {
      throw new ApiFailure(
        'invalid_input',
        `Relation ${type.key} goes from ${type.fromLabelKey} to ${type.toLabelKey}, not from ${ends[0].labelKey} to ${ends[1].labelKey}`,
        { allowed: { from: type.fromLabelKey, to: type.toLabelKey } },
      );
    }
    const existing = relations.findRelation(db, type.id, input.fromId, input.toId);
    if (existing !== null) return { ...requireRelation(db, existing), history: historyState(db, input.documentId) };
    const id = relations.insertRelation(db, {
      documentId: input.documentId,
      typeId: type.id,
      fromId: input.fromId,
      toId: input.toId,
      annotatorId: ensureAnnotator(db, input.annotator),
      reviewState: 'pending',
      createdAt: nowIso(),
    });
    const created = requireRelation(db, id);
    operations.recordRelationOperation(db, input.documentId, 'relation_create', null, created);
    return { ...created, history: historyState(db, input.documentId) };
  })();
}

export function deleteRelation(db: Db, id: number): { id: number; history: HistoryState } {
  return db.transaction(() => {
    const before = requireRelation(db, id);
    relations.deleteRelation(db, id);
    operations.recordRelationOperation(db, before.documentId, 'relation_delete', before, null);
    return { id, history: historyState(db, before.documentId) };
  })();
}

export function reviewRelation(db: Db, id: number, reviewState: ReviewState): Relation {
  return db.transaction(() => {
    const before = requireRelation(db, id);
    if (before.reviewState === reviewState) return before;
    relations.setRelationReview(db, id, reviewState);
    const after = requireRelation(db, id);
    operations.recordRelationOperation(db, before.documentId, 'relation_review', before, after);
    return after;
  })();
}

function requireTypeId(db: Db, id: number): RelationType {
  return requireType(db, { typeId: id });
}

function refuseTakenKey(db: Db, key: string, id?: number): void {
  const taken = relations.relationTypeByKey(db, key);
  if (taken && taken.id !== id) throw new ApiFailure('conflict', `A relation type with the key “${key}” exists already`);
}

export interface RelationTypeInput {
  key: string;
  name?: string;
  fromLabelKey: string;
  toLabelKey: string;
}

export function createRelationType(db: Db, input: RelationTypeInput): RelationType {
  return db.transaction(() => {
    refuseTakenKey(db, input.key);
    const id = relations.insertRelationType(db, { ...input, name: input.name || input.key }, nowIso());
    return requireTypeId(db, id);
  })();
}

/** Changes a type; its allowed label pair only while no relation of it would break the new rule. */
export function updateRelationType(db: Db, id: number, changes: Partial<RelationTypeInput>): RelationType {
  return db.transaction(() => {
    const before = requireTypeId(db, id);
    const next = { ...before, ...changes, name: changes.name === undefined ? before.name : changes.name || (changes.key ?? before.key) };
    refuseTakenKey(db, next.key, id);
    const pairChanged = next.fromLabelKey !== before.fromLabelKey || next.toLabelKey !== before.toLabelKey;
    if (pairChanged && before.relations > 0) {
      throw new ApiFailure(
        'conflict',
        `${before.relations} relation(s) of type ${before.key} join ${before.fromLabelKey} to ${before.toLabelKey}; delete them before changing the label pair`,
      );
    }
    relations.updateRelationType(db, id, next);
    return requireTypeId(db, id);
  })();
}

export function deleteRelationType(db: Db, id: number): { id: number } {
  return db.transaction(() => {
    const type = requireTypeId(db, id);
    if (type.relations > 0)
      throw new ApiFailure('conflict', `${type.relations} relation(s) are of type ${type.key}; delete them first`, { relations: type.relations });
    relations.deleteRelationType(db, id);
    return { id };
  })();
}
