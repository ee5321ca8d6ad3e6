// One writer holds a project. The holder keeps a write transaction open on a small SQLite file
// beside the project (`<project>.lock`): SQLite takes an OS file lock for it, which the OS drops
// when the process ends in any way (SIGKILL, crash, power cut). So a lock is never stale, there is
// nothing to take over, and two processes can never both hold it — no pid liveness guesses, which
// break on pid reuse and across hosts. The holder's pid, host, kind and start time are committed
// into the file before it is held, so others can say who holds it.
//
// The file is never deleted: a process may have it open while another unlinks it and creates a new
// one, and then two would hold "the" lock. Never open it with node:fs in a holder process either:
// closing any descriptor of a file drops every POSIX lock the process has on it (SQLite's own
// descriptors are managed around this).
import { existsSync, realpathSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import type { ReadOnlyState } from '../../../shared/model';
import { nativeBinding } from '../db/connection';

export type HolderKind = 'app' | 'browser' | 'cli';

export interface LockHolder {
  pid: number;
  hostname: string;
  kind: HolderKind;
  startedAt: string;
}

export type LockAttempt =
  | { ok: true; lock: ProjectLock }
  /** holder is null when the lock file could not be read (being created, or damaged). */
  | { ok: false; reason: 'held'; holder: LockHolder | null }
  /** The lock file cannot be created or written here (read-only folder or file). */
  | { ok: false; reason: 'unwritable'; message: string };

export const lockPathFor = (projectFile: string): string => `${projectFile}.lock`;

/** How long a lock attempt waits out another process's brief commit of its holder row. */
const COMMIT_WINDOW_MS = 250;

interface Held {
  db: Database.Database;
  holder: LockHolder;
  references: number;
}

/** Locks this process holds, by the lock file's real path: a process is one writer, however many sessions it has. */
const heldByThisProcess = new Map<string, Held>();

export class ProjectLock {
  private released = false;

  constructor(
    readonly lockPath: string,
    private readonly key: string,
    /** This attempt created the lock file (nobody had tried to open the project before). */
    private readonly createdFile = false,
  ) {}

  get holder(): LockHolder {
    return heldByThisProcess.get(this.key)!.holder;
  }

  /** Idempotent. The last reference in this process closes the connection, which drops the OS lock. */
  release(): void {
    if (this.released) return;
    this.released = true;
    const held = heldByThisProcess.get(this.key);
    if (!held || --held.references > 0) return;
    heldByThisProcess.delete(this.key);
    held.db.close();
  }

  /**
   * Releases, and removes the lock file if this attempt made it: for a file that turned out not to
   * be a project (refused untouched, so nothing of ours should be left beside it). Only for such
   * files, which every other opener refuses too: a real project's lock file is never removed.
   */
  discard(): void {
    const last = heldByThisProcess.get(this.key)?.references === 1;
    this.release();
    if (this.createdFile && last) rmSync(this.lockPath, { force: true });
  }
}

function openLockFile(lockPath: string): Database.Database {
  const binding = nativeBinding();
  const db = new Database(lockPath, binding ? { nativeBinding: binding } : {});
  db.pragma(`busy_timeout = ${COMMIT_WINDOW_MS}`);
  return db;
}

const isBusy = (error: unknown): boolean => /^SQLITE_BUSY/.test((error as { code?: string }).code ?? '');

function tryBegin(db: Database.Database): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
  }
}

function readHolder(db: Database.Database): LockHolder | null {
  try {
    const row = db.prepare('SELECT pid, hostname, kind, started_at AS startedAt FROM holder WHERE id = 1').get() as LockHolder | undefined;
    return row ?? null;
  } catch {
    return null; // no table yet (its creator is between BEGIN and COMMIT), or busy for longer than a commit
  }
}

/** Takes the project's lock now, or says who holds it. Never waits longer than another's commit. */
export function tryLockProject(projectFile: string, kind: HolderKind): LockAttempt {
  const lockPath = lockPathFor(projectFile);
  const existed = existsSync(lockPath);
  let db: Database.Database;
  try {
    db = openLockFile(lockPath);
  } catch (error) {
    return { ok: false, reason: 'unwritable', message: `Cannot create ${lockPath}: ${(error as Error).message}` };
  }
  const key = realpathSync(lockPath);
  const mine = heldByThisProcess.get(key);
  if (mine) {
    db.close(); // this process holds it already (another session): share it
    mine.references++;
    return { ok: true, lock: new ProjectLock(lockPath, key) };
  }
  try {
    if (!tryBegin(db)) return heldBy(db);
    const holder: LockHolder = { pid: process.pid, hostname: hostname(), kind, startedAt: new Date().toISOString() };
    db.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, hostname TEXT, kind TEXT, started_at TEXT)');
    db.prepare('INSERT OR REPLACE INTO holder (id, pid, hostname, kind, started_at) VALUES (1, @pid, @hostname, @kind, @startedAt)').run(holder);
    db.exec('COMMIT');
    // Between COMMIT and this BEGIN another process may take it; then it holds, and we do not.
    if (!tryBegin(db)) return heldBy(db);
    heldByThisProcess.set(key, { db, holder, references: 1 });
    return { ok: true, lock: new ProjectLock(lockPath, key, !existed) };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    if (/readonly|read-only|permission|access/i.test((error as Error).message)) {
      return { ok: false, reason: 'unwritable', message: `Cannot write ${lockPath}: ${(error as Error).message}` };
    }
    throw new Error(`The lock file ${lockPath} is unusable (${(error as Error).message}); delete it if no other Biaozhu has the project open.`);
  }
}

function heldBy(db: Database.Database): LockAttempt {
  const holder = readHolder(db);
  db.close();
  return { ok: false, reason: 'held', holder };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tries until the lock is taken or waitMs have passed; a read-only folder fails at once. */
export async function waitForProjectLock(projectFile: string, kind: HolderKind, waitMs: number): Promise<LockAttempt> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const attempt = tryLockProject(projectFile, kind);
    if (attempt.ok || attempt.reason === 'unwritable' || Date.now() >= deadline) return attempt;
    await sleep(Math.min(200, Math.max(0, deadline - Date.now())));
  }
}

const KIND_NAMES: Record<HolderKind, string> = { app: 'the Biaozhu app', browser: 'a Biaozhu browser-mode server', cli: 'a biaozhu command' };

/** "Open in <who> (pid N[ on host], since …)", for the read-only state and the CLI's refusal. */
export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return 'Open in another window or process';
  const host = holder.hostname === hostname() ? '' : ` on ${holder.hostname}`;
  const kind = KIND_NAMES[holder.kind] ?? `another ${String(holder.kind)}`;
  return `Open in another window or process: ${kind} (pid ${holder.pid}${host}, since ${holder.startedAt})`;
}

/** The read-only state of a project another process holds. */
export function lockedState(holder: LockHolder | null): ReadOnlyState {
  return { reason: 'locked', message: `${describeHolder(holder)}; read-only here. Close it there to edit.` };
}
