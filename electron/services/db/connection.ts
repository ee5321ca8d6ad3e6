// Opens a project file. better-sqlite3's native addon is loaded through `nativeBinding` when the
// host (Electron) needs an addon built for its own ABI; plain Node uses the default build.
import Database from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result';
import { migrate, refuseNewerSchema } from './migrations';

export type Db = Database.Database;

let nativeBindingPath: string | undefined;

/** Called once by the Electron main process with the path of the Electron-ABI addon. */
export function useNativeBinding(path: string | undefined): void {
  nativeBindingPath = path;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Create the file if missing; opening a missing project by mistake should fail instead. */
  create?: boolean;
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: !options.create,
      ...(nativeBindingPath ? { nativeBinding: nativeBindingPath } : {}),
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/unable to open|does not exist/i.test(message)) {
      throw new ApiFailure('not_found', `No project file at ${path}`);
    }
    throw new ApiFailure('io', `Cannot open ${path}: ${message}`);
  }
  try {
    configure(db, options.readonly ?? false);
    if (!options.readonly) migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ApiFailure) throw error;
    const message = (error as Error).message;
    if (/file is not a database|malformed/i.test(message)) {
      throw new ApiFailure('io', `${path} is not a Biaozhu project (not an SQLite database)`);
    }
    throw error;
  }
}

/**
 * Page size of a new project file. Against SQLite's 4 KB, reading a million spans and 170 MB of
 * text for an export makes a quarter of the read calls and follows shorter overflow chains:
 * 2.0-2.5 s instead of 2.7-2.8 (bench/analysis.md). An edit writes its few pages to the WAL at
 * 16 KB each before the same one fsync; the label keypress bench did not move.
 */
export const NEW_PROJECT_PAGE_SIZE = 16384;

function configure(db: Db, readonly: boolean): void {
  // Fails fast on a non-database file, and refuses a newer schema, before anything is written.
  db.pragma('schema_version');
  refuseNewerSchema(db);
  if (!readonly) {
    // Set before WAL, the only moment a page size takes: afterwards only VACUUM outside WAL changes
    // it. Existing projects keep theirs and work the same, only slower to read in bulk.
    if (db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${NEW_PROJECT_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    // FULL: an annotation that the UI showed as saved survives a power cut.
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export const nowIso = (): string => new Date().toISOString();

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per connection. Hot paths (import of a million spans) would
 * otherwise spend more time compiling SQL than running it. Use only with fixed SQL text.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}
