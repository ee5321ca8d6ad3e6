// The entity table (#23): create, rename, merge, split, delete, and the proposals made while
// labelling. Links themselves are written by ./link (one batch, undoable).
import {
  ENTITY_FIELDS,
  type EntityCreated,
  type EntityDetail,
  type EntityFields,
  type EntityMergeConflict,
  type EntityPage,
  type EntityProposals,
  type EntitySummary,
} from '../../../shared/api/entities';
import { ApiFailure } from '../../../shared/api/result';
import * as annotations from '../db/annotations';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import { getDocumentText } from '../db/documents';
import * as entities from '../db/entities';
import { getLabel } from '../db/labels';
import { linkSpans } from './link';
import { stripTitles } from './titles';

function requireEntity(db: Db, id: number): EntitySummary {
  const found = entities.getEntitySummary(db, id);
  if (!found) throw new ApiFailure('not_found', `Entity ${id} does not exist (merged or deleted?)`);
  return found;
}

export const listEntities = (db: Db, query: entities.EntityListQuery): EntityPage => entities.listEntitySummaries(db, query);

export function getEntityDetail(db: Db, input: { id: number; mentionOffset: number; mentionLimit: number }): EntityDetail {
  const entity = requireEntity(db, input.id);
  return { ...entity, mentionList: entities.entityMentions(db, input.id, input.mentionOffset, input.mentionLimit) };
}

export interface CreateEntityInput {
  labelId: number;
  name: string;
  aliases?: string[];
  fields?: EntityFields;
  note?: string;
  annotationIds?: number[];
  role?: string;
}

export function createEntity(db: Db, input: CreateEntityInput): EntityCreated {
  return db.transaction(() => {
    if (!getLabel(db, input.labelId)) throw new ApiFailure('invalid_input', `Label ${input.labelId} does not exist`);
    const id = entities.insertEntity(db, { labelId: input.labelId, name: input.name, fields: input.fields ?? {}, note: input.note ?? '' }, nowIso());
    entities.addAliases(db, id, input.aliases ?? []);
    const link = input.annotationIds ? linkSpans(db, { annotationIds: input.annotationIds, entityId: id, role: input.role }) : null;
    return { entity: requireEntity(db, id), link };
  })();
}

export interface UpdateEntityInput {
  id: number;
  name?: string;
  aliases?: string[];
  fields?: EntityFields;
  note?: string;
}

export function updateEntity(db: Db, input: UpdateEntityInput): EntitySummary {
  return db.transaction(() => {
    const before = requireEntity(db, input.id);
    const name = input.name ?? before.name;
    entities.updateEntity(db, input.id, { name, fields: { ...before.fields, ...input.fields }, note: input.note ?? before.note }, nowIso());
    // A rename keeps the old name as an alias (mentions may still read so), unless the aliases are replaced.
    if (input.aliases) entities.replaceAliases(db, input.id, input.aliases);
    else if (name !== before.name) entities.addAliases(db, input.id, [before.name]);
    entities.replaceAliases(
      db,
      input.id,
      requireEntity(db, input.id).aliases.filter((alias) => alias !== name),
    );
    return requireEntity(db, input.id);
  })();
}

/** Fields two of the entities set differently, unless `resolve` says which value to keep. */
function mergeFields(all: readonly EntitySummary[], resolve: EntityFields | undefined): EntityFields {
  const merged: EntityFields = {};
  const conflicts: EntityMergeConflict['conflicts'] = [];
  for (const field of ENTITY_FIELDS) {
    const values = all.filter((e) => e.fields[field]).map((e) => ({ entityId: e.id, value: e.fields[field]! }));
    const distinct = new Set(values.map((v) => v.value));
    if (resolve?.[field] !== undefined) merged[field] = resolve[field];
    else if (distinct.size > 1) conflicts.push({ field, values });
    else if (distinct.size === 1) merged[field] = values[0].value;
  }
  if (conflicts.length > 0) {
    const listed = conflicts.map((c) => `${c.field}: ${c.values.map((v) => `“${v.value}” (entity ${v.entityId})`).join(' vs ')}`).join('; ');
    throw new ApiFailure('conflict', `The entities disagree on ${listed}; say which value to keep (resolve)`, { conflicts } satisfies EntityMergeConflict);
  }
  return merged;
}

/** Merges entities into one: mentions and aliases move, the others' names become aliases, notes are joined. */
export function mergeEntities(db: Db, input: { into: number; from: number[]; resolve?: EntityFields }): EntitySummary {
  return db.transaction(() => {
    const from = [...new Set(input.from)].filter((id) => id !== input.into);
    if (from.length === 0) throw new ApiFailure('invalid_input', 'Merge needs at least one entity other than the one merged into');
    const into = requireEntity(db, input.into);
    const others = from.map((id) => requireEntity(db, id));
    const otherLabel = others.find((e) => e.labelId !== into.labelId);
    if (otherLabel)
      throw new ApiFailure(
        'invalid_input',
        `Entity ${otherLabel.id} (${otherLabel.name}) has another label than ${into.id} (${into.name}); only entities of one label merge`,
      );
    const fields = mergeFields([into, ...others], input.resolve);
    const note = [into.note, ...others.map((e) => e.note)].filter(Boolean).join('\n');
    entities.moveAllMentions(db, from, into.id);
    entities.addAliases(
      db,
      into.id,
      others.flatMap((e) => [e.name, ...e.aliases]),
    );
    for (const id of from) entities.deleteEntity(db, id);
    entities.updateEntity(db, into.id, { name: into.name, fields, note }, nowIso());
    return requireEntity(db, into.id);
  })();
}

/** Moves chosen mentions of an entity to a new entity of its label (one link batch). */
export function splitEntity(
  db: Db,
  input: { id: number; annotationIds: number[]; name: string; fields?: EntityFields },
): {
  from: EntitySummary;
  created: EntitySummary;
} {
  return db.transaction(() => {
    const entity = requireEntity(db, input.id);
    const notMentions = input.annotationIds.filter((id) => annotations.getAnnotation(db, id)?.entityId !== entity.id);
    if (notMentions.length > 0)
      throw new ApiFailure('invalid_input', `Spans ${notMentions.join(', ')} are not mentions of entity ${entity.id} (${entity.name})`, {
        annotationIds: notMentions,
      });
    const created = createEntity(db, { labelId: entity.labelId, name: input.name, fields: input.fields, annotationIds: input.annotationIds });
    return { from: requireEntity(db, entity.id), created: requireEntity(db, created.entity.id) };
  })();
}

export function deleteEntity(db: Db, id: number): { id: number; unlinked: number } {
  return db.transaction(() => {
    requireEntity(db, id);
    return { id, unlinked: entities.deleteEntity(db, id) };
  })();
}

/** Entities the span could be linked to: by its text as it is, then without titles (the role it would keep). */
export function proposeEntities(db: Db, annotationId: number): EntityProposals {
  const span = annotations.getAnnotation(db, annotationId);
  if (!span) throw new ApiFailure('not_found', `Span ${annotationId} does not exist (deleted?)`);
  const text = getDocumentText(db, span.documentId)!.slice(span.start, span.end);
  const titled = stripTitles(text);
  const names = [...new Set([text, titled.name])];
  const found = new Map<number, { matched: string; role: string | null }>();
  for (const { id, matched } of entities.entitiesNamed(db, span.labelId, names)) {
    const asIs = matched === text;
    const previous = found.get(id);
    if (!previous || (asIs && previous.role !== null)) found.set(id, { matched, role: asIs ? null : titled.role });
  }
  const candidates = [...found].map(([id, match]) => ({ entity: requireEntity(db, id), ...match }));
  // The span's own entity first, then exact matches, then the most mentioned.
  candidates.sort(
    (a, b) =>
      Number(b.entity.id === span.entityId) - Number(a.entity.id === span.entityId) ||
      Number(a.role !== null) - Number(b.role !== null) ||
      b.entity.mentions - a.entity.mentions ||
      a.entity.id - b.entity.id,
  );
  return { text, name: titled.name, role: titled.role, candidates };
}
