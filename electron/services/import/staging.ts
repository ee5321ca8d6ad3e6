// Previewed files wait on disk until the user commits them. The preview worker writes each file's
// drafts as it finishes it and the commit worker reads them back, so the main process (which answers
// the UI) never holds or copies a corpus's worth of drafts: it keeps paths and counts.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { PreparedFile } from './preview';

export interface StagedFile {
  path: string;
  sourceIndex: number;
  draftCount: number;
  /** Hashes of the drafts' normalized texts: duplicates across preview workers are found from them. */
  textHashes: string[];
}

/** Where a commit gets a file's drafts: from staging, or already in memory (demo, benchmarks). */
export interface PreparedFileSource {
  draftCount: number;
  /** What the preview promised: the commit refuses a file whose drafts do not hash to these. */
  textHashes: readonly string[];
  describe(): string;
  load(): PreparedFile;
}

/** Staging folders carry their process's pid, so a later start can tell a killed import's leftovers from a live one's. */
export const STAGING_PREFIX = 'biaozhu-import-';

export function createStagingDir(parent = tmpdir()): string {
  return mkdtempSync(join(parent, `${STAGING_PREFIX}${process.pid}-`));
}

export function removeStagingDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const OWNERLESS_AGE_MS = 60 * 60 * 1000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * Removes staging folders whose process is gone (an import killed before it committed or was
 * cancelled leaves its previews behind: 11 kills once left 511 MB). Folders of live processes are
 * kept; folders from before names carried a pid are removed once an hour old. Runs in the
 * background at start: it never delays opening a project, and a folder it cannot remove is left.
 */
export async function removeStaleStagingDirs(parent = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(parent)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const path = join(parent, name);
    const owner = /^(\d+)-[^-]+$/.exec(name.slice(STAGING_PREFIX.length));
    try {
      const stale = owner ? !isAlive(Number(owner[1])) : Date.now() - (await stat(path)).mtimeMs > OWNERLESS_AGE_MS;
      if (!stale) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Another user's folder, or removed meanwhile: nothing of ours to lose.
    }
  }
  return removed;
}

/**
 * Names are unique by construction: preview workers share the pid and the clock, so only a random id
 * keeps two files staged in the same millisecond apart ('wx' turns a collision into an error, never an
 * overwrite). The source index leads the name for whoever lists the folder.
 */
export function stageFile(dir: string, prepared: PreparedFile): StagedFile {
  const path = join(dir, `${prepared.sourceIndex}-${randomUUID()}.v8`);
  writeFileSync(path, serialize(prepared), { flag: 'wx' });
  return { path, sourceIndex: prepared.sourceIndex, draftCount: prepared.drafts.length, textHashes: prepared.textHashes };
}

export function loadStagedFile(file: StagedFile): PreparedFile {
  try {
    return deserialize(readFileSync(file.path)) as PreparedFile;
  } catch (error) {
    throw new Error(`The previewed file could not be read back (${(error as Error).message}); preview the files again`);
  }
}

export const fromStaging = (file: StagedFile): PreparedFileSource => ({
  draftCount: file.draftCount,
  textHashes: file.textHashes,
  describe: () => `staged file ${file.path}`,
  load: () => loadStagedFile(file),
});

export const inMemory = (prepared: PreparedFile): PreparedFileSource => ({
  draftCount: prepared.drafts.length,
  textHashes: prepared.textHashes,
  describe: () => prepared.fileName,
  load: () => prepared,
});
