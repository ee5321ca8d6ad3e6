// Worker-side: writes previewed drafts in ONE transaction, so a cancelled or failed import leaves
// nothing half-written. Spans carried by the files (exchange formats) are validated and imported too.
import type { DocumentDraft, ImportReport } from '../../../shared/api/import';
import type { DraftSpan } from '../../../shared/exchange/types';
import { spanOffsetsProblem } from '../../../shared/exchange/problems';
import { spanProblem } from '../../../shared/text/offsets';
import { insertDocumentAnnotations, type AnnotationRecord } from '../db/annotations';
import { mergeTimingRecord } from '../db/timing';
import { AttributeSetIds } from '../db/attribute-sets';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import { countDocuments, insertDocument } from '../db/documents';
import { getLabelByKey, insertLabel } from '../db/labels';
import { ensureAnnotator } from '../db/meta';
import { EntityImport } from './commit-entities';
import { sha256, type PreparedFile } from './preview';
import type { PreparedFileSource } from './staging';

const NEW_LABEL_COLOURS = ['#c2255c', '#0c8599', '#e67700', '#5f3dc4', '#2f9e44', '#1971c2', '#f08c00', '#862e9c'];

function labelIdFor(db: Db, key: string, cache: Map<string, number>): number {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const normalizedKey = key
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_')
    .replace(/^[^A-Z]/, 'L');
  const existing = getLabelByKey(db, normalizedKey);
  const id =
    existing?.id ??
    insertLabel(db, {
      key: normalizedKey,
      nameZh: key,
      nameEn: key,
      color: NEW_LABEL_COLOURS[cache.size % NEW_LABEL_COLOURS.length],
      hotkey: null,
      attributes: [],
    }).id;
  cache.set(key, id);
  return id;
}

export interface CommitInput {
  /** Loaded one at a time: a large import never holds every file's drafts at once. */
  files: PreparedFileSource[];
  annotator: string;
}

/**
 * A commit writes only what the user saw in the preview: a staged file that was replaced, cut short
 * or mixed up with another (as once happened when two workers named theirs alike) stops the commit
 * before it writes anything, instead of importing the wrong article or calling the right one a duplicate.
 */
function verifyPreviewed(source: PreparedFileSource, file: PreparedFile): void {
  const mismatch = (what: string) =>
    new Error(`Nothing was imported: ${file.fileName} (${source.describe()}) is not what was previewed (${what}); preview the files again`);
  if (file.drafts.length !== source.draftCount || file.drafts.length !== source.textHashes.length) {
    throw mismatch(`${file.drafts.length} documents, the preview had ${source.draftCount}`);
  }
  file.drafts.forEach((draft, i) => {
    if (sha256(draft.text) !== source.textHashes[i] || file.textHashes[i] !== source.textHashes[i]) throw mismatch(`document ${i + 1} has other text`);
  });
}

interface SpanSink {
  fileName: string;
  labelId: (key: string) => number;
  annotatorId: (name: string | undefined) => number;
  report: ImportReport;
}

/**
 * A draft's spans as records: invalid ones reported, spans held twice (same place, label and coder)
 * merged into one; `kept` are the spans of the records, `merged` names by ref the record each
 * merged span became (its relations point there).
 */
function spanRecords(draft: DocumentDraft, documentId: number, sink: SpanSink): { records: AnnotationRecord[]; kept: DraftSpan[]; merged: [string, number][] } {
  const now = nowIso();
  const records: AnnotationRecord[] = [];
  const places = new Map<string, number>();
  const kept: DraftSpan[] = [];
  const merged: [string, number][] = [];
  for (const span of draft.spans) {
    const problem = spanProblem(draft.text, span.start, span.end);
    if (problem) {
      const coded = spanOffsetsProblem(draft.text, span.start, span.end, span.label);
      const message = `span ${span.label} [${span.start}, ${span.end}) in "${draft.metadata.title}": ${problem}`;
      sink.report.rejected.push({ fileName: sink.fileName, message, ...(coded ? { code: coded.code, params: coded.params } : {}) });
      continue;
    }
    const record: AnnotationRecord = {
      documentId,
      start: span.start,
      end: span.end,
      labelId: sink.labelId(span.label),
      annotatorId: sink.annotatorId(span.annotator),
      origin: span.origin ?? 'manual',
      originDetail: span.originDetail,
      reviewState: span.reviewState ?? 'pending',
      attributes: span.attributes ?? {},
      note: span.note,
      createdAt: span.createdAt ?? now,
      updatedAt: span.updatedAt ?? span.createdAt ?? now,
      leadTimeMs: span.leadTimeMs,
    };
    const place = `${record.start} ${record.end} ${record.labelId} ${record.annotatorId}`;
    const same = places.get(place);
    if (same !== undefined) {
      sink.report.duplicateSpansMerged++;
      if (span.ref !== undefined) merged.push([span.ref, same]);
      continue;
    }
    places.set(place, records.length);
    records.push(record);
    kept.push(span);
  }
  return { records, kept, merged };
}

export function commitPrepared(db: Db, input: CommitInput, checkCancelled: () => void, progress: (done: number, total: number) => void): ImportReport {
  const report: ImportReport = { imported: 0, documentIds: [], skippedDuplicates: [], rejected: [], spansImported: 0, duplicateSpansMerged: 0 };
  const total = input.files.reduce((n, f) => n + f.draftCount, 0);
  const labelIds = new Map<string, number>();
  const annotatorIds = new Map<string, number>();
  const annotatorId = (name: string) => {
    let id = annotatorIds.get(name);
    if (id === undefined) annotatorIds.set(name, (id = ensureAnnotator(db, name)));
    return id;
  };
  let done = 0;
  db.transaction(() => {
    const documentsBefore = countDocuments(db);
    const attributeSets = new AttributeSetIds(); // this transaction's: see AttributeSetIds
    const defaultAnnotator = annotatorId(input.annotator);
    const labelId = (key: string) => labelIdFor(db, key, labelIds);
    const spanAnnotator = (name: string | undefined) => (name ? annotatorId(name) : defaultAnnotator);
    const entities = new EntityImport(db, labelId, spanAnnotator, report, nowIso());
    for (const source of input.files) {
      const file = source.load();
      verifyPreviewed(source, file);
      file.drafts.forEach((draft, i) => {
        checkCancelled();
        progress(++done, total);
        const id = file.duplicates[i]
          ? null
          : insertDocument(db, { draft, fileName: file.fileName, rawSha256: file.rawSha256, encoding: file.encoding, textSha256: file.textHashes[i] });
        entities.addTable(draft.entityTable);
        if (id === null) {
          report.skippedDuplicates.push({ fileName: file.fileName, title: draft.metadata.title });
          return;
        }
        report.imported++;
        report.documentIds.push(id);
        const { records, kept, merged } = spanRecords(draft, id, { fileName: file.fileName, labelId, annotatorId: spanAnnotator, report });
        const ids = insertDocumentAnnotations(db, id, records, attributeSets);
        entities.addDocument(file.fileName, id, kept, ids, draft.relations, new Map(merged.map(([ref, index]) => [ref, ids[index]!])));
        for (const t of draft.timings ?? []) mergeTimingRecord(db, { ...t, documentId: id, annotatorId: annotatorId(t.annotator) });
        report.spansImported += records.length;
      });
    }
    // Every previewed document is either in the project now or named as a duplicate; anything else is a bug, and rolls back.
    const added = countDocuments(db) - documentsBefore;
    if (done !== total || added !== report.imported || report.imported + report.skippedDuplicates.length !== total) {
      throw new Error(
        `Nothing was imported: the commit counted ${added} new documents for ${total} previewed (${report.imported} imported, ${report.skippedDuplicates.length} duplicates)`,
      );
    }
  })();
  return report;
}
