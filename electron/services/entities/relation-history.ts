// What undo and redo need from relations and entities (#23): a relation put back or removed as the
// log recorded it, the relations a span's delete took with it put back, and an entity link that
// only points at an entity that still exists (an entity deleted since leaves the span unlinked).
import type { Relation } from '../../../shared/api/entities';
import type { Db } from '../db/connection';
import { statement } from '../db/connection';
import { ensureAnnotator } from '../db/meta';
import * as relations from '../db/relations';

export interface RelationChanges {
  upserted: Relation[];
  deletedIds: number[];
}

export const noRelationChanges = (): RelationChanges => ({ upserted: [], deletedIds: [] });

/** The relation can exist: both its spans and its type do (a label's delete may have taken a span). */
function canExist(db: Db, relation: Relation): boolean {
  return (
    statement(
      db,
      `SELECT (SELECT COUNT(*) FROM annotations WHERE id IN (@fromId, @toId) AND document_id = @documentId) = 2
         AND EXISTS (SELECT 1 FROM relation_types WHERE id = @typeId)`,
    )
      .pluck()
      .get({ fromId: relation.fromId, toId: relation.toId, documentId: relation.documentId, typeId: relation.typeId }) === 1
  );
}

/** Puts a relation in the state the log recorded (null: removes it); `id` is the relation's. */
export function restoreRelation(db: Db, target: Relation | null, id: number, into: RelationChanges): void {
  if (!target) {
    if (relations.deleteRelation(db, id)) into.deletedIds.push(id);
    return;
  }
  if (relations.getRelation(db, target.id)) relations.setRelationReview(db, target.id, target.reviewState);
  else if (canExist(db, target) && relations.findRelation(db, target.typeId, target.fromId, target.toId) === null) {
    relations.insertRelation(db, { ...target, annotatorId: ensureAnnotator(db, target.annotator) });
  } else return;
  into.upserted.push(relations.getRelation(db, target.id)!);
}

/** Puts back the relations a span's delete took with it (those whose other span still exists). */
export function putBackRelations(db: Db, removed: readonly Relation[], into: RelationChanges): void {
  for (const relation of removed) restoreRelation(db, relation, relation.id, into);
}

/** The entity id if that entity still exists, else null (the span comes back unlinked). */
export function liveEntityId(db: Db, entityId: number | null | undefined): number | null {
  if (entityId === null || entityId === undefined) return null;
  return statement(db, 'SELECT 1 FROM entities WHERE id = ?').pluck().get(entityId) === undefined ? null : entityId;
}
