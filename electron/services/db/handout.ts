// Hand-out files: a new project file holding chosen documents of a project, its label schema and
// its suggestions' library, with the coder's name and where it came from in project_meta. Written into a file nobody else
// knows yet (the caller's temp file); the source project is only read, through ATTACH.
import { createHash, randomUUID } from 'node:crypto';
import { ApiFailure } from '../../../shared/api/result';
import { openDatabase, type Db } from './connection';
import { copyEntityTables } from './entity-team';
import { ensureAnnotator, getMeta } from './meta';
import { schemaVersion, SCHEMA_VERSION } from './migrations';
import { copyCoderTimings } from './timing';

/** project_meta keys of a hand-out file. */
export const HANDOUT_META = {
  /** This file's own id (a project without one is known by its creation time and name). */
  projectId: 'project_id',
  /** The id of the project it was handed out from, and that project's name. */
  originId: 'origin_project_id',
  originName: 'origin_project_name',
  handedOutAt: 'handed_out_at',
  /** The coder it was handed out to. */
  coder: 'handout_annotator',
  /** The coder name new spans in this file are made with (the app's name setting is not used). */
  annotator: 'annotator',
} as const;

/**
 * A project's id: the one stored, else one derived from its creation time and name, which a project
 * gets once when it is created. Read only: handing out must not change the project.
 */
export function projectIdentity(db: Db): string {
  const stored = getMeta(db, HANDOUT_META.projectId);
  if (stored) return stored;
  const basis = `${getMeta(db, 'created_at') ?? ''}\n${getMeta(db, 'name') ?? ''}`;
  return `p-${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

function columns(db: Db, table: string): string[] {
  return db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
}

export interface HandoutFile {
  documentIds: readonly number[];
  coder: string;
  originId: string;
  originName: string;
  handedOutAt: string;
}

/**
 * Writes a hand-out project at `tempPath` (which must not exist): the labels as they are (ids,
 * colours, hotkeys, attributes, guidelines), the documents with their texts, metadata, status and
 * note but none of their spans, and the hand-out's meta. Leaves the file closed, without a WAL.
 */
export function writeHandoutFile(source: Db, sourcePath: string, tempPath: string, file: HandoutFile): void {
  if (schemaVersion(source) !== SCHEMA_VERSION) {
    throw new ApiFailure(
      'invalid_input',
      `The project is at schema ${schemaVersion(source)}; open it in this Biaozhu once (which upgrades it) before handing out documents.`,
    );
  }
  const out = openDatabase(tempPath, { create: true });
  try {
    // By plain path: a file: URI with mode=ro works only where SQLite was loaded with URIs on, which a
    // worker thread's core cannot count on. Only SELECTs read src; the session's open connection keeps
    // its WAL, so detaching checkpoints nothing.
    try {
      out.prepare('ATTACH DATABASE ? AS src').run(sourcePath);
    } catch (error) {
      // E.g. a project in a folder SQLite cannot write its -shm file in (the app opens those immutable).
      throw new ApiFailure('io', `Cannot read ${sourcePath} to hand out its documents: ${(error as Error).message}. Nothing was written.`);
    }
    out.transaction(() => {
      const labelColumns = columns(out, 'labels').join(', ');
      out.exec(`INSERT INTO labels (${labelColumns}) SELECT ${labelColumns} FROM src.labels`);
      const documentColumns = columns(out, 'documents');
      const selected = documentColumns.map((c) => (c === 'span_count' ? '0' : c)).join(', ');
      const wanted = 'SELECT value FROM json_each(?)';
      out
        .prepare(`INSERT INTO documents (${documentColumns.join(', ')}) SELECT ${selected} FROM src.documents WHERE id IN (${wanted})`)
        .run(JSON.stringify(file.documentIds));
      const textColumns = columns(out, 'document_texts').join(', ');
      out
        .prepare(`INSERT INTO document_texts (${textColumns}) SELECT ${textColumns} FROM src.document_texts WHERE document_id IN (${wanted})`)
        .run(JSON.stringify(file.documentIds));
      copySuggestionLibrary(out);
      copyEntityTables(out);
      // The coder's own time on these documents so far (#24 timing).
      copyCoderTimings(out, file.coder, ensureAnnotator(out, file.coder), file.documentIds);
      const meta = out.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?)');
      meta.run('name', `${file.originName} — ${file.coder}`);
      meta.run('created_at', file.handedOutAt);
      meta.run(HANDOUT_META.projectId, randomUUID());
      meta.run(HANDOUT_META.originId, file.originId);
      meta.run(HANDOUT_META.originName, file.originName);
      meta.run(HANDOUT_META.handedOutAt, file.handedOutAt);
      meta.run(HANDOUT_META.coder, file.coder);
      meta.run(HANDOUT_META.annotator, file.coder);
    })();
    out.exec('DETACH DATABASE src');
    // One self-contained file to send: no -wal or -shm beside it.
    out.pragma('journal_mode = DELETE');
  } finally {
    out.close();
  }
}

/**
 * The suggestions' library (#22): gazetteers, patterns (replacing those the new file's migration
 * seeded: the project's may be edited or disabled) and the learned tagger, so that the coder gets
 * the project's suggestions. Ids are kept, so an accepted suggestion's sourceId names the same
 * gazetteer or pattern in both files. Rejections and the coder's dictionary stay behind: the
 * hand-out carries no spans, and what the coder rejects is theirs to decide.
 */
function copySuggestionLibrary(out: Db): void {
  out.exec('DELETE FROM suggestion_patterns');
  for (const table of ['gazetteers', 'gazetteer_terms', 'suggestion_patterns', 'suggestion_models']) {
    const list = columns(out, table).join(', ');
    out.exec(`INSERT INTO ${table} (${list}) SELECT ${list} FROM src.${table}`);
  }
}

/** Documents of the project matching the resolved filter SQL, or the given ids that exist. */
export function documentIdsWhere(db: Db, where: string, params: readonly (string | number | null)[], ids?: readonly number[]): number[] {
  const idClause = ids ? `${where ? ' AND' : 'WHERE'} id IN (SELECT value FROM json_each(?))` : '';
  return db
    .prepare(`SELECT id FROM documents ${where}${idClause} ORDER BY id`)
    .pluck()
    .all(...params, ...(ids ? [JSON.stringify(ids)] : [])) as number[];
}
