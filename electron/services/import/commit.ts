// Worker-side: writes previewed drafts in ONE transaction, so a cancelled or failed import leaves
// nothing half-written. Spans carried by the files (exchange formats) are validated and imported too.
import type { ImportReport } from '../../../shared/api/jobs';
import { spanProblem } from '../../../shared/text/offsets';
import { insertDocumentAnnotations, type AnnotationRecord } from '../db/annotations';
import { AttributeSetIds } from '../db/attribute-sets';
import type { Db } from '../db/connection';
import { nowIso } from '../db/connection';
import { insertDocument } from '../db/documents';
import { getLabelByKey, insertLabel } from '../db/labels';
import { ensureAnnotator } from '../db/meta';
import type { PreparedFileSource } from './staging';

const NEW_LABEL_COLOURS = ['#c2255c', '#0c8599', '#e67700', '#5f3dc4', '#2f9e44', '#1971c2', '#f08c00', '#862e9c'];

function labelIdFor(db: Db, key: string, cache: Map<string, number>): number {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const normalizedKey = key.toUpperCase().replace(/[^A-Z0-9_]/g, '_').replace(/^[^A-Z]/, 'L');
  const existing = getLabelByKey(db, normalizedKey);
  const id = existing?.id ?? insertLabel(db, {
    key: normalizedKey, nameZh: key, nameEn: key, color: NEW_LABEL_COLOURS[cache.size % NEW_LABEL_COLOURS.length], hotkey: null, attributes: [],
  }).id;
  cache.set(key, id);
  return id;
}

export interface CommitInput {
  /** Loaded one at a time: a large import never holds every file's drafts at once. */
  files: PreparedFileSource[];
  annotator: string;
}

export function commitPrepared(db: Db, input: CommitInput, checkCancelled: () => void, progress: (done: number, total: number) => void): ImportReport {
  const report: ImportReport = { imported: 0, documentIds: [], skippedDuplicates: [], rejected: [], spansImported: 0 };
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
    const attributeSets = new AttributeSetIds(); // this transaction's: see AttributeSetIds
    const defaultAnnotator = annotatorId(input.annotator);
    for (const source of input.files) {
      const file = source.load();
      file.drafts.forEach((draft, i) => {
        checkCancelled();
        progress(++done, total);
        const id = file.duplicates[i]
          ? null
          : insertDocument(db, { draft, fileName: file.fileName, rawSha256: file.rawSha256, encoding: file.encoding, textSha256: file.textHashes[i] });
        if (id === null) {
          report.skippedDuplicates.push({ fileName: file.fileName, title: draft.metadata.title });
          return;
        }
        report.imported++;
        report.documentIds.push(id);
        const now = nowIso();
        const records: AnnotationRecord[] = [];
        for (const span of draft.spans) {
          const problem = spanProblem(draft.text, span.start, span.end);
          if (problem) {
            report.rejected.push({ fileName: file.fileName, message: `span ${span.label} [${span.start}, ${span.end}) in "${draft.metadata.title}": ${problem}` });
            continue;
          }
          records.push({
            documentId: id, start: span.start, end: span.end, labelId: labelIdFor(db, span.label, labelIds),
            annotatorId: span.annotator ? annotatorId(span.annotator) : defaultAnnotator,
            origin: span.origin ?? 'manual', reviewState: span.reviewState ?? 'pending', attributes: span.attributes ?? {}, createdAt: now, updatedAt: now,
          });
        }
        insertDocumentAnnotations(db, id, records, attributeSets);
        report.spansImported += records.length;
      });
    }
  })();
  return report;
}

