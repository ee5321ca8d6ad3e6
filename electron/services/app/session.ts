// The open project. One window (or one browser-mode server) works on one project at a time.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { ApiFailure } from '../../../shared/api/result';
import type { ProjectInfo, ReadOnlyState } from '../../../shared/model';
import { openDatabase, type Db } from '../db/connection';
import { damagedState, fileAccess, isCorruptionError, quickCheck } from '../db/integrity';
import { damagedMessage } from '../db/project-file';
import { countAnnotations } from '../db/annotations';
import { countDocuments } from '../db/documents';
import { seedDefaultLabels } from '../db/labels';
import { getMeta, setMeta } from '../db/meta';
import { schemaVersion } from '../db/migrations';
import { describeHolder, lockedState, tryLockProject, type HolderKind, type ProjectLock } from './project-lock';
import { ensureFolder } from './safe-folders';
import type { UserSettings } from './settings';

export const PROJECT_EXTENSION = '.biaozhu';

export function normalizeProjectPath(path: string): string {
  const absolute = resolve(path);
  return extname(absolute) ? absolute : `${absolute}${PROJECT_EXTENSION}`;
}

/** Creates a project file with the default labels; refuses to overwrite an existing file. */
export function createProjectFile(path: string, name?: string): Db {
  const file = normalizeProjectPath(path);
  if (existsSync(file)) throw new ApiFailure('conflict', `${file} already exists; open it instead`);
  ensureFolder(dirname(file)); // checked first: a recursive mkdir under /proc never returns
  const db = openDatabase(file, { create: true });
  db.transaction(() => {
    seedDefaultLabels(db);
    setMeta(db, 'name', name?.trim() || basename(file, extname(file)));
    setMeta(db, 'created_at', new Date().toISOString());
  })();
  return db;
}

function projectInfo(db: Db, path: string, annotator: string, readOnly: ReadOnlyState | null): ProjectInfo {
  return {
    path,
    name: getMeta(db, 'name') ?? basename(path, PROJECT_EXTENSION),
    schemaVersion: schemaVersion(db),
    documentCount: countDocuments(db),
    annotationCount: countAnnotations(db),
    annotator,
    readOnly,
  };
}

export class ProjectSession {
  private db: Db | null = null;
  private path: string | null = null;
  /** Why the open project is read-only, or null when it is writable. */
  private readOnlyState: ReadOnlyState | null = null;

  /** This process's hold on the open project (see project-lock.ts); null when read-only. */
  private lock: ProjectLock | null = null;

  /** Run when a project closes, before its connection does (helpers holding connections of their own end them). */
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    readonly settings: UserSettings,
    /** Who this process is, for the message another process shows while this one holds a project. */
    private readonly holderKind: HolderKind = 'app',
  ) {}

  get isOpen(): boolean {
    return this.db !== null;
  }

  /** The open project's database, or a clear no_project failure. */
  requireDb(): Db {
    if (!this.db) throw new ApiFailure('no_project', 'No project is open. Create or open a project first.');
    return this.db;
  }

  requirePath(): string {
    this.requireDb();
    return this.path!;
  }

  create(path: string, name?: string): ProjectInfo {
    const file = normalizeProjectPath(path);
    const db = createProjectFile(path, name);
    const attempt = tryLockProject(file, this.holderKind);
    if (!attempt.ok) {
      db.close(); // someone opened the brand-new file first: theirs to write
      throw new ApiFailure('locked', attempt.reason === 'held' ? lockedState(attempt.holder).message : attempt.message);
    }
    return this.holding(attempt.lock, () => this.adopt(db, file, null, attempt.lock));
  }

  /**
   * Opens a project for writing when this process can hold it. When another process holds it, 'auto'
   * (the app, the browser mode) opens it read-only saying who holds it; 'write' (CLI commands that
   * write) fails with 'locked', or 'read_only' for a file that cannot be written at all.
   */
  open(path: string, intent: 'auto' | 'write' = 'auto'): ProjectInfo {
    const file = normalizeProjectPath(path);
    if (!existsSync(file)) throw new ApiFailure('not_found', `No project file at ${file}`);
    const access = fileAccess(file);
    if (access.readOnly) {
      if (intent === 'write') throw new ApiFailure('read_only', access.readOnly.message);
      return this.openReadOnly(file, access.readOnly, { immutable: access.immutable, quickCheck: true });
    }
    const attempt = tryLockProject(file, this.holderKind);
    if (!attempt.ok) {
      const state: ReadOnlyState =
        attempt.reason === 'held'
          ? lockedState(attempt.holder)
          : { reason: 'file', message: `This project is open read-only: ${attempt.message}. You can read and export, but not change it.` };
      if (intent === 'write') {
        throw attempt.reason === 'held' ? new ApiFailure('locked', `${describeHolder(attempt.holder)}.`) : new ApiFailure('read_only', state.message);
      }
      return this.openReadOnly(file, state, { quickCheck: true });
    }
    return this.holding(attempt.lock, () => this.openWritable(file, attempt.lock));
  }

  /** Runs an open that may adopt `lock`; a lock it did not adopt (failure, damaged project) is released. */
  private holding(lock: ProjectLock, open: () => ProjectInfo): ProjectInfo {
    try {
      return open();
    } catch (error) {
      // Another application's file, or one from a newer Biaozhu, is refused untouched: no lock file left beside it.
      if (error instanceof ApiFailure && (error.code === 'not_a_project' || error.code === 'db_newer')) lock.discard();
      throw error;
    } finally {
      if (this.lock !== lock) lock.release();
    }
  }

  private openWritable(file: string, lock: ProjectLock): ProjectInfo {
    let found: string[] = [];
    let db: Db;
    try {
      db = openDatabase(file, {
        beforeWrites: (opened) => {
          found = quickCheck(opened);
          if (found.length > 0) throw new ApiFailure('damaged', damagedState(file, found).message);
        },
      });
    } catch (error) {
      // A damaged project whose pages can still be read opens read-only, for export and recovery.
      if (error instanceof ApiFailure && error.code === 'damaged' && found.length > 0) {
        return this.openReadOnly(file, damagedState(file, found));
      }
      throw error;
    }
    seedDefaultLabels(db);
    return this.adopt(db, file, null, lock);
  }

  /**
   * Opens the project with a read-only connection: no migrations, no seeding, every write refused
   * (SQLITE_READONLY, which the registry turns into a read_only failure naming `state.message`).
   * Used for damaged projects, read-only files, and projects another process holds.
   */
  openReadOnly(path: string, state: ReadOnlyState, options: { immutable?: boolean; quickCheck?: boolean } = {}): ProjectInfo {
    const file = normalizeProjectPath(path);
    const db = openDatabase(file, options.immutable ? { immutable: true } : { readonly: true });
    let readOnly = state;
    if (options.quickCheck) {
      const found = quickCheck(db);
      if (found.length > 0) readOnly = damagedState(file, found);
    }
    try {
      // Reads what the UI needs first, so a project too damaged even for that is refused here.
      projectInfo(db, file, this.annotator(), readOnly);
    } catch (error) {
      db.close();
      if (isCorruptionError(error)) throw new ApiFailure('damaged', damagedMessage(file, `SQLite says: ${(error as Error).message}`));
      throw error;
    }
    return this.adopt(db, file, readOnly);
  }

  /** The open project's database for a write, or a read_only failure saying why it cannot be written. */
  requireWritableDb(): Db {
    const db = this.requireDb();
    if (this.readOnlyState) throw new ApiFailure('read_only', this.readOnlyState.message);
    return db;
  }

  /** Marks the open project damaged (a full check failed): from now on it is read-only. */
  markDamaged(found: string[]): ProjectInfo {
    const file = this.requirePath();
    return this.openReadOnly(file, damagedState(file, found), { immutable: fileAccess(file).immutable });
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  close(): void {
    if (this.db) for (const listener of this.closeListeners) listener();
    this.db?.close();
    this.lock?.release(); // after the connection: nothing of ours writes once another may hold it
    this.lock = null;
    this.db = null;
    this.path = null;
    this.readOnlyState = null;
  }

  /** A hand-out file names its coder (project_meta 'annotator'): work in it is theirs, on whoever's computer. */
  annotator(): string {
    return (this.db && getMeta(this.db, 'annotator')) || this.settings.annotator();
  }

  /** Sets the user's name, and the open hand-out file's coder when it names one (it would win otherwise). */
  setAnnotator(name: string): void {
    this.settings.setAnnotator(name);
    if (this.db && !this.readOnlyState && getMeta(this.db, 'annotator')) setMeta(this.db, 'annotator', name);
  }

  info(): ProjectInfo | null {
    if (!this.db || !this.path) return null;
    return projectInfo(this.db, this.path, this.annotator(), this.readOnlyState);
  }

  get readOnly(): ReadOnlyState | null {
    return this.readOnlyState;
  }

  private adopt(db: Db, path: string, readOnly: ReadOnlyState | null = null, lock: ProjectLock | null = null): ProjectInfo {
    this.close();
    this.db = db;
    this.path = path;
    this.readOnlyState = readOnly;
    this.lock = lock;
    const info = this.info()!;
    this.settings.remember({ path, name: info.name });
    return info;
  }
}
