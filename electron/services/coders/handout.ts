// coders:handout — chooses the documents, splits them between the coders and writes one project
// file per coder. Each file is built under a temporary name beside its target and renamed into
// place only when complete; an existing file is replaced only when asked. The project is read only.
import { existsSync, linkSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import type { HandoutReport } from '../../../shared/api/coders';
import { ApiFailure } from '../../../shared/api/result';
import type { HandlerInput } from '../app/registry';
import { ensureFolder } from '../app/safe-folders';
import { normalizeProjectPath, type ProjectSession } from '../app/session';
import { documentFilterSql } from '../db/document-filters';
import { documentIdsWhere, projectIdentity, writeHandoutFile } from '../db/handout';
import { getMeta } from '../db/meta';
import { checkExportTarget, conflictMessage, resolveExportPath } from '../export/target';
import { resolveDocumentFilter } from './filters';
import { splitDocuments } from './split';

type Input = HandlerInput<'coders:handout'>;

/** File names may not carry path separators or characters Windows refuses. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_');

/** The file each coder gets: the path itself for one coder, else `{annotator}` replaced or `-NAME` before the extension. */
export function handoutPaths(outPath: string, coders: readonly string[]): string[] {
  if (coders.length === 1 && !outPath.includes('{annotator}')) return [normalizeProjectPath(outPath)];
  return coders.map((coder) => {
    if (outPath.includes('{annotator}')) return normalizeProjectPath(outPath.replaceAll('{annotator}', safeName(coder)));
    const path = normalizeProjectPath(outPath);
    const extension = extname(path);
    return `${path.slice(0, path.length - extension.length)}-${safeName(coder)}${extension}`;
  });
}

/** Moves the finished temp file to `target`: link() refuses an existing target, so nothing appearing meanwhile is replaced either. */
function placeFile(temp: string, target: string, overwrite: boolean): void {
  if (overwrite) {
    renameSync(temp, target);
    return;
  }
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ApiFailure('conflict', conflictMessage(target), { path: target, folder: false });
    // A file system without hard links: the check just made is the best there is.
    if (existsSync(target)) throw new ApiFailure('conflict', conflictMessage(target), { path: target, folder: false });
    renameSync(temp, target);
    return;
  }
  unlinkSync(temp);
}

const removeQuietly = (path: string) => ['', '-wal', '-shm', '-journal'].forEach((suffix) => rmSync(`${path}${suffix}`, { force: true }));

export async function handOut(session: ProjectSession, input: Input): Promise<HandoutReport> {
  const db = session.requireDb();
  const projectPath = session.requirePath();
  const { where, params } = documentFilterSql(resolveDocumentFilter(db, input.documents.filter));
  const ids = documentIdsWhere(db, where, params, input.documents.ids);
  if (ids.length === 0) throw new ApiFailure('invalid_input', 'No document of the project matches the chosen documents; nothing was written.');
  const split = splitDocuments(ids, input.annotators.length, { sample: input.sample, seed: input.seed, overlap: input.overlap });
  const targets = handoutPaths(resolveExportPath(input.outPath, projectPath), input.annotators);
  if (new Set(targets).size !== targets.length)
    throw new ApiFailure('invalid_input', 'Two coders would get the same file name; use {annotator} in the output path.');
  for (const target of targets) {
    if (target === projectPath) throw new ApiFailure('conflict', `${target} is the project itself; choose another file name.`);
    await checkExportTarget(target, false, input.overwrite);
  }
  const originId = projectIdentity(db);
  const originName = getMeta(db, 'name') ?? basename(projectPath, extname(projectPath));
  const handedOutAt = new Date().toISOString();
  const written: HandoutReport['files'] = [];
  for (const [i, coder] of input.annotators.entries()) {
    const target = targets[i]!;
    ensureFolder(dirname(target));
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    try {
      writeHandoutFile(db, projectPath, temp, { documentIds: split.perCoder[i]!, coder, originId, originName, handedOutAt });
      placeFile(temp, target, input.overwrite);
    } finally {
      removeQuietly(temp);
    }
    written.push({ annotator: coder, path: target, documents: split.perCoder[i]!.length });
  }
  return { originId, chosen: split.chosen.length, shared: input.annotators.length > 1 ? split.shared.length : 0, files: written };
}
