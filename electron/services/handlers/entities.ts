import { ApiFailure } from '../../../shared/api/result';
import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import type { Db } from '../db/connection';
import { hasEntityTables } from '../db/entities';
import { schemaVersion } from '../db/migrations';
import { listRelationTypes, relationsOfDocument } from '../db/relations';
import { linkIdentical, linkSpans, redoLinkBatch, undoLinkBatch } from '../entities/link';
import * as relations from '../entities/relations';
import * as entities from '../entities/service';

/** The schema version that added entities and relations (migration 014). */
const ENTITIES_SCHEMA = 14;

/** Registers the entity and relation channels (#23). */
export function registerEntityHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>): void {
  // A project older than migration 014 open read-only (it could not be upgraded) has no entity tables.
  const readDb = (): Db => {
    const db = session.requireDb();
    if (!hasEntityTables(db)) {
      const version = schemaVersion(db);
      throw new ApiFailure(
        'read_only',
        `This project is open read-only and predates entities and relations (schema ${version}; they need ${ENTITIES_SCHEMA}): open it writable to upgrade it.`,
      );
    }
    return db;
  };
  const writeDb = () => session.requireWritableDb();
  registry.method('entities:list', (input) => entities.listEntities(readDb(), input));
  registry.method('entities:get', (input) => entities.getEntityDetail(readDb(), input));
  registry.method('entities:create', (input) => entities.createEntity(writeDb(), input));
  registry.method('entities:update', (input) => entities.updateEntity(writeDb(), input));
  registry.method('entities:merge', (input) => entities.mergeEntities(writeDb(), input));
  registry.method('entities:split', (input) => entities.splitEntity(writeDb(), input));
  registry.method('entities:delete', ({ id }) => entities.deleteEntity(writeDb(), id));
  registry.method('entities:link', (input) => linkSpans(writeDb(), input));
  registry.method('entities:linkIdentical', ({ annotationId }) => linkIdentical(writeDb(), annotationId));
  registry.method('entities:undoLink', ({ batchId }) => undoLinkBatch(writeDb(), batchId));
  registry.method('entities:redoLink', ({ batchId }) => redoLinkBatch(writeDb(), batchId));
  registry.method('entities:propose', ({ annotationId }) => entities.proposeEntities(readDb(), annotationId));
  registry.method('relations:forDocument', ({ documentId }) => relationsOfDocument(readDb(), documentId));
  registry.method('relations:create', (input) => relations.createRelation(writeDb(), { ...input, annotator: session.annotator() }));
  registry.method('relations:delete', ({ id }) => relations.deleteRelation(writeDb(), id));
  registry.method('relations:review', ({ id, reviewState }) => relations.reviewRelation(writeDb(), id, reviewState));
  registry.method('relationTypes:list', () => listRelationTypes(readDb()));
  registry.method('relationTypes:create', (input) => relations.createRelationType(writeDb(), input));
  registry.method('relationTypes:update', ({ id, changes }) => relations.updateRelationType(writeDb(), id, changes));
  registry.method('relationTypes:delete', ({ id }) => relations.deleteRelationType(writeDb(), id));
}
