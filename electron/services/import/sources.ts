// Expands what the user handed us (files, folders, dropped bytes) into a flat list of files to read.
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, sep } from 'node:path';
import type { ImportSource } from '../../../shared/api/import';
import { coded, type CodedProblem } from '../../../shared/exchange/problems';

export const IMPORTABLE_EXTENSIONS = new Set([
  '.txt',
  '.text',
  '.html',
  '.htm',
  '.docx',
  '.jsonl',
  '.ndjson',
  '.json',
  '.csv',
  '.tsv',
  '.conll',
  '.bio',
  '.bioes',
  '.bmes',
  '.ann',
]);

export type ImportInput =
  | {
      kind: 'path';
      path: string;
      fileName: string;
      byteLength?: number;
      /** The path's bytes, when a name in it is not valid UTF-8 (`path` is then only its display form). */
      rawPath?: Uint8Array;
      /** Says the name was not valid UTF-8 and how it is shown; copied into the documents' warnings. */
      nameWarning?: string;
    }
  | { kind: 'bytes'; fileName: string; dataBase64: string };

/** What to open for a path input: its bytes when its name could not be decoded (a worker receives them as a Uint8Array). */
export const openablePath = (input: ImportInput & { kind: 'path' }): string | Buffer => (input.rawPath ? Buffer.from(input.rawPath) : input.path);

/** Bytes to read for an input (an estimate where the size was not recorded), to share work out. */
export function inputByteLength(input: ImportInput): number {
  return input.kind === 'bytes' ? Math.floor((input.dataBase64.length * 3) / 4) : (input.byteLength ?? 0);
}

export interface ExpandedSources {
  inputs: ImportInput[];
  /** Paths that could not be listed or do not exist, with the reason. */
  problems: (CodedProblem & { fileName: string })[];
}

/**
 * A file name as bytes, shown as text: UTF-8 when it is; GB18030 when it decodes as that (Windows
 * zips unpacked on Linux leave GBK names); otherwise UTF-8 with U+FFFD for what cannot be read.
 */
export function displayName(name: Uint8Array): { text: string; note: string | null } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(name), note: null };
  } catch {
    // not UTF-8: try GB18030 below
  }
  const hex = Buffer.from(name)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(name);
    return { text, note: `the file name is not valid UTF-8 (bytes ${hex}); shown as read in GB18030` };
  } catch {
    const text = new TextDecoder('utf-8').decode(name);
    return { text, note: `the file name is not valid UTF-8 or GB18030 (bytes ${hex}); unreadable characters are shown as \ufffd` };
  }
}

interface Folder {
  /** What to pass to fs: a string, or bytes once a name on the way was not UTF-8. */
  open: string | Buffer;
  shown: string;
  /** Set when a folder name on the way was not UTF-8; its files carry it. */
  note: string | null;
}

function walk(dir: Folder, out: ImportInput[], problems: ExpandedSources['problems']): void {
  let entries: Buffer[];
  try {
    // Names as bytes: a name that is not UTF-8 would come back with U+FFFD and could not be opened.
    entries = readdirSync(dir.open, { encoding: 'buffer' }).sort(Buffer.compare);
  } catch (error) {
    const detail = (error as Error).message;
    problems.push({ fileName: dir.shown, ...coded('folder_unreadable', `cannot read folder: ${detail}`, { detail }) });
    return;
  }
  for (const entry of entries) {
    if (entry[0] === 0x2e) continue; // hidden (.git, .DS_Store)
    const name = displayName(entry);
    const note = name.note ?? dir.note;
    const shown = join(dir.shown, name.text);
    const open =
      typeof dir.open === 'string' && name.note === null ? join(dir.open, name.text) : Buffer.concat([Buffer.from(dir.open), Buffer.from(sep), entry]);
    const importable = IMPORTABLE_EXTENSIONS.has(extname(name.text).toLowerCase());
    let stat;
    try {
      stat = statSync(open);
    } catch (error) {
      // Skipped only when it would not have been imported anyway; otherwise the preview says why.
      const detail = `${(error as Error).message}${note ? `; ${note}` : ''}`;
      if (importable) problems.push({ fileName: shown, ...coded('file_unreadable', `cannot read file: ${detail}`, { detail }) });
      continue;
    }
    if (stat.isDirectory()) walk({ open, shown, note: name.note ? name.note.replace('file name', `folder name ${name.text}`) : dir.note }, out, problems);
    else if (importable) {
      out.push({
        kind: 'path',
        path: shown,
        fileName: shown,
        byteLength: stat.size,
        ...(typeof open === 'string' ? {} : { rawPath: new Uint8Array(open) }),
        ...(note ? { nameWarning: note } : {}),
      });
    }
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
      problems.push({ fileName: source.path, ...coded('not_found', 'no such file or folder') });
      continue;
    }
    // A folder is searched for importable files; a file named explicitly is always tried.
    if (stat.isDirectory()) walk({ open: source.path, shown: source.path, note: null }, inputs, problems);
    else inputs.push({ kind: 'path', path: source.path, fileName: source.path, byteLength: stat.size });
  }
  return { inputs, problems };
}
