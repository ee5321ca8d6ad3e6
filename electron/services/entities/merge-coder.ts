// Merging a coder file's entity links and relations into the project (#23), after its spans are in:
// a coder entity is the project's entity it was handed out as (same id and name), else the project's
// entity of that label with its name as name or alias, else a new one; the project's own links are
// never replaced (a differing coder link is counted); relations join the merged spans, an unknown
// relation type is added from the coder's definition and named in the report.
import type { CoderEntityMerge } from '../../../shared/api/coders';
import type { EntityFields } from '../../../shared/api/entities';
import { setEntityLink } from '../db/annotations';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import * as entities from '../db/entities';
import * as exchange from '../db/entity-team';
import * as relations from '../db/relations';

export interface MergeTargets {
  /** Coder document id → project document id (documents merged or added). */
  documents: ReadonlyMap<number, number>;
  /** Coder label key → project label id. */
  labels: ReadonlyMap<string, number>;
  annotatorId(name: string): number;
}

function parseFields(json: string): EntityFields {
  try {
    return JSON.parse(json) as EntityFields;
  } catch {
    return {};
  }
}

export function mergeCoderEntities(main: Db, coder: Db, targets: MergeTargets): CoderEntityMerge {
  const report: CoderEntityMerge = {
    entitiesCreated: 0,
    linksAdded: 0,
    linksKept: 0,
    relationsAdded: 0,
    relationsAlreadyPresent: 0,
    relationsSkipped: 0,
    relationTypesAdded: [],
  };
  const spanIn = (key: exchange.CoderSpanKey) => {
    const documentId = targets.documents.get(key.documentId);
    const labelId = targets.labels.get(key.labelKey);
    if (documentId === undefined || labelId === undefined) return null;
    return exchange.projectSpanAt(main, { documentId, start: key.start, end: key.end, labelId, annotatorId: targets.annotatorId(key.annotator) });
  };
  const now = nowIso();
  const entityIds = new Map<number, number>();
  for (const entity of exchange.coderEntities(coder)) {
    const labelId = targets.labels.get(entity.labelKey);
    if (labelId === undefined) continue;
    let id = exchange.projectEntityNamed(main, labelId, entity.name, entity.id);
    if (id === null) {
      id = entities.insertEntity(main, { labelId, name: entity.name, fields: parseFields(entity.fieldsJson), note: entity.note }, now);
      report.entitiesCreated++;
    }
    entities.addAliases(main, id, entity.aliases);
    entityIds.set(entity.id, id);
  }
  for (const link of exchange.coderLinks(coder)) {
    const span = spanIn(link);
    const entityId = entityIds.get(link.entityId);
    if (!span || entityId === undefined) continue;
    if (span.entityId === null) {
      setEntityLink(main, span.id, entityId);
      report.linksAdded++;
    } else if (span.entityId !== entityId) report.linksKept++;
  }
  for (const relation of exchange.coderRelations(coder)) {
    let type = relations.relationTypeByKey(main, relation.type.key);
    if (!type) {
      relations.insertRelationType(main, relation.type, now);
      type = relations.relationTypeByKey(main, relation.type.key)!;
      report.relationTypesAdded.push(relation.type.key);
    }
    const from = spanIn(relation.from);
    const to = spanIn(relation.to);
    // A span left out (invalid, its document not merged) or a type whose label pair differs here: counted, not forced.
    const allowed =
      from && to && relations.spanEnd(main, from.id)?.labelKey === type.fromLabelKey && relations.spanEnd(main, to.id)?.labelKey === type.toLabelKey;
    if (!from || !to || !allowed) {
      report.relationsSkipped++;
      continue;
    }
    if (relations.findRelation(main, type.id, from.id, to.id) !== null) {
      report.relationsAlreadyPresent++;
      continue;
    }
    relations.insertRelation(main, {
      documentId: targets.documents.get(relation.from.documentId)!,
      typeId: type.id,
      fromId: from.id,
      toId: to.id,
      annotatorId: targets.annotatorId(relation.annotator),
      reviewState: relation.reviewState,
      createdAt: relation.createdAt,
    });
    report.relationsAdded++;
  }
  return report;
}
