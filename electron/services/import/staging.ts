// Previewed files wait on disk until the user commits them. The preview worker writes each file's
// drafts as it finishes it and the commit worker reads them back, so the main process (which answers
// the UI) never holds or copies a corpus's worth of drafts: it keeps paths and counts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  load(): PreparedFile;
}

export function createStagingDir(): string {
  return mkdtempSync(join(tmpdir(), 'biaozhu-import-'));
}

export function removeStagingDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

let staged = 0;
export function stageFile(dir: string, prepared: PreparedFile): StagedFile {
  const path = join(dir, `${process.pid}-${Date.now().toString(36)}-${staged++}.v8`);
  writeFileSync(path, serialize(prepared));
  return { path, sourceIndex: prepared.sourceIndex, draftCount: prepared.drafts.length, textHashes: prepared.textHashes };
}

export function loadStagedFile(file: StagedFile): PreparedFile {
  try {
    return deserialize(readFileSync(file.path)) as PreparedFile;
  } catch (error) {
    throw new Error(`The previewed file could not be read back (${(error as Error).message}); preview the files again`);
  }
}

export const fromStaging = (file: StagedFile): PreparedFileSource => ({ draftCount: file.draftCount, load: () => loadStagedFile(file) });
export const inMemory = (prepared: PreparedFile): PreparedFileSource => ({ draftCount: prepared.drafts.length, load: () => prepared });
