// Export worker thread: streams documents out of SQLite one at a time through a format's exporter,
// so memory stays flat however large the project is.
import type { ExportOptions, ExportReport } from '../../../shared/api/jobs';
import { assignSplits, exporters, validateExportDocument, type ExportDocument } from '../../../shared/exchange/index';
import { mapToOriginal } from '../../../shared/import/offset-map';
import { runInWorker } from '../app/worker-side';
import { writesFolder } from './layout';
import { OutputFiles } from './output-files';
import { openDatabase } from '../db/connection';
import { annotatorNames, exportDocumentIds, readExportDocuments, readExportSpans, type ExportDocumentRow, type ExportSpanRow } from '../db/export-queries';
import { listLabels } from '../db/labels';

export interface ExportWorkerData {
  projectPath: string;
  options: ExportOptions;
  /** File for single-file formats; folder for brat and split exports. */
  outPath: string;
}

/** Documents read per query pair. */
const EXPORT_BATCH = 100;

runInWorker<ExportWorkerData, ExportReport>((side) => {
  const { projectPath, options, outPath } = side.data;
  const exporter = exporters[options.format];
  const db = openDatabase(projectPath, { readonly: true });
  const output = new OutputFiles(outPath, writesFolder(exporter.layout, options));
  // One read snapshot for the whole export: edits made meanwhile are not half in it.
  db.exec('BEGIN');
  try {
    const labels = listLabels(db);
    const ctx = { labels: labels.map(({ key, nameZh, nameEn }) => ({ key, nameZh, nameEn })), offsets: options.offsets };
    const labelKeys = new Map(labels.map((l) => [l.id, l.key]));
    const annotators = annotatorNames(db);
    const wantedLabels = options.labelKeys?.length ? new Set(options.labelKeys) : null;
    const wantedAnnotator = options.annotator ? [...annotators].find(([, name]) => name === options.annotator)?.[0] ?? -1 : null;
    // Source offsets and the original text cost half the reading; only these exports use them.
    const withOriginal = options.format === 'biaozhu-jsonl' || options.offsets === 'source';
    const ids = exportDocumentIds(db, options);
    const splits = options.split ? assignSplits(ids, options.split) : null;
    const report: ExportReport = { format: options.format, files: output.written, documents: 0, spans: 0, dropped: [] };
    const dropped = new Map<string, number>();
    const adjusted = new Map<string, number>();
    for (const chunk of exporter.begin(ctx)) output.write(chunk.path, chunk.text);
    output.endDocument(); // headers are written; files they opened are shared, not per document
    // Read in batches: two queries per batch instead of two per document.
    let batch: { rows: ExportDocumentRow[]; spans: Map<number, ExportSpanRow[]> } = { rows: [], spans: new Map() };
    ids.forEach((id, index) => {
      side.checkCancelled();
      side.progress(index, ids.length);
      if (index % EXPORT_BATCH === 0) {
        const batchIds = ids.slice(index, index + EXPORT_BATCH);
        batch = { rows: readExportDocuments(db, batchIds, withOriginal), spans: readExportSpans(db, batchIds, exporter.spanDetails) };
      }
      const row = batch.rows[index % EXPORT_BATCH]!;
      const offsetMap = row.offset_map_json === null ? undefined : (JSON.parse(row.offset_map_json) as number[]);
      const spans = (batch.spans.get(id) ?? []).filter(
        ([, , , , labelId, annotatorId]) => (!wantedLabels || wantedLabels.has(labelKeys.get(labelId)!)) && (wantedAnnotator === null || annotatorId === wantedAnnotator),
      );
      const doc: ExportDocument = {
        id,
        metadata: {
          title: row.title, date: row.published_at, source: row.source, district: row.district, url: row.url,
          reporters: JSON.parse(row.reporters_json), externalId: row.external_id,
        },
        status: row.status,
        text: row.text,
        originalText: row.original_text ?? '',
        offsetMap,
        split: splits?.get(id),
        // Formats without span details never read the defaults filled in here (see spanDetails).
        spans: spans.map(([, spanId, start, end, labelId, annotatorId, origin = 'manual', reviewState = 'pending', attributesJson = '{}', createdAt = '', updatedAt = '']) => {
          const source = offsetMap ? mapToOriginal(offsetMap, start, end) : null;
          return {
            id: spanId, start, end, label: labelKeys.get(labelId)!,
            attributes: attributesJson === '{}' ? {} : JSON.parse(attributesJson),
            annotator: annotators.get(annotatorId)!, origin, reviewState, createdAt, updatedAt,
            ...(source ? { sourceStart: source.start, sourceEnd: source.end } : {}),
          };
        }),
      };
      // A corrupt span is reported, never written as a wrong file.
      const problem = validateExportDocument(doc);
      if (problem) throw new Error(`Document ${id} ("${row.title}") cannot be exported: ${problem}`);
      const { chunks, dropped: droppedHere, adjusted: adjustedHere = [] } = exporter.document(doc, ctx);
      for (const chunk of chunks) output.write(chunk.path, chunk.text);
      for (const d of droppedHere) dropped.set(d.reason, (dropped.get(d.reason) ?? 0) + d.count);
      for (const d of adjustedHere) adjusted.set(d.reason, (adjusted.get(d.reason) ?? 0) + d.count);
      output.endDocument();
      report.documents++;
      report.spans += doc.spans.length - droppedHere.reduce((n, d) => n + d.count, 0);
      if (splits) {
        report.split ??= { train: 0, dev: 0, test: 0 };
        report.split[splits.get(id)!]++;
      }
    });
    for (const chunk of exporter.end(ctx)) output.write(chunk.path, chunk.text);
    output.close(true);
    side.progress(ids.length, ids.length);
    report.dropped = [...dropped].map(([reason, count]) => ({ reason, count }));
    report.adjusted = [...adjusted].map(([reason, count]) => ({ reason, count }));
    report.files = [...output.written];
    return report;
  } finally {
    output.close(false);
    if (db.inTransaction) db.exec('COMMIT');
    db.close();
  }
});
