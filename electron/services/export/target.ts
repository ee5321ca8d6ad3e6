// Where an export may write, decided on the main thread before a job starts: a relative path is
// taken from the project's folder, system folders and unwritable places are refused, and an
// existing target is replaced only when the caller said so. The checks use the fs promise API, so
// a slow disk delays this one answer and never the rest of the API.
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { ApiFailure } from '../../../shared/api/result';
import { planFolderAsync, resolveUserPath } from '../app/safe-folders';

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

export const conflictMessage = (path: string): string => `${path} exists; choose another name or allow replacing it`;

/** The user's path made absolute against the project file's folder (never the process's cwd). */
export function resolveExportPath(outPath: string, projectPath: string): string {
  return resolveUserPath(outPath, dirname(projectPath));
}

/** `path`, or `path-2`, `path-3`, … (before the extension) — the first that does not exist yet. */
export async function freePath(path: string, isFolder: boolean): Promise<string> {
  const extension = isFolder ? '' : extname(path);
  const stem = path.slice(0, path.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${stem}-${n}${extension}`;
    if (!(await exists(candidate))) return candidate;
  }
}

/**
 * Throws an ApiFailure when the export cannot or may not write to `outPath`: 'conflict' for an
 * existing file (or non-empty folder) without `overwrite` (details: path, folder), 'invalid_input' for a system path, a
 * folder where a file goes (or the reverse) and special files (a FIFO would block the writer).
 */
export async function checkExportTarget(outPath: string, writesFolder: boolean, overwrite: boolean): Promise<void> {
  await planFolderAsync(writesFolder ? outPath : dirname(outPath));
  const existing = await stat(outPath).catch(() => null);
  if (!existing) return;
  if (writesFolder) {
    if (!existing.isDirectory())
      throw new ApiFailure('invalid_input', `${outPath} is a file, not a folder: this format writes a folder of files`, { path: outPath });
    const entries = await readdir(outPath);
    if (entries.length > 0 && !overwrite) throw new ApiFailure('conflict', conflictMessage(outPath), { path: outPath, folder: true });
    return;
  }
  if (existing.isDirectory()) throw new ApiFailure('invalid_input', `${outPath} is a folder: this format writes one file; add a file name`, { path: outPath });
  if (!existing.isFile())
    throw new ApiFailure('invalid_input', `${outPath} is not a regular file (a device, pipe or socket); choose a file name`, { path: outPath });
  if (!overwrite) throw new ApiFailure('conflict', conflictMessage(outPath), { path: outPath, folder: false });
}

/**
 * open(2) flags for a new export file. O_NONBLOCK: a FIFO made where a file goes fails at once
 * (ENXIO) instead of blocking the writer until someone reads it. O_EXCL without `overwrite`: a
 * file that appeared after the check is not replaced either.
 */
export function createFlags(overwrite: boolean): number {
  const { O_WRONLY, O_CREAT, O_TRUNC, O_EXCL } = constants;
  return O_WRONLY | O_CREAT | O_TRUNC | (overwrite ? 0 : O_EXCL) | (constants.O_NONBLOCK ?? 0);
}

/** Creates (or with O_TRUNC replaces) a file whole with `flags` (see createFlags); writeFileSync's types take no numeric flags. */
export function writeWholeFile(path: string, content: string | Uint8Array, flags: number): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const fd = openSync(path, flags, 0o666);
  try {
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
  } finally {
    closeSync(fd);
  }
}
