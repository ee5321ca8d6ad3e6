import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { searchIndexStatus } from '../db/search-index';
import { consistency } from '../search/consistency';
import { createLiteralCounter } from '../search/count-host';
import { startSearchIndexer, type SearchIndexer } from '../search/indexer';
import { labelAll, previewLabelAll, redoLabelAll, undoLabelAll } from '../search/label-all';
import { concordanceFile, searchCounts, searchHits } from '../search/service';

/**
 * `background`: fill the trigram index between requests once the project is searched (not in the
 * one-shot CLI, where pending texts are simply scanned). Answers the indexer to dispose, if any.
 */
export function registerSearchHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>, background = false): SearchIndexer | null {
  const indexer = background ? startSearchIndexer(() => writableDb(session)) : null;
  // Large literal counts run on this thread and one count worker (count-host.ts), closed with the project.
  const counter = createLiteralCounter(() => (session.isOpen ? session.requirePath() : null));
  session.onClose(() => counter.close());
  // Searching is what needs the index: each search call starts filling it (see search/indexer.ts),
  // and starts the count worker, so that it is ready by the time the panel asks for the totals.
  const searching = () => {
    indexer?.kick();
    const db = session.requireDb();
    if (background) counter.warm(db);
    return db;
  };
  registry.method('search:hits', (input) => searchHits(searching(), input));
  registry.method('search:counts', (input) => searchCounts(searching(), input, counter));
  registry.method('search:concordanceFile', (input) => concordanceFile(session.requireDb(), input));
  registry.method('search:labelPreview', (input) => previewLabelAll(searching(), input, session.annotator()));
  registry.method('search:labelAll', (input) => labelAll(session.requireWritableDb(), input, session.annotator()));
  registry.method('search:undoLabelAll', ({ batchId }) => undoLabelAll(session.requireWritableDb(), batchId));
  registry.method('search:redoLabelAll', ({ batchId }) => redoLabelAll(session.requireWritableDb(), batchId));
  registry.method('search:consistency', (input) => consistency(session.requireDb(), input));
  registry.method('search:indexStatus', () => searchIndexStatus(searching()));
  return indexer;
}

function writableDb(session: CoreContext['session']): ReturnType<CoreContext['session']['requireDb']> | null {
  if (!session.isOpen) return null;
  try {
    return session.requireWritableDb();
  } catch {
    return null;
  }
}
