// Fills the trigram index in the background (#21): texts listed as pending — every text of a
// project migrated from before migration 010, the documents of each import — are indexed in
// batches between requests once the project is searched (a search call kicks it), so opening and
// importing never wait for it, the core keeps answering, and a project nobody searches is never
// written behind the user's back. Searches are exact meanwhile (pending texts are scanned);
// search:indexStatus reports how far it is.
import type { Db } from '../db/connection';
import { hasPendingTexts, indexPendingTexts } from '../db/search-index';

/** Texts per step: about 50-100 ms of indexing on the bench corpus, so a request waits at most that long. */
export const INDEX_BATCH = 200;
export interface SearchIndexer {
  /** Starts indexing pending texts, if any and not already under way. */
  kick(): void;
  dispose(): void;
}

/** `writableDb` answers the open project's connection when it may be written, else null. */
export function startSearchIndexer(writableDb: () => Db | null): SearchIndexer {
  let timer: NodeJS.Timeout | null = null;
  let disposed = false;
  const schedule = (ms: number) => {
    if (disposed) return;
    timer = setTimeout(step, ms);
    timer.unref();
  };
  const step = () => {
    timer = null;
    let indexed = 0;
    try {
      const db = writableDb();
      if (db && hasPendingTexts(db)) indexed = indexStep(db);
    } catch (error) {
      console.warn('[biaozhu] search index step failed; retrying later:', (error as Error).message);
    }
    // Right on while there is work (a timer, not a loop: requests queued meanwhile run first).
    if (indexed > 0) schedule(0);
  };
  return {
    kick() {
      if (timer === null) schedule(0);
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** One batch; 0 when another connection (an import's commit) holds the write lock: never wait for it. */
function indexStep(db: Db): number {
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return indexPendingTexts(db, INDEX_BATCH);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return 0;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}
