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

  constructor(readonly settings: UserSettings) {}

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
    const db = createProjectFile(path, name);
    return this.adopt(db, normalizeProjectPath(path));
  }

  open(path: string): ProjectInfo {
    const file = normalizeProjectPath(path);
    if (!existsSync(file)) throw new ApiFailure('not_found', `No project file at ${file}`);
    const access = fileAccess(file);
    if (access.readOnly) return this.openReadOnly(file, access.readOnly, { immutable: access.immutable, quickCheck: true });
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
    return this.adopt(db, file);
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
    return this.openReadOnly(file, damagedState(file, found));
  }

  close(): void {
    this.db?.close();
    this.db = null;
    this.path = null;
    this.readOnlyState = null;
  }

  annotator(): string {
    return this.settings.annotator();
  }

  info(): ProjectInfo | null {
    if (!this.db || !this.path) return null;
    return projectInfo(this.db, this.path, this.annotator(), this.readOnlyState);
  }

  get readOnly(): ReadOnlyState | null {
    return this.readOnlyState;
  }

  private adopt(db: Db, path: string, readOnly: ReadOnlyState | null = null): ProjectInfo {
    this.close();
    this.db = db;
    this.path = path;
    this.readOnlyState = readOnly;
    const info = this.info()!;
    this.settings.remember({ path, name: info.name });
    return info;
  }
}
