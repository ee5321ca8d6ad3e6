// coders:mergePreview and coders:merge — read the coder files, say how they match the project
// (documents by content hash, labels by key), refuse what would mix projects up, then write every
// coder's spans, statuses and notes in one transaction. What the project has is never replaced.
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import type { CoderFilePreview, LabelMapping, MergePreview, MergeReport } from '../../../shared/api/coders';
import { ApiFailure } from '../../../shared/api/result';
import { backUpBeforeImport } from '../app/backups';
import type { HandlerInput } from '../app/registry';
import { normalizeProjectPath, type ProjectSession } from '../app/session';
import { AttributeSetIds } from '../db/attribute-sets';
import type { Db } from '../db/connection';
import { HANDOUT_META, projectIdentity } from '../db/handout';
import { getLabelByKey, insertLabel, listLabels } from '../db/labels';
import * as merge from '../db/merge';
import { ensureAnnotator, getMeta } from '../db/meta';
import { mergeTimingRecord, namedTimingRecords } from '../db/timing';
import { mergeCoderEntities } from '../entities/merge-coder';

interface CoderFile {
  path: string;
  db: Db;
  coder: string;
  fromThisProject: boolean;
  originName: string | null;
  documents: merge.CoderDocument[];
  spans: merge.CoderSpan[];
  labels: merge.LabelOrigin[];
}

const realPath = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    throw new ApiFailure('not_found', `No coder file at ${path}`);
  }
};

/** Opens a coder file, naming it in any failure (a damaged, foreign or newer file). */
function readCoderFile(path: string, mainId: string): CoderFile {
  let db: Db;
  try {
    db = merge.openCoderFile(path);
  } catch (error) {
    if (error instanceof ApiFailure) {
      const named = error.message.includes(path) ? error.message : `Coder file ${path}: ${error.message}`;
      throw new ApiFailure(error.code, `${named} Nothing was merged.`, error.details);
    }
    throw error;
  }
  try {
    if (projectIdentity(db) === mainId) {
      throw new ApiFailure('invalid_input', `${path} is the project itself (or a copy of it), not a coder file; nothing was merged.`);
    }
    const spans = merge.coderSpans(db);
    const coder = getMeta(db, HANDOUT_META.coder) ?? (merge.spanAnnotators(db).join(', ') || basename(path));
    return {
      path,
      db,
      coder,
      spans,
      fromThisProject: getMeta(db, HANDOUT_META.originId) === mainId,
      originName: getMeta(db, HANDOUT_META.originName),
      documents: merge.coderDocuments(db),
      labels: merge.labelOrigins(db),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function openAll(session: ProjectSession, paths: readonly string[]): { main: Db; files: CoderFile[] } {
  const main = session.requireDb();
  const mainPath = realPath(session.requirePath());
  const mainId = projectIdentity(main);
  const seen = new Set<string>();
  for (const path of paths) {
    const real = realPath(normalizeProjectPath(path));
    if (real === mainPath) throw new ApiFailure('invalid_input', `${path} is the project itself, not a coder file; nothing was merged.`);
    if (seen.has(real)) throw new ApiFailure('invalid_input', `${path} is named twice; nothing was merged.`);
    seen.add(real);
  }
  const files: CoderFile[] = [];
  try {
    for (const path of paths) files.push(readCoderFile(normalizeProjectPath(path), mainId));
    const byCoder = new Map<string, string>();
    for (const file of files) {
      const other = byCoder.get(file.coder);
      if (other)
        throw new ApiFailure(
          'invalid_input',
          `${other} and ${file.path} are both coder ${file.coder}'s; merge one of them (each coder's spans are told apart by name). Nothing was merged.`,
        );
      byCoder.set(file.coder, file.path);
    }
    return { main, files };
  } catch (error) {
    files.forEach((f) => f.db.close());
    throw error;
  }
}

function labelMappings(main: Db, files: readonly CoderFile[]): LabelMapping[] {
  const mainLabels = merge.labelOrigins(main);
  const mainKeys = new Set(mainLabels.map((l) => l.key));
  const byKey = new Map<string, LabelMapping>();
  for (const file of files) {
    const counts = new Map<string, number>();
    for (const span of file.spans) counts.set(span[3], (counts.get(span[3]) ?? 0) + 1);
    for (const [key, spans] of counts) {
      let entry = byKey.get(key);
      if (!entry) {
        const label = file.labels.find((l) => l.key === key);
        const handedOutAs = label && mainLabels.find((m) => m.id === label.id && m.created_at === label.created_at);
        entry = mainKeys.has(key)
          ? { coderKey: key, kind: 'same', suggested: key, spans: 0, files: [] }
          : handedOutAs
            ? { coderKey: key, kind: 'renamed', suggested: handedOutAs.key, spans: 0, files: [] }
            : { coderKey: key, kind: 'new', suggested: null, spans: 0, files: [] };
        byKey.set(key, entry);
      }
      entry.spans += spans;
      entry.files.push(file.path);
    }
  }
  return [...byKey.values()];
}

function previewOf(main: Db, files: readonly CoderFile[]): MergePreview {
  const hashes = merge.documentsByHash(main);
  const coders: CoderFilePreview[] = files.map((file) => {
    const missing = file.documents.filter((d) => !hashes.has(d.text_sha256));
    return {
      path: file.path,
      coder: file.coder,
      fromThisProject: file.fromThisProject,
      documents: file.documents.length,
      documentsMatched: file.documents.length - missing.length,
      documentsMissing: missing.map((d) => ({ title: d.title, textSha256: d.text_sha256 })),
      spans: file.spans.length,
    };
  });
  const problems: string[] = [];
  for (const c of coders) {
    const file = files.find((f) => f.path === c.path)!;
    if (!c.fromThisProject) {
      problems.push(
        file.originName
          ? `${c.path} was handed out from another project ("${file.originName}"), not this one.`
          : `${c.path} was not handed out from this project (it records no origin).`,
      );
    } else if (c.documents > 0 && c.documentsMatched === 0) problems.push(`${c.path} shares no document with this project.`);
  }
  const labels = labelMappings(main, files);
  const coderKeys = new Set(files.flatMap((f) => f.labels.map((l) => l.key)));
  const labelsOnlyInProject = listLabels(main)
    .map((l) => l.key)
    .filter((k) => !coderKeys.has(k));
  return { coders, labels, labelsOnlyInProject, problems };
}

async function withCoderFiles<T>(session: ProjectSession, paths: readonly string[], run: (main: Db, files: CoderFile[]) => T | Promise<T>): Promise<T> {
  const { main, files } = openAll(session, paths);
  try {
    return await run(main, files);
  } finally {
    files.forEach((f) => f.db.close());
  }
}

export function previewMerge(session: ProjectSession, input: HandlerInput<'coders:mergePreview'>): Promise<MergePreview> {
  return withCoderFiles(session, input.paths, previewOf);
}

/** Throws naming every label of the coder files whose spans have nowhere to go yet (no mapping, not accepted, a mapping to no label). */
function checkLabels(main: Db, files: readonly CoderFile[], mappings: readonly LabelMapping[], input: HandlerInput<'coders:merge'>): void {
  const coderKeys = new Set(files.flatMap((f) => f.labels.map((l) => l.key)));
  const unknown = Object.keys(input.labelMap).filter((key) => !coderKeys.has(key));
  if (unknown.length > 0) {
    throw new ApiFailure(
      'invalid_input',
      `--map ${unknown.join(', ')}: no coder file has such a label (theirs: ${[...coderKeys].join(', ')}). Nothing was merged.`,
    );
  }
  const unresolved: string[] = [];
  for (const m of mappings) {
    const target = input.labelMap[m.coderKey];
    if (target !== undefined) {
      if (!getLabelByKey(main, target)) {
        throw new ApiFailure(
          'invalid_input',
          `--map ${m.coderKey}=${target}: the project has no label ${target} (labels: ${listLabels(main)
            .map((l) => l.key)
            .join(', ')}). Nothing was merged.`,
        );
      }
    } else if (m.kind === 'renamed') {
      unresolved.push(`${m.coderKey} → ${m.suggested}? (renamed; ${m.spans} spans; confirm with --map ${m.coderKey}=${m.suggested})`);
    } else if (m.kind === 'new' && !input.acceptNewLabels) {
      unresolved.push(`${m.coderKey} (new; ${m.spans} spans; --map ${m.coderKey}=KEY puts them under a project label, --accept-new-labels adds the label)`);
    }
  }
  if (unresolved.length > 0) {
    throw new ApiFailure(
      'invalid_input',
      `The coder files' labels differ from the project's; confirm the mapping first. Nothing was merged.\n  ${unresolved.join('\n  ')}`,
      { labels: mappings },
    );
  }
}

/** Each coder label key → the project label id its spans go to, creating the accepted new labels (after checkLabels, in the merge's transaction). */
function resolveLabels(
  main: Db,
  files: readonly CoderFile[],
  mappings: readonly LabelMapping[],
  input: HandlerInput<'coders:merge'>,
): { ids: Map<string, number>; created: string[] } {
  const ids = new Map<string, number>();
  const created: string[] = [];
  for (const m of mappings) {
    const target = input.labelMap[m.coderKey] ?? (m.kind === 'same' ? m.coderKey : undefined);
    if (target !== undefined) {
      ids.set(m.coderKey, getLabelByKey(main, target)!.id);
      continue;
    }
    const source = files.map((f) => listLabels(f.db).find((l) => l.key === m.coderKey)).find(Boolean)!;
    const hotkeyFree = source.hotkey !== null && !listLabels(main).some((l) => l.hotkey === source.hotkey);
    const { id: _id, order: _order, ...fields } = source;
    ids.set(m.coderKey, insertLabel(main, { ...fields, hotkey: hotkeyFree ? source.hotkey : null }).id);
    created.push(m.coderKey);
  }
  return { ids, created };
}

/** The coder's spans of one document that fit the project's copy of it, as insertCoderSpans takes them; the others are counted as invalid. */
function fittingSpans(
  spans: readonly merge.CoderSpan[],
  charCount: number,
  labelId: (key: string) => number,
  annotatorId: (name: string) => number,
  report: { spansInvalid: number },
): Parameters<typeof merge.insertCoderSpans>[2][number][] {
  const valid = [];
  for (const [, start, end, key, annotator, origin, reviewState, attributesJson, note, createdAt, updatedAt, originDetailJson, leadTimeMs] of spans) {
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= charCount)) {
      report.spansInvalid++;
      continue;
    }
    valid.push({
      start,
      end,
      labelId: labelId(key),
      annotatorId: annotatorId(annotator),
      origin,
      reviewState,
      attributesJson,
      note,
      createdAt,
      updatedAt,
      originDetailJson,
      leadTimeMs,
    });
  }
  return valid;
}

export async function mergeCoderFiles(session: ProjectSession, input: HandlerInput<'coders:merge'>): Promise<MergeReport> {
  session.requireWritableDb();
  return withCoderFiles(session, input.paths, async (main, files) => {
    const preview = previewOf(main, files);
    if (preview.problems.length > 0 && !input.force) {
      throw new ApiFailure('conflict', `${preview.problems.join(' ')} Nothing was merged; merge it anyway with force (--force).`, {
        problems: preview.problems,
      });
    }
    checkLabels(main, files, preview.labels, input);
    // A merge writes as much as an import: the same backup first (and no merge without one).
    await backUpBeforeImport(session);
    if (session.requireWritableDb() !== main)
      throw new ApiFailure('conflict', 'The project was closed or switched while the merge was being prepared; nothing was merged.');
    return main.transaction((): MergeReport => {
      const labels = resolveLabels(main, files, preview.labels, input);
      const hashes = merge.documentsByHash(main);
      const sets = new AttributeSetIds();
      const annotators = new Map<string, number>();
      const annotatorId = (name: string) => annotators.get(name) ?? annotators.set(name, ensureAnnotator(main, name)).get(name)!;
      const coders = files.map((file, i) => {
        const report = {
          path: file.path,
          coder: file.coder,
          documentsMatched: preview.coders[i]!.documentsMatched,
          documentsMissing: preview.coders[i]!.documentsMissing.length,
          documentsAdded: 0,
          spansAdded: 0,
          spansAlreadyPresent: 0,
          spansInvalid: 0,
          statusesAdvanced: 0,
        };
        const documentTargets = new Map<number, number>();
        const spansByDocument = new Map<number, merge.CoderSpan[]>();
        for (const span of file.spans) (spansByDocument.get(span[0]) ?? spansByDocument.set(span[0], []).get(span[0])!).push(span);
        for (const doc of file.documents) {
          let target = hashes.get(doc.text_sha256);
          if (!target) {
            if (!input.addMissing) continue;
            target = { id: merge.copyDocument(main, file.db, doc.id), charCount: doc.char_count, status: doc.status, note: doc.note };
            hashes.set(doc.text_sha256, target);
            report.documentsAdded++;
          } else if (merge.mergeDocumentState(main, target.id, target, { status: doc.status, note: doc.note, name: file.coder })) report.statusesAdvanced++;
          merge.recordCoderStatus(main, target.id, annotatorId(file.coder), doc.status);
          documentTargets.set(doc.id, target.id);
          const valid = fittingSpans(spansByDocument.get(doc.id) ?? [], target.charCount, (key) => labels.ids.get(key)!, annotatorId, report);
          const { added, present } = merge.insertCoderSpans(main, target.id, valid, sets);
          report.spansAdded += added;
          report.spansAlreadyPresent += present;
          // The coders' time on the document (#24): the larger total wins, so merging a file again adds nothing.
          for (const t of namedTimingRecords(file.db, doc.id)) mergeTimingRecord(main, { ...t, documentId: target.id, annotatorId: annotatorId(t.annotator) });
        }
        // Entity links and relations (#23) go onto the spans just merged.
        return { ...report, entities: mergeCoderEntities(main, file.db, { documents: documentTargets, labels: labels.ids, annotatorId }) };
      });
      return { coders, labelsCreated: labels.created };
    })();
  });
}
