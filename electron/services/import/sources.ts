// Expands what the user handed us (files, folders, dropped bytes) into a flat list of files to read.
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ImportSource } from '../../../shared/api/jobs';

export const IMPORTABLE_EXTENSIONS = new Set([
  '.txt', '.text', '.html', '.htm', '.docx', '.jsonl', '.ndjson', '.json', '.csv', '.tsv',
  '.conll', '.bio', '.bioes', '.bmes', '.ann',
]);

export type ImportInput =
  | { kind: 'path'; path: string; fileName: string; byteLength?: number }
  | { kind: 'bytes'; fileName: string; dataBase64: string };

/** Bytes to read for an input (an estimate where the size was not recorded), to share work out. */
export function inputByteLength(input: ImportInput): number {
  return input.kind === 'bytes' ? Math.floor((input.dataBase64.length * 3) / 4) : input.byteLength ?? 0;
}

export interface ExpandedSources {
  inputs: ImportInput[];
  /** Paths that could not be listed or do not exist, with the reason. */
  problems: { fileName: string; message: string }[];
}

function walk(dir: string, out: ImportInput[], problems: ExpandedSources['problems']): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    problems.push({ fileName: dir, message: `cannot read folder: ${(error as Error).message}` });
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    const path = join(dir, entry);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) walk(path, out, problems);
    else if (IMPORTABLE_EXTENSIONS.has(extname(entry).toLowerCase())) out.push({ kind: 'path', path, fileName: path, byteLength: stat.size });
  }
}

export function expandSources(sources: ImportSource[]): ExpandedSources {
  const inputs: ImportInput[] = [];
  const problems: ExpandedSources['problems'] = [];
  for (const source of sources) {
    if (source.kind === 'bytes') {
      inputs.push({ kind: 'bytes', fileName: basename(source.name), dataBase64: source.dataBase64 });
      continue;
    }
    let stat;
    try {
      stat = statSync(source.path);
    } catch {
      problems.push({ fileName: source.path, message: 'no such file or folder' });
      continue;
    }
    // A folder is searched for importable files; a file named explicitly is always tried.
    if (stat.isDirectory()) walk(source.path, inputs, problems);
    else inputs.push({ kind: 'path', path: source.path, fileName: source.path, byteLength: stat.size });
  }
  return { inputs, problems };
}
