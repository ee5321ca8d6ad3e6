// Copies of a project file, taken and put back with SQLite itself so the WAL is always accounted for.
// File naming, folders and rotation live in app/backups.ts; this module only talks to SQLite.
import Database from 'better-sqlite3';
import { nativeBinding, type Db } from './connection';
import { quickCheck } from './integrity';
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

/**
 * The online backup API: copies a few pages per event-loop turn, so API calls keep being answered.
 * Writes through this same connection are copied too; a write through another connection (an
 * import worker) restarts the copy, so callers start it before such work, not during it.
 */
export async function copyOnline(db: Db, destination: string): Promise<void> {
  await db.backup(destination, { progress: () => PAGES_PER_STEP });
}

/** Pages copied per event-loop turn: at 16 KB pages 512 KB, a few milliseconds of work. */
const PAGES_PER_STEP = 32;

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
 * The project must be closed by the session first.
 */
export async function restoreInto(backupPath: string, projectPath: string): Promise<void> {
  const source = openPlain(backupPath, true);
  try {
    const everything = () => 0x7fffffff;
    try {
      await source.backup(projectPath, { progress: everything });
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
      await source.backup(projectPath, { progress: everything });
    }
  } finally {
    source.close();
  }
}
