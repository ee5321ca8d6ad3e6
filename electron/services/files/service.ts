// files:browse: the browser mode's file browser lists folders and .biaozhu files on this machine
// (and, when asked, files with given extensions: a gazetteer's .txt or .csv).
// Names come as bytes, so a name that is not UTF-8 is shown (and marked) instead of breaking the
// listing; kernel folders (/proc, /sys, /dev) are refused as safe-folders.ts refuses them for writes.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { FileEntry, FolderListing } from '../../../shared/api/files';
import { ApiFailure } from '../../../shared/api/result';
import { systemLocation } from '../app/safe-folders';
import { PROJECT_EXTENSION } from '../app/session';
import type { CoreContext } from '../core';

/** Enough for any real folder of projects; a folder of 100,000 files is cut here, saying so. */
const MAX_ENTRIES = 2000;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

function decodeName(raw: Buffer): { name: string; valid: boolean } {
  try {
    return { name: utf8.decode(raw), valid: true };
  } catch {
    return { name: lossy.decode(raw), valid: false };
  }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? '';

async function checkedFolder(path: string): Promise<string> {
  if (!isAbsolute(path)) throw new ApiFailure('invalid_input', `${path}: give an absolute path (starting with /)`, { path });
  const absolute = resolve(path);
  const refuse = (where: string) => new ApiFailure('invalid_input', `${absolute} is under ${where}; choose a folder of your own`, { path: absolute });
  const direct = systemLocation(absolute);
  if (direct) throw refuse(direct);
  const real = await realpath(absolute).catch((error: unknown) => {
    if (['ENOENT', 'ENOTDIR'].includes(errorCode(error))) throw new ApiFailure('not_found', `${absolute} does not exist`, { path: absolute });
    if (['EACCES', 'EPERM'].includes(errorCode(error))) throw new ApiFailure('io', `${absolute} cannot be read: permission denied`, { path: absolute });
    throw error;
  });
  const linked = systemLocation(real);
  if (linked) throw refuse(linked);
  const stats = await stat(real);
  if (!stats.isDirectory()) throw new ApiFailure('invalid_input', `${absolute} is not a folder`, { path: absolute });
  return absolute;
}

async function entryOf(folder: string, dirent: Dirent<Buffer>, extensions: readonly string[]): Promise<FileEntry | null> {
  const { name, valid } = decodeName(dirent.name);
  if (name.startsWith('.')) return null;
  const isProjectName = name.toLowerCase().endsWith(PROJECT_EXTENSION);
  const isWantedFile = !isProjectName && extensions.some((ext) => name.toLowerCase().endsWith(`.${ext}`));
  if (!dirent.isDirectory() && !dirent.isSymbolicLink() && !isProjectName && !isWantedFile) return null;
  // Stat through the bytes of the name: a GBK name has no string path that reaches it.
  const stats = await stat(Buffer.concat([Buffer.from(folder.endsWith('/') ? folder : `${folder}/`), dirent.name])).catch(() => null);
  const isFile = stats?.isFile() ?? dirent.isFile();
  const kind = stats?.isDirectory() ? 'folder' : isFile && isProjectName ? 'project' : isFile && isWantedFile ? 'file' : null;
  if (!kind) return null;
  return {
    name,
    kind,
    path: valid ? join(folder, name) : null,
    size: kind === 'folder' ? null : (stats?.size ?? null),
    modified: stats ? stats.mtime.toISOString() : null,
    ...(valid ? {} : { invalidName: true }),
  };
}

export async function browseFolder(
  path: string | undefined,
  core: Pick<CoreContext, 'projectsDir'>,
  extensions: readonly string[] = [],
): Promise<FolderListing> {
  const home = homedir();
  const start =
    path ??
    (await stat(core.projectsDir).then(
      (s) => (s.isDirectory() ? core.projectsDir : home),
      () => home,
    ));
  const folder = await checkedFolder(start);
  const dirents = await readdir(folder, { withFileTypes: true, encoding: 'buffer' }).catch((error: unknown) => {
    if (['EACCES', 'EPERM'].includes(errorCode(error))) throw new ApiFailure('io', `${folder} cannot be read: permission denied`, { path: folder });
    throw error;
  });
  const wanted = extensions.map((ext) => ext.toLowerCase());
  const entries = (await Promise.all(dirents.map((dirent) => entryOf(folder, dirent, wanted)))).filter((entry): entry is FileEntry => entry !== null);
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  // Folders first, then projects and files together by name.
  entries.sort((a, b) => ((a.kind === 'folder') === (b.kind === 'folder') ? collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
  const parent = dirname(folder) === folder ? null : dirname(folder);
  return {
    path: folder,
    parent,
    home,
    projectsDir: core.projectsDir,
    entries: entries.slice(0, MAX_ENTRIES),
    leftOut: Math.max(0, entries.length - MAX_ENTRIES),
  };
}
