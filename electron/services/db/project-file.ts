// Tells a Biaozhu project from any other file before anything is written to it. The SQLite header
// (the first 100 bytes) is read with plain file calls; only a file that may be one of our projects
// is opened with SQLite, and then only read until identifyProject says it is ours.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { ApiFailure } from '../../../shared/api/result';
import type { Db } from './connection';

/**
 * PRAGMA application_id of every Biaozhu project: the bytes "BZHU" (0x425A4855), stored at offset
 * 68 of the file header. Projects made before it existed carry 0 and get it from migration 005.
 */
export const APPLICATION_ID = 0x425a4855;

/** Tables every Biaozhu schema since migration 001 has: how an older project without the id is recognized. */
export const PROJECT_TABLES = ['project_meta', 'labels', 'documents', 'document_texts', 'annotations', 'operations'] as const;

const SQLITE_MAGIC = 'SQLite format 3\0';
const HEADER_SIZE = 100;

export interface FileHeader {
  size: number;
  applicationId: number;
  userVersion: number;
  pageSize: number;
  /** Pages the header says the file holds, or null when that field is not trustworthy. */
  pageCount: number | null;
  hasWal: boolean;
}

export const DAMAGED_ADVICE = 'Use "Recover…" (or `biaozhu recover`) to copy what is readable into a new project, or restore a backup.';

export function damagedMessage(path: string, what: string): string {
  return `The project ${path} is damaged (${what}). ${DAMAGED_ADVICE}`;
}

function notAProject(path: string, why: string): ApiFailure {
  return new ApiFailure('not_a_project', `${path} is not a Biaozhu project (${why}); the file was not changed.`);
}

/**
 * Reads and checks the header: refuses empty files, non-SQLite files and other applications'
 * databases (not_a_project), and truncated projects (damaged). Touches nothing.
 */
export function readProjectHeader(path: string, options: { allowTruncated?: boolean } = {}): FileHeader {
  const size = statSync(path).size;
  if (size === 0) throw notAProject(path, 'empty file');
  const header = Buffer.alloc(HEADER_SIZE);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, HEADER_SIZE, 0);
  } finally {
    closeSync(fd);
  }
  const magic = header.toString('latin1', 0, Math.min(read, SQLITE_MAGIC.length));
  if (magic !== SQLITE_MAGIC.slice(0, magic.length) || read < SQLITE_MAGIC.length) throw notAProject(path, 'not an SQLite database');
  if (read < HEADER_SIZE) throw new ApiFailure('damaged', damagedMessage(path, `the file is cut off after ${read} bytes`));
  const applicationId = header.readUInt32BE(68);
  if (applicationId !== 0 && applicationId !== APPLICATION_ID) {
    throw notAProject(path, `an SQLite database of another application, application_id 0x${applicationId.toString(16)}`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  // The page count at offset 28 is valid only when the change counter matches "version valid for".
  const pageCount = header.readUInt32BE(92) === header.readUInt32BE(96) ? header.readUInt32BE(28) : null;
  const hasWal = existsSync(`${path}-wal`);
  const result: FileHeader = { size, applicationId, userVersion: header.readUInt32BE(60), pageSize, pageCount, hasWal };
  // With a WAL beside it the file may legitimately lag behind its header until the next checkpoint.
  if (!options.allowTruncated && !hasWal && pageSize >= 512) {
    if (size % pageSize !== 0)
      throw new ApiFailure('damaged', damagedMessage(path, `its size, ${size} bytes, is not a whole number of ${pageSize}-byte pages`));
    if (pageCount !== null && pageCount > 0 && size < pageCount * pageSize) {
      throw new ApiFailure('damaged', damagedMessage(path, `the file is cut off: ${size} of ${pageCount * pageSize} bytes`));
    }
  }
  return result;
}

/**
 * With the file open but nothing written: ours if it carries our application_id; an older project
 * (id 0) if its user_version and tables are Biaozhu's, which migration 005 then stamps; otherwise
 * not_a_project.
 */
export function identifyProject(db: Db, path: string, schemaVersion: number): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId === APPLICATION_ID) return;
  if (applicationId !== 0) throw notAProject(path, `an SQLite database of another application, application_id 0x${(applicationId >>> 0).toString(16)}`);
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  if (userVersion < 1 || userVersion > schemaVersion) throw notAProject(path, "an SQLite database without Biaozhu's tables");
  const tables = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  const missing = PROJECT_TABLES.filter((name) => !tables.has(name));
  if (missing.length > 0) throw notAProject(path, `an SQLite database without Biaozhu's tables (no ${missing.join(', ')})`);
}
