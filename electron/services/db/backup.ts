// Copies of a project file, taken and put back with SQLite itself so the WAL is always accounted for.
// File naming, folders and rotation live in app/backups.ts; this module only talks to SQLite.
import Database from 'better-sqlite3';
import { nativeBinding, openUnchecked, type Db } from './connection';
import { fileAccess, quickCheck } from './integrity';
import { SCHEMA_VERSION, schemaVersion } from './migrations';

/** What a backup file holds, read from the file itself. */
export interface BackupSummary {
  schemaVersion: number;
  documentCount: number;
  annotationCount: number;
}

/** Set by app/backups.ts: takes the pre-migration copy. db/ does not know where backups go. */
type MigrationBackup = (db: Db, path: string, fromVersion: number) => void;
let migrationBackup: MigrationBackup | null = null;

export function onBeforeMigration(hook: MigrationBackup | null): void {
  migrationBackup = hook;
}

/**
 * Called by openDatabase right before migrate(): an existing project (user_version ≥ 1) with
 * pending migrations is copied first, by the connection that has not migrated it.
 */
export function backUpBeforeMigration(db: Db, path: string): void {
  const version = schemaVersion(db);
  if (migrationBackup && version >= 1 && version < SCHEMA_VERSION) migrationBackup(db, path, version);
}

/**
 * A consistent copy in one synchronous statement, for the open path (which is synchronous and is
 * about to run the migration transaction anyway). VACUUM INTO writes a compact rollback-journal file.
 */
export function snapshotInto(db: Db, destination: string): void {
  db.prepare('VACUUM INTO ?').run(destination);
}

/** Returned from better-sqlite3's progress callback: copy every remaining page in the next step. */
const ALL_PAGES = () => 0x7fffffff;

/**
 * The online backup API, run on a worker thread (integrity-worker.ts) with a connection of its own:
 * the copy is one step under one read transaction, so it is a consistent snapshot, and in WAL the
 * app's connection keeps writing meanwhile. (On the main thread the copy's final commit, an fsync
 * of the whole file, stalled the API for ~0.1 s per 50 MB.)
 */
export async function copyProject(projectPath: string, destination: string): Promise<void> {
  const source = openUnchecked(projectPath, fileAccess(projectPath).immutable);
  try {
    await source.backup(destination, { progress: ALL_PAGES });
  } finally {
    source.close();
  }
}

function openPlain(path: string, readonly: boolean): Db {
  const binding = nativeBinding();
  return new Database(path, { readonly, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
}

function summarize(db: Db): BackupSummary {
  return {
    schemaVersion: schemaVersion(db),
    documentCount: db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number,
    annotationCount: db.prepare('SELECT COUNT(*) FROM annotations').pluck().get() as number,
  };
}

/**
 * Makes a freshly written copy a self-contained file and checks it. The backup API copies the WAL
 * flag in the header, so the copy is switched to a rollback journal: it then opens read-only
 * without -wal/-shm files appearing beside it. Returns the problems quick_check found (none: []).
 */
export function finishBackupFile(path: string): { problems: string[]; summary: BackupSummary | null } {
  const db = openPlain(path, false);
  try {
    db.pragma('journal_mode = DELETE');
    const problems = quickCheck(db);
    return { problems, summary: problems.length === 0 ? summarize(db) : null };
  } catch (error) {
    return { problems: [(error as Error).message], summary: null };
  } finally {
    db.close();
  }
}

/** Counts from a backup, read-only; with `check`, also quick_check (reads the whole file). */
export function readBackup(path: string, check = false): { problems: string[]; summary: BackupSummary | null } {
  let db: Db;
  try {
    db = openPlain(path, true);
  } catch (error) {
    return { problems: [(error as Error).message], summary: null };
  }
  try {
    const problems = check ? quickCheck(db) : [];
    return { problems, summary: problems.length === 0 ? summarize(db) : null };
  } catch (error) {
    return { problems: [(error as Error).message], summary: null };
  } finally {
    db.close();
  }
}

/**
 * Puts a backup's pages into the project file with the backup API, from the backup into the
 * project: the project's own connection applies and replaces its WAL, so no stale -wal can be
 * replayed over the restored pages later. The copy is one step, so it lands whole or not at all.
 * The project must be closed by the session first. Runs on the integrity worker.
 */
export async function restoreInto(backupPath: string, projectPath: string): Promise<void> {
  const source = openPlain(backupPath, true);
  try {
    try {
      await source.backup(projectPath, { progress: ALL_PAGES });
    } catch (error) {
      // A WAL database cannot change its page size; a backup from before a page-size change is
      // put back after the project leaves WAL (it returns to WAL when the session reopens it).
      if (!/readonly|page size/i.test((error as Error).message)) throw error;
      const project = openPlain(projectPath, false);
      try {
        project.pragma('journal_mode = DELETE');
      } finally {
        project.close();
      }
      await source.backup(projectPath, { progress: ALL_PAGES });
    }
  } finally {
    source.close();
  }
}
