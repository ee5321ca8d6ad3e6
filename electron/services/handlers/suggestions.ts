import { ApiFailure } from '../../../shared/api/result';
import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/migrations';
import * as library from '../suggest/library';
import { SuggestionModel } from '../suggest/model';
import { startPreannotate } from '../suggest/preannotate';
import { acceptSuggestions, rejectSuggestion, suggestionsForDocument } from '../suggest/service';

/** The schema version that added the suggestion tables (migration 013). */
const SUGGESTIONS_SCHEMA = 13;

/** Registers the suggestion channels (#22); the returned model is disposed with the core. */
export function registerSuggestionHandlers(
  registry: HandlerRegistry,
  { session, jobs }: Pick<CoreContext, 'session' | 'jobs'>,
  options: { background: boolean },
): SuggestionModel {
  const model = new SuggestionModel(session);
  // A project older than migration 013 open read-only (it could not be upgraded) has no suggestion tables.
  const readDb = (): Db => {
    const db = session.requireDb();
    const version = schemaVersion(db);
    if (version < SUGGESTIONS_SCHEMA)
      throw new ApiFailure(
        'read_only',
        `This project is open read-only and predates suggestions (schema ${version}; they need ${SUGGESTIONS_SCHEMA}): open it writable to upgrade it.`,
      );
    return db;
  };
  if (options.background) model.startBackground();
  registry.method('suggestions:forDocument', (input) => suggestionsForDocument(readDb(), session.annotator(), input));
  registry.method('suggestions:accept', (input) => acceptSuggestions(session.requireWritableDb(), session.annotator(), input));
  registry.method('suggestions:reject', (input) => rejectSuggestion(session.requireWritableDb(), input));
  registry.method('suggestions:preannotate', (input) => startPreannotate(session, jobs, input));
  registry.method('gazetteers:list', () => library.listGazetteers(readDb()));
  registry.method('gazetteers:import', (input) => library.importGazetteer(session.requireWritableDb(), input));
  registry.method('gazetteers:update', (input) => library.updateGazetteer(session.requireWritableDb(), input));
  registry.method('gazetteers:delete', ({ id }) => library.deleteGazetteer(session.requireWritableDb(), id));
  registry.method('patterns:list', (input) => library.listPatterns(readDb(), input));
  registry.method('patterns:create', (input) => library.createPattern(session.requireWritableDb(), input));
  registry.method('patterns:update', ({ id, changes }) => library.updatePattern(session.requireWritableDb(), id, changes));
  registry.method('patterns:delete', ({ id }) => library.deletePattern(session.requireWritableDb(), id));
  registry.method('patterns:test', (input) => library.testPattern(session.requireDb(), input));
  registry.method('model:status', () => model.status(readDb()));
  registry.method('model:train', () => model.train(session.requireWritableDb()));
  return model;
}
