// A span's new label and what hangs on it (#23): a relation whose type does not allow the new label
// refuses the change (delete the relation first, or pick another label); a link to an entity of the
// old label is undone with it (one undo step: undo brings the label and the link back).
import type { Annotation } from '../../../shared/model';
import { ApiFailure } from '../../../shared/api/result';
import type { Db } from '../db/connection';
import { getEntity, hasEntityTables } from '../db/entities';
import { getLabel } from '../db/labels';
import { getRelationType, relationsOfSpan } from '../db/relations';

/** Throws when the new label breaks a relation; answers `entityId: null` when the span's link must go. */
export function checkRelabel(db: Db, span: Annotation, labelId: number): { entityId?: null } {
  if (labelId === span.labelId || !hasEntityTables(db)) return {};
  const key = getLabel(db, labelId)?.key;
  const broken = relationsOfSpan(db, span.id).filter((r) => {
    const type = getRelationType(db, r.typeId)!;
    return (r.fromId === span.id && type.fromLabelKey !== key) || (r.toId === span.id && type.toLabelKey !== key);
  });
  if (broken.length > 0) {
    const listed = broken.map((r) => `${r.typeKey} (relation ${r.id})`).join(', ');
    throw new ApiFailure(
      'conflict',
      `Span ${span.id} is in relation(s) ${listed} that do not allow the label ${key}; delete them first, or choose another label`,
      {
        relationIds: broken.map((r) => r.id),
      },
    );
  }
  const entityId = span.entityId ?? null;
  return entityId !== null && getEntity(db, entityId)?.labelId !== labelId ? { entityId: null } : {};
}
