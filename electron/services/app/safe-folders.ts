// Folders for files the user names (projects, exports) are checked before anything is created.
// Node 20's mkdirSync(recursive) loops forever under /proc on its own (in C++, deaf to SIGTERM and to
// a job's cancel flag), so user paths are never created recursively: the nearest existing ancestor
// is found first and checked, then the missing folders are made one level at a time.
import { accessSync, constants, lstatSync, mkdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { access, lstat, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ApiFailure } from '../../../shared/api/result';

/** Kernel and device file systems: nothing of ours belongs there, and some of them hang mkdir. */
const UNIX_SYSTEM_ROOTS: Record<string, readonly string[]> = {
  linux: ['/proc', '/sys', '/dev'],
  darwin: ['/dev'],
};
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/**
 * Why `absolute` is a system location no file of ours may be written to, or null when it is not.
 * Windows: device paths (\\.\, \\?\GLOBALROOT) and reserved device names (NUL, COM1, …) in any part.
 */
export function systemLocation(absolute: string, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') {
    if (/^[\\/]{2}[.?][\\/]/.test(absolute) && !/^[\\/]{2}\?[\\/][a-z]:[\\/]/i.test(absolute)) return 'a device path';
    const device = absolute.split(/[\\/]/).find((part) => WINDOWS_DEVICE_NAME.test(part.trimEnd()));
    return device === undefined ? null : `the device name ${device}`;
  }
  const root = (UNIX_SYSTEM_ROOTS[platform] ?? UNIX_SYSTEM_ROOTS.linux!).find((r) => absolute === r || absolute.startsWith(`${r}/`));
  return root === undefined ? null : `${root}, a system folder`;
}

function refuseSystem(path: string, shown: string): void {
  const where = systemLocation(path);
  if (where) throw new ApiFailure('invalid_input', `${shown} is under ${where}; choose a folder of your own`, { path: shown });
}

/** What a folder check found: the nearest existing ancestor and the folders still to make, outermost first. */
export interface FolderPlan {
  folder: string;
  existing: string;
  missing: string[];
}

type FsProbe = { lstat(path: string): Stats | null; stat(path: string): Stats | null };

const notFound = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

function walkUp(folder: string, probe: FsProbe): { existing: string; stats: Stats; missing: string[] } {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    // lstat first: a dangling symlink exists (and mkdir through it would fail); stat follows a live one.
    const link = probe.lstat(at);
    if (link) {
      const stats = link.isSymbolicLink() ? probe.stat(at) : link;
      if (!stats) throw new ApiFailure('invalid_input', `${at} is a broken symbolic link`, { path: at });
      return { existing: at, stats, missing };
    }
    if (dirname(at) === at) throw new ApiFailure('invalid_input', `${folder}: no part of this path exists`, { path: folder });
    missing.unshift(at);
  }
}

function checkExisting(folder: string, existing: string, stats: Stats, real: string): void {
  refuseSystem(real, folder);
  if (!stats.isDirectory()) {
    throw new ApiFailure('invalid_input', `${existing} is a file, not a folder: ${folder} cannot be made there`, { path: existing });
  }
}

const syncProbe: FsProbe = {
  lstat: (path) => {
    try {
      return lstatSync(path);
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  },
  stat: (path) => {
    try {
      return statSync(path);
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  },
};

const notWritable = (existing: string) => new ApiFailure('io', `${existing} is not writable: choose a folder you can write to`, { path: existing });

/** Checks that `folder` exists or can be made, without making anything. */
export function planFolder(folder: string): FolderPlan {
  const absolute = resolve(folder);
  refuseSystem(absolute, absolute);
  const { existing, stats, missing } = walkUp(absolute, syncProbe);
  checkExisting(absolute, existing, stats, realpathSync(existing));
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw notWritable(existing);
  }
  return { folder: absolute, existing, missing };
}

/**
 * The same check off the main thread's event loop (the fs promise API runs on libuv's pool), for
 * handlers: a slow disk or mount then delays one answer instead of hanging the whole API.
 */
export async function planFolderAsync(folder: string): Promise<FolderPlan> {
  const absolute = resolve(folder);
  refuseSystem(absolute, absolute);
  const missing: string[] = [];
  for (let at = absolute; ; at = dirname(at)) {
    const link = await lstat(at).catch((error: unknown) => (notFound(error) ? null : Promise.reject(error)));
    if (link) {
      const stats = link.isSymbolicLink() ? await stat(at).catch(() => null) : link;
      if (!stats) throw new ApiFailure('invalid_input', `${at} is a broken symbolic link`, { path: at });
      checkExisting(absolute, at, stats, await realpath(at));
      await access(at, constants.W_OK).catch(() => Promise.reject(notWritable(at)));
      return { folder: absolute, existing: at, missing };
    }
    if (dirname(at) === at) throw new ApiFailure('invalid_input', `${absolute}: no part of this path exists`, { path: absolute });
    missing.unshift(at);
  }
}

/**
 * Makes `folder` (and the folders above it that are missing) after planFolder's checks, one level at
 * a time. Returns the outermost folder it made, or undefined when the folder already existed — as
 * mkdirSync(recursive) does, so a failed export can remove what it made.
 */
export function ensureFolder(folder: string): string | undefined {
  const { missing } = planFolder(folder);
  let outermost: string | undefined;
  for (const level of missing) {
    try {
      mkdirSync(level);
      outermost ??= level;
    } catch (error) {
      // Made by someone else meanwhile: fine, as long as it is a folder.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(level).isDirectory()) throw error;
    }
  }
  return outermost;
}

/** A path the user typed, made absolute against `base` (the project's folder), never the process's cwd. */
export function resolveUserPath(path: string, base: string): string {
  return isAbsolute(path) ? resolve(path) : resolve(base, path);
}
