// Rolling backups of the open project: before a migration, before an import commit, every half
// hour while the project changes, and of the current state before a restore. Each backup is a
// complete project file in `<name>.biaozhu-backups/` beside the project, named
// `<UTC stamp>-<reason>.biaozhu`; the newest BACKUPS_KEPT per reason are kept.
//
// A copy that fails SQLite's quick_check is never kept under a healthy name and never makes older
// backups go: rotation runs only after a new backup of the same reason has passed the check.
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { BACKUP_REASONS, type BackupEntry, type BackupList, type BackupReason } from '../../../shared/api/backups';
import { ApiFailure } from '../../../shared/api/result';
import type { ProjectInfo } from '../../../shared/model';
import { finishBackupFile, onBeforeMigration, readBackup, snapshotInto } from '../db/backup';
import type { Db } from '../db/connection';
import type { IntegrityWorkerData, IntegrityWorkerResult } from '../db/integrity-worker';
import { SCHEMA_VERSION } from '../db/migrations';
import { describeHolder, tryLockProject } from './project-lock';
import type { ProjectSession } from './session';
import { awaitedControl } from './jobs';
import { runWorker } from './workers';

/** Backups kept per reason: 5 × 4 reasons, so at most 20 copies of a project. */
export const BACKUPS_KEPT = 5;
/** A scheduled backup is taken when the project changed and the last backup is at least this old. */
export const SCHEDULE_EVERY_MS = 30 * 60_000;
const SCHEDULE_CHECK_MS = 60_000;

const NAME = new RegExp(`^(\\d{8}T\\d{9}Z)-(${BACKUP_REASONS.join('|')})(\\.damaged)?\\.biaozhu$`);

interface BackupName {
  file: string;
  stamp: string;
  reason: BackupReason;
  damaged: boolean;
}

function parseName(file: string): BackupName | null {
  const match = NAME.exec(file);
  return match ? { file, stamp: match[1], reason: match[2] as BackupReason, damaged: match[3] !== undefined } : null;
}

/** 2026-12-03T13:44:55.123Z → 20261203T134455123Z: sorts by time, safe in every file system. */
const stampOf = (ms: number): string => new Date(ms).toISOString().replace(/[-:.]/g, '');
const timeOfStamp = (s: string): string =>
  `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;

export const backupFolderBeside = (projectPath: string): string => join(dirname(projectPath), `${basename(projectPath, extname(projectPath))}.biaozhu-backups`);

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Whether backups can be written to `folder`: it is a writable folder, or can be made in a writable one. */
function usableFolder(folder: string, make: boolean, recursive: boolean): boolean {
  try {
    if (!existsSync(folder)) {
      if (!make) {
        accessSync(dirname(folder), constants.W_OK);
        return isDirectory(dirname(folder));
      }
      mkdirSync(folder, { recursive });
    }
    accessSync(folder, constants.W_OK);
    return isDirectory(folder);
  } catch {
    return false;
  }
}

let fallbackRoot = '';
/** Where backups go when the project's own folder cannot be written (set by each core). */
export function setBackupFallbackRoot(userDataDir: string): void {
  fallbackRoot = join(userDataDir, 'backups');
}

const fallbackFolder = (projectPath: string): string =>
  join(fallbackRoot, `${basename(projectPath, extname(projectPath))}-${createHash('sha256').update(resolve(projectPath)).digest('hex').slice(0, 10)}`);

/**
 * The folder new backups of this project go to (made if `make`), and a note when it is the
 * fallback. The project's folder exists, so the one beside it is made without a recursive mkdir.
 */
function targetFolder(projectPath: string, make = true): { folder: string; fallbackNote: string | null } {
  const beside = backupFolderBeside(projectPath);
  if (usableFolder(beside, make, false)) return { folder: beside, fallbackNote: null };
  const fallback = fallbackFolder(projectPath);
  if (make && (!fallbackRoot || !usableFolder(fallback, true, true))) {
    throw new ApiFailure('io', `Cannot write backups of ${projectPath}: neither ${beside} nor the user data folder can be written`);
  }
  return { folder: fallback, fallbackNote: `The project's folder cannot be written, so its backups are kept in ${fallback}.` };
}

function namesIn(folder: string): BackupName[] {
  if (!isDirectory(folder)) return [];
  return readdirSync(folder)
    .map(parseName)
    .filter((n): n is BackupName => n !== null);
}

function freshPath(folder: string, reason: BackupReason): string {
  for (let ms = Date.now(); ; ms++) {
    const path = join(folder, `${stampOf(ms)}-${reason}.biaozhu`);
    if (!existsSync(path) && !existsSync(`${path}.partial`) && !existsSync(path.replace(/\.biaozhu$/, '.damaged.biaozhu'))) return path;
  }
}

/** A copy being written is `<name>.partial`; one this old was left by a process that was killed. */
const STALE_PARTIAL_MS = 60 * 60_000;

/**
 * Removes the oldest healthy backups of one reason beyond `keep`, and partial copies left by a
 * killed process. Damaged copies are never counted or removed.
 */
function rotate(folder: string, reason: BackupReason, keep: number): void {
  const healthy = namesIn(folder)
    .filter((n) => n.reason === reason && !n.damaged)
    .sort((a, b) => b.stamp.localeCompare(a.stamp));
  for (const old of healthy.slice(keep)) rmSync(join(folder, old.file), { force: true });
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.biaozhu.partial'))) {
    const path = join(folder, file);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > STALE_PARTIAL_MS) rmSync(path, { force: true });
  }
}

function entryFor(
  path: string,
  name: BackupName,
  summary: { documentCount: number; annotationCount: number; schemaVersion: number } | null,
  problem: string | null,
): BackupEntry {
  return {
    path,
    reason: name.reason,
    createdAt: timeOfStamp(name.stamp),
    size: statSync(path).size,
    documentCount: summary?.documentCount ?? null,
    annotationCount: summary?.annotationCount ?? null,
    schemaVersion: summary?.schemaVersion ?? null,
    problem,
  };
}

/**
 * Checks a just-written copy (`<final>.partial`) and gives it its final name, then rotates.
 * A copy that fails the check is deleted, except a before-restore copy: that is the only copy of
 * the state being replaced, so it is kept as `.damaged` (listed, never restored or rotated).
 */
function settle(projectPath: string, partial: string, final: string, reason: BackupReason, keep: number, checked: FinishedBackup): BackupEntry {
  const { problems, summary } = checked;
  if (problems.length === 0) {
    renameSync(partial, final);
    rotate(dirname(final), reason, keep);
    return entryFor(final, parseName(basename(final))!, summary, null);
  }
  if (reason === 'before-restore') {
    const damaged = final.replace(/\.biaozhu$/, '.damaged.biaozhu');
    renameSync(partial, damaged);
    return entryFor(damaged, parseName(basename(damaged))!, null, `a copy of a damaged project: ${problems[0]}`);
  }
  rmSync(partial, { force: true });
  throw new ApiFailure(
    'damaged',
    `The copy of ${projectPath} failed SQLite's check (${problems[0]}), so it was not kept; older backups were left as they are.`,
  );
}

/** The pre-migration copy, synchronous because opening a project is. Installed by each BackupService. */
function backUpBeforeMigration(db: Db, projectPath: string, fromVersion: number): void {
  const { folder } = targetFolder(projectPath);
  const final = freshPath(folder, 'before-migration');
  const partial = `${final}.partial`;
  try {
    snapshotInto(db, partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new ApiFailure(
      'io',
      `Could not back up ${projectPath} before upgrading it from schema ${fromVersion} to ${SCHEMA_VERSION} (${(error as Error).message}); the file was not changed.`,
    );
  }
  settle(projectPath, partial, final, 'before-migration', BACKUPS_KEPT, finishBackupFile(partial));
}

type FinishedBackup = ReturnType<typeof finishBackupFile>;

/**
 * Copying and checking read and write the whole project (a 50 MB one: ~0.3 s to copy with its
 * fsync, ~0.1 s for quick_check): both run on the integrity worker, never on the API's thread.
 */
async function copyInWorker(projectPath: string, backupPath: string): Promise<FinishedBackup & { copyError: string | null }> {
  const data: IntegrityWorkerData = { mode: 'backup', projectPath, backupPath };
  const result = await runWorker<IntegrityWorkerResult>('integrity-worker', data, awaitedControl());
  if (result.mode !== 'backup') throw new Error('integrity worker answered the wrong request');
  return result;
}

async function restoreInWorker(backupPath: string, projectPath: string): Promise<void> {
  const data: IntegrityWorkerData = { mode: 'restore', backupPath, projectPath };
  await runWorker<IntegrityWorkerResult>('integrity-worker', data, awaitedControl());
}

export interface BackupServiceOptions {
  everyMs?: number;
  checkEveryMs?: number;
  keep?: number;
}

const services = new WeakMap<ProjectSession, BackupService>();

/** Called at the start of an import commit job: no backup, no import. */
export async function backUpBeforeImport(session: ProjectSession): Promise<void> {
  const service = services.get(session);
  if (!service || session.readOnly) return;
  try {
    await service.take('before-import');
  } catch (error) {
    const message = (error as Error).message;
    throw new ApiFailure(error instanceof ApiFailure ? error.code : 'io', `No backup could be made before this import, so nothing was imported: ${message}`);
  }
}

export class BackupService {
  private readonly everyMs: number;
  private readonly keep: number;
  private queue: Promise<unknown> = Promise.resolve();
  /** The connection last looked at, its change stamp at the last backup, and when that was. */
  private tracked: { db: Db; stamp: string; at: number } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly session: ProjectSession,
    userDataDir: string,
    private readonly options: BackupServiceOptions = {},
  ) {
    this.everyMs = options.everyMs ?? SCHEDULE_EVERY_MS;
    this.keep = options.keep ?? BACKUPS_KEPT;
    services.set(session, this);
    setBackupFallbackRoot(userDataDir);
    onBeforeMigration(backUpBeforeMigration);
  }

  /** Starts the schedule (the app and the browser mode; the CLI does not run long enough). */
  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.options.checkEveryMs ?? SCHEDULE_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Our own writes show in total_changes(); other connections' (import workers, another process)
   * in data_version. Together they say whether anything was written since the last backup.
   */
  private changeStamp(db: Db): string {
    return `${db.pragma('data_version', { simple: true })}:${db.prepare('SELECT total_changes()').pluck().get()}`;
  }

  /** One look at the schedule; returns the backup it took, if any. */
  async tick(now = Date.now()): Promise<BackupEntry | null> {
    if (!this.session.isOpen || this.session.readOnly) {
      this.tracked = null;
      return null;
    }
    const db = this.session.requireDb();
    const stamp = this.changeStamp(db);
    if (this.tracked?.db !== db) {
      this.tracked = { db, stamp, at: now };
      return null;
    }
    if (stamp === this.tracked.stamp || now - this.tracked.at < this.everyMs) return null;
    try {
      return await this.take('scheduled');
    } catch (error) {
      console.warn(`[biaozhu] scheduled backup failed: ${(error as Error).message}`);
      this.tracked = { db, stamp, at: now };
      return null;
    }
  }

  /** Takes a backup of the open project now; backups run one at a time. */
  take(reason: Exclude<BackupReason, 'before-migration'>): Promise<BackupEntry> {
    const run = this.queue.then(() => this.takeNow(reason));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async takeNow(reason: BackupReason): Promise<BackupEntry> {
    const db = this.session.requireDb();
    const projectPath = this.session.requirePath();
    const stamp = this.changeStamp(db);
    const { folder } = targetFolder(projectPath);
    const final = freshPath(folder, reason);
    const partial = `${final}.partial`;
    let copied: Awaited<ReturnType<typeof copyInWorker>>;
    try {
      copied = await copyInWorker(projectPath, partial);
    } catch (error) {
      copied = { copyError: (error as Error).message, problems: [], summary: null };
    }
    if (copied.copyError !== null) {
      rmSync(partial, { force: true });
      if (reason !== 'before-restore') throw new ApiFailure('io', `Could not back up ${projectPath}: ${copied.copyError}`);
      // The project cannot even be read page by page: keep its bytes as they are.
      const damaged = final.replace(/\.biaozhu$/, '.damaged.biaozhu');
      copyFileSync(projectPath, damaged);
      return entryFor(damaged, parseName(basename(damaged))!, null, `a byte copy of a project SQLite could not read: ${copied.copyError}`);
    }
    const entry = settle(projectPath, partial, final, reason, this.keep, copied);
    if (this.tracked?.db === db) this.tracked = { db, stamp, at: Date.now() };
    return entry;
  }

  /** The open project's backups, newest first, with counts read from each backup read-only. */
  list(): BackupList {
    const projectPath = this.session.requirePath();
    const { folder, fallbackNote } = targetFolder(projectPath, false);
    const folders = [...new Set([backupFolderBeside(projectPath), fallbackFolder(projectPath), folder])];
    const backups = folders
      .flatMap((f) => namesIn(f).map((name) => ({ path: join(f, name.file), name })))
      .sort((a, b) => b.name.stamp.localeCompare(a.name.stamp))
      .map(({ path, name }) => {
        if (name.damaged) return entryFor(path, name, null, 'a copy of a damaged project; it cannot be restored');
        const { problems, summary } = readBackup(path);
        return entryFor(path, name, summary, problems[0] ?? null);
      });
    return { backups, folder, fallbackNote };
  }

  /**
   * Replaces the open project with a backup: the current state is kept as a 'before-restore'
   * backup first, the project is closed, the backup's pages are copied in, and it is reopened
   * (through the usual checks and migrations).
   */
  async restore(backupPath: string): Promise<ProjectInfo> {
    const projectPath = this.session.requirePath();
    const readOnly = this.session.readOnly;
    if (readOnly && readOnly.reason !== 'damaged') throw new ApiFailure('read_only', readOnly.message);
    const wanted = resolve(backupPath);
    const entry = this.list().backups.find((b) => b.path === wanted);
    if (!entry) throw new ApiFailure('not_found', `${backupPath} is not one of this project's backups`);
    if (entry.problem) throw new ApiFailure('damaged', `The backup ${wanted} cannot be restored: ${entry.problem}`);
    const checked = readBackup(wanted, true);
    if (checked.problems.length > 0) throw new ApiFailure('damaged', `The backup ${wanted} is damaged (${checked.problems[0]}); the project was not changed.`);

    // Held across close and reopen (a second reference when the session holds it already), so no
    // other process can open the project for writing while its file is being replaced.
    const hold = tryLockProject(projectPath, 'app');
    if (!hold.ok) {
      throw hold.reason === 'held'
        ? new ApiFailure('locked', `${describeHolder(hold.holder)}; the backup was not restored.`)
        : new ApiFailure('read_only', hold.message);
    }
    try {
      await this.take('before-restore');
      await this.queue;
      this.session.close();
      this.tracked = null;
      try {
        await restoreInWorker(wanted, projectPath);
      } catch (error) {
        this.session.open(projectPath);
        throw new ApiFailure('io', `Could not restore ${wanted} (${(error as Error).message}); the project was reopened unchanged.`);
      }
      return this.session.open(projectPath);
    } finally {
      hold.lock.release();
    }
  }
}
