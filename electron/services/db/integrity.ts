// SQLite's own consistency checks, and whether a project file may be written at all.
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReadOnlyState } from '../../../shared/model';
import type { Db } from './connection';
import { DAMAGED_ADVICE } from './project-file';

/** Problems reported at most: a badly damaged file can list thousands. */
export const PROBLEMS_KEPT = 20;

function problems(db: Db, pragma: 'quick_check' | 'integrity_check', max: number): string[] {
  try {
    const rows = db.pragma(`${pragma}(${max})`) as Record<string, string>[];
    const messages = rows.map((row) => String(Object.values(row)[0]));
    return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
  } catch (error) {
    // A page so damaged that the check itself cannot run is a problem too.
    return [(error as Error).message];
  }
}

/** PRAGMA quick_check: b-tree structure and page use, without matching indexes to tables (cheaper). */
export function quickCheck(db: Db, max = PROBLEMS_KEPT): string[] {
  return problems(db, 'quick_check', max);
}

/** PRAGMA integrity_check: everything quick_check does, plus every index against its table. */
export function integrityCheck(db: Db, max = PROBLEMS_KEPT): string[] {
  return problems(db, 'integrity_check', max);
}

export function damagedState(path: string, found: string[]): ReadOnlyState {
  return {
    reason: 'damaged',
    message: `The project ${path} is damaged (SQLite's check found: ${found[0] ?? 'an unreadable page'}${found.length > 1 ? `, and ${found.length - 1} more` : ''}). It is open read-only: you can read and export. ${DAMAGED_ADVICE}`,
  };
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export interface FileAccess {
  /** Null when the project may be written; otherwise why not, as the user should read it. */
  readOnly: ReadOnlyState | null;
  /**
   * SQLite needs to create -shm beside a WAL database even to read it. Where the folder is not
   * writable and no -shm exists, the file can only be opened as immutable.
   */
  immutable: boolean;
}

/**
 * A project is writable when its file is and its folder is (SQLite creates -wal and -shm there).
 * access() tells for the user we run as: on a read-only share or another user's file it fails.
 */
export function fileAccess(path: string): FileAccess {
  const folder = dirname(path);
  const fileWritable = writable(path);
  const folderWritable = writable(folder);
  if (fileWritable && folderWritable) return { readOnly: null, immutable: false };
  const immutable = !folderWritable && !existsSync(`${path}-shm`);
  const walPending = immutable && existsSync(`${path}-wal`);
  const what = !fileWritable ? 'the project file is read-only' : `its folder ${folder} is read-only`;
  return {
    readOnly: {
      reason: 'file',
      message:
        `This project is open read-only because ${what} for this user: you can read and export, but not change it. ` +
        'Copy it to a folder you can write to, or ask for write access, to edit it.' +
        (walPending ? ' Changes still in its -wal file beside it are not shown.' : ''),
    },
    immutable,
  };
}

/** SQLite's "this file is damaged" errors (better-sqlite3 puts the extended code in error.code). */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** SQLite giving up on a write lock that another connection held past the busy timeout (a long import commit). */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** SQLite refusing a write on a read-only connection or file. */
export function isReadOnlyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_READONLY');
}
