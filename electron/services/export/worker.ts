// Export worker thread: formats documents through a format's exporter and writes them, while a
// second thread (this same file, started with role 'export-reader') reads them from SQLite in
// batches, and for brat a third (role 'export-file-writer') creates its files. Memory stays flat
// however large the project is.
import { workerData } from 'node:worker_threads';
import type { ExportOptions, ExportReport } from '../../../shared/api/jobs';
import { assignSplits, exporters, SpanIssueList, UnexportableDocument, type ExportDocument, type ExportSpan } from '../../../shared/exchange/index';
import { mapToOriginal } from '../../../shared/import/offset-map';
import { runInWorker, type WorkerSide } from '../app/worker-side';
import { AttributeTable, noAttributes } from './attribute-table';
import { FileWriter, runFileWriter } from './file-writer';
import { writesFolder } from './layout';
import { OutputFiles } from './output-files';
import { TextUnpacker, type BatchRow } from './packed-texts';
import { spanOrigin, spanReviewState, SpanUnpacker } from './span-batches';
import { ExportReader, runExportReader, type ReaderData, type ReaderMessage } from './reader';

type Batch = Extract<ReaderMessage, { type: 'batch' }>;

export interface ExportWorkerData {
  projectPath: string;
  options: ExportOptions;
  /** File for single-file formats; folder for brat and split exports. */
  outPath: string;
}

/** Runs the formatting half; the reading half runs in a thread of its own (see reader.ts). */
async function exportProject(side: WorkerSide<ExportWorkerData>): Promise<ExportReport> {
  const { projectPath, options, outPath } = side.data;
  const exporter = exporters[options.format];
  // brat's files are each written whole by one document: a thread of their own creates them.
  const handOff = exporter.layout === 'folder';
  const output = new OutputFiles(outPath, writesFolder(exporter.layout, options), { handOff, overwrite: options.overwrite });
  const fileWriter = handOff ? new FileWriter(__filename, output.createFlags, (path) => output.forget(path)) : null;
  const handOver = async () => {
    if (!fileWriter) return;
    const batch = output.takeBatch(fileWriter.spare());
    if (batch) await fileWriter.write(batch);
  };
  // Source offsets and the original text cost half the reading; only these exports use them.
  const withOriginal = options.format === 'biaozhu-jsonl' || options.offsets === 'source';
  const reader = new ExportReader(__filename, {
    projectPath, options, withOriginal, utf8Texts: exporter.utf8Texts === true, spanDetails: exporter.spanDetails, notes: exporter.notes === true,
    nativeBinding: (workerData as { nativeBinding?: string }).nativeBinding,
  });
  try {
    const snapshot = await reader.next();
    if (snapshot.type !== 'snapshot') throw new Error('the export reader sent no snapshot');
    const { labels, ids } = snapshot;
    const ctx = { labels: labels.map(({ key, nameZh, nameEn }) => ({ key, nameZh, nameEn })), offsets: options.offsets };
    const labelKeys = new Map(labels.map((l) => [l.id, l.key]));
    const annotators = new Map(snapshot.annotators);
    const wantedLabels = options.labelKeys?.length ? new Set(options.labelKeys) : null;
    const wantedAnnotator = options.annotator ? [...annotators].find(([, name]) => name === options.annotator)?.[0] ?? -1 : null;
    const splits = options.split ? assignSplits(ids, options.split) : null;
    const report: ExportReport = {
      format: options.format, files: output.written, documents: 0, spans: 0, dropped: [],
      reviewLeftOut: snapshot.reviewLeftOut, todoLeftOut: snapshot.todoLeftOut, spanList: [], spanListMore: 0,
    };
    // Which spans were dropped or adjusted: built only for documents that have any.
    const spanIssues = new SpanIssueList();
    const attributes = new AttributeTable();
    const unpacker = new TextUnpacker(exporter.utf8Texts === true);
    const dropped = new Map<string, number>();
    const adjusted = new Map<string, number>();
    /** Every exporter validates the document first: a corrupt span is reported, never written as a wrong file. */
    const formatDocument = (doc: ExportDocument, title: string) => {
      try {
        return exporter.document(doc, ctx);
      } catch (error) {
        if (error instanceof UnexportableDocument) throw new Error(`Document ${doc.id} ("${title}") cannot be exported: ${error.problem}`);
        throw error;
      }
    };
    for (const chunk of exporter.begin(ctx)) output.write(chunk.path, chunk.text);
    output.endDocument(); // headers are written; files they opened are shared, not per document
    // Each row's text, then its original text when read (see PackedTexts).
    const textsPerRow = withOriginal ? 2 : 1;
    /** Appends document `id`'s spans to `spans`, as the formats get them, keeping those the filters keep. */
    const collectSpans = (batchSpans: SpanUnpacker, id: number, spans: ExportSpan[], offsetMap: number[] | undefined, notes: Map<number, string> | null): void => {
      for (const record of batchSpans.take(id)) {
        const label = labelKeys.get(record.labelId)!;
        if ((wantedLabels && !wantedLabels.has(label)) || (wantedAnnotator !== null && record.annotatorId !== wantedAnnotator)) continue;
        const source = offsetMap ? mapToOriginal(offsetMap, record.start, record.end) : null;
        const attributeSet = attributes.get(record.attributeSetId);
        // Formats never read the details they do not declare; defaults fill them (see spanDetails).
        const span: ExportSpan = {
          id: record.id, start: record.start, end: record.end, label,
          attributes: attributeSet.attributes,
          attributesMemo: attributeSet.memo,
          annotator: annotators.get(record.annotatorId)!,
          origin: spanOrigin(record.state),
          reviewState: spanReviewState(record.state),
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
        };
        if (source) {
          span.sourceStart = source.start;
          span.sourceEnd = source.end;
        }
        if (notes !== null && notes.size > 0) {
          const note = notes.get(record.id);
          if (note !== undefined) span.note = note;
        }
        spans.push(span);
      }
    };
    /** Formats row `r` of a batch. */
    const formatRow = ({ texts }: Batch, batchSpans: SpanUnpacker, notes: Map<number, string> | null, row: BatchRow, r: number): void => {
      side.checkCancelled();
      side.progress(report.documents, ids.length);
      const id = row.id;
      const k = r * textsPerRow;
      const { text, utf8: textUtf8 } = unpacker.unpack(texts, k);
      // An original text identical to the text came once: one string serves both.
      const original = !withOriginal ? { text: '', utf8: undefined } : TextUnpacker.same(texts, k, k + 1) ? { text, utf8: textUtf8 } : unpacker.unpack(texts, k + 1);
      const { text: originalText, utf8: originalTextUtf8 } = original;
      const offsetMap = row.offset_map_json === null ? undefined : (JSON.parse(row.offset_map_json) as number[]);
      const spans: ExportDocument['spans'] = [];
      collectSpans(batchSpans, id, spans, offsetMap, notes);
      const doc: ExportDocument = {
        id,
        metadata: {
          title: row.title, date: row.published_at, source: row.source, district: row.district, url: row.url,
          reporters: JSON.parse(row.reporters_json), externalId: row.external_id,
        },
        status: row.status,
        text,
        originalText,
        textUtf8,
        originalTextUtf8,
        offsetMap,
        split: splits?.get(id),
        spans,
      };
      if (exporter.notes && row.note !== null) doc.note = row.note;
      const { chunks, dropped: droppedHere, adjusted: adjustedHere = [] } = formatDocument(doc, row.title);
      for (const chunk of chunks) output.write(chunk.path, chunk.text);
      for (const d of droppedHere) dropped.set(d.reason, (dropped.get(d.reason) ?? 0) + d.count);
      for (const d of adjustedHere) adjusted.set(d.reason, (adjusted.get(d.reason) ?? 0) + d.count);
      spanIssues.add('dropped', doc, droppedHere);
      spanIssues.add('adjusted', doc, adjustedHere);
      output.endDocument();
      report.documents++;
      report.spans += doc.spans.length - droppedHere.reduce((n, d) => n + d.count, 0);
      if (splits) {
        report.split ??= { train: 0, dev: 0, test: 0 };
        report.split[splits.get(id)!]++;
      }
    };
    for (let message = await reader.next(); message.type === 'batch'; message = await reader.next()) {
      if (message.spans.attributesUpdate) attributes.apply(message.spans.attributesUpdate);
      const batchSpans = new SpanUnpacker(message.spans);
      // The batch's spans come in the same document order as its rows.
      const notes = message.notes ? new Map(message.notes) : null;
      for (let r = 0; r < message.rows.length; r++) formatRow(message, batchSpans, notes, message.rows[r]!, r);
      reader.release();
      await handOver();
    }
    for (const chunk of exporter.end(ctx)) output.write(chunk.path, chunk.text);
    output.finish();
    await handOver();
    await fileWriter?.drain();
    output.close(true);
    side.progress(ids.length, ids.length);
    report.dropped = [...dropped].map(([reason, count]) => ({ reason, count }));
    report.adjusted = [...adjusted].map(([reason, count]) => ({ reason, count }));
    report.files = [...output.written];
    report.spanList = spanIssues.issues;
    report.spanListMore = spanIssues.more;
    return report;
  } finally {
    await fileWriter?.stop(); // before a failed export's files are removed: none is created after
    output.close(false);
    await reader.stop();
  }
}

const role = (workerData as { role?: string } | null)?.role;
if (role === 'export-reader') runExportReader(workerData as ReaderData);
else if (role === 'export-file-writer') runFileWriter();
else runInWorker<ExportWorkerData, ExportReport>(exportProject);
