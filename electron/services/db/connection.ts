// Opens a project file. better-sqlite3's native addon is loaded through `nativeBinding` when the
// host (Electron) needs an addon built for its own ABI; plain Node uses the default build.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result';
import { backUpBeforeMigration } from './backup';
import { migrate, refuseNewerSchema, SCHEMA_VERSION } from './migrations';
import { fileAccess } from './integrity';
import { APPLICATION_ID, damagedMessage, identifyProject, readProjectHeader } from './project-file';

// better-sqlite3 reads this once, when its addon loads: file: URIs let a read-only project in a
// folder we cannot write open with immutable=1 (SQLite could not create its -shm there otherwise).
// Project paths are absolute, so none starts with "file:" by accident.
process.env.SQLITE_USE_URI ??= '1';

export type Db = Database.Database;

let nativeBindingPath: string | undefined;

/** Called once by the Electron main process with the path of the Electron-ABI addon. */
export function useNativeBinding(path: string | undefined): void {
  nativeBindingPath = path;
}

/** The addon path given to useNativeBinding, for other SQLite files of ours (the project lock). */
export function nativeBinding(): string | undefined {
  return nativeBindingPath;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Create the file if missing; opening a missing project by mistake should fail instead. */
  create?: boolean;
  /**
   * Read-only, for a folder where SQLite cannot create the -shm file a WAL database needs: the file
   * is opened as immutable, so changes still waiting in a -wal beside it are not seen.
   */
  immutable?: boolean;
  /** Runs after the file is known to be a project and before anything is written (e.g. quick_check). */
  beforeWrites?: (db: Db) => void;
  /** Migrate only up to this schema version (recovery copies rows into the source's own schema first). */
  migrateTo?: number;
}

/**
 * Opens a project. An existing file is checked before anything is written to it: another
 * application's file is refused untouched (not_a_project), a damaged one fails with 'damaged'.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const readonly = (options.readonly ?? false) || (options.immutable ?? false);
  const existing = !options.create || existsSync(path);
  // Readers in workers (export, import preview) of a project in a read-only folder need this too.
  const immutable = options.immutable ?? (readonly && existing && fileAccess(path).immutable);
  if (existing) {
    try {
      readProjectHeader(path);
    } catch (error) {
      if (error instanceof ApiFailure) throw error;
      throw new ApiFailure('not_found', `No project file at ${path}`);
    }
  }
  let db: Db;
  try {
    db = new Database(immutable ? `${pathToFileURL(path).href}?immutable=1` : path, {
      readonly,
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
    // Fails fast on a non-database file, and refuses a newer schema, before anything is written.
    db.pragma('schema_version');
    // An older project without the id gets it from migration 005, on its next writable open.
    if (existing) identifyProject(db, path, SCHEMA_VERSION);
    refuseNewerSchema(db);
    options.beforeWrites?.(db);
    configure(db, readonly, !existing);
    if (!readonly) {
      backUpBeforeMigration(db, path);
      migrate(db, options.migrateTo);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ApiFailure) throw error;
    const message = (error as Error).message;
    if (/file is not a database|malformed|disk image/i.test(message)) {
      throw new ApiFailure('damaged', damagedMessage(path, `SQLite says: ${message}`));
    }
    throw error;
  }
}

/**
 * A read-only connection with no checks at all, for looking into a file that may be damaged
 * (full integrity check, recovery). `immutable` as in OpenOptions.
 */
export function openUnchecked(path: string, immutable = false): Db {
  return new Database(immutable ? `${pathToFileURL(path).href}?immutable=1` : path, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBindingPath ? { nativeBinding: nativeBindingPath } : {}),
  });
}

/**
 * Page size of a new project file. Against SQLite's 4 KB, reading a million spans and 170 MB of
 * text for an export makes a quarter of the read calls and follows shorter overflow chains:
 * 2.0-2.5 s instead of 2.7-2.8 (bench/analysis.md). An edit writes its few pages to the WAL at
 * 16 KB each before the same one fsync; the label keypress bench did not move.
 */
export const NEW_PROJECT_PAGE_SIZE = 16384;

function configure(db: Db, readonly: boolean, created: boolean): void {
  if (!readonly) {
    // Set before WAL, the only moment a page size takes: afterwards only VACUUM outside WAL changes
    // it. Existing projects keep theirs and work the same, only slower to read in bulk.
    if (created && db.pragma('page_count', { simple: true }) === 0) {
      db.pragma(`page_size = ${NEW_PROJECT_PAGE_SIZE}`);
      // In the file itself before WAL, so even a project whose first WAL was lost is recognized.
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }
    db.pragma('journal_mode = WAL');
    // FULL: an annotation that the UI showed as saved survives a power cut.
    db.pragma('synchronous = FULL');
    immediateTransactions(db);
  }
  db.pragma('foreign_keys = ON');
  // Waited on only by a write that starts its transaction with the write lock (see below).
  db.pragma('busy_timeout = 5000');
}

/**
 * Makes every db.transaction(fn) of this connection BEGIN IMMEDIATE. A deferred transaction reads
 * first and asks for the write lock later; in WAL, if another connection (the import worker's, in
 * this process) holds it then, SQLite answers SQLITE_BUSY at once without waiting out busy_timeout,
 * since waiting could not help a transaction whose snapshot is already old. An immediate one takes
 * the write lock before reading, so it waits. Nested calls stay savepoints, as before.
 */
function immediateTransactions(db: Db): void {
  const deferred = db.transaction;
  db.transaction = function immediate(this: Db, fn) {
    return deferred.call(this, fn).immediate;
  } as Db['transaction'];
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
