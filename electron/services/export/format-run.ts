// One format over an export's documents: each document's chunks to the output files, and the
// report's tallies (documents, spans, what was dropped or adjusted and which spans, the split).
import type { ExportOptions, ExportReport } from '../../../shared/api/export';
import {
  SpanIssueList,
  UnexportableDocument,
  type Dropped,
  type ExportChunk,
  type ExportContext,
  type ExportDocument,
  type Exporter,
} from '../../../shared/exchange/index';
import type { OutputFiles } from './output-files';

export class FormatRun {
  private readonly dropped = new Map<string, number>();
  private readonly adjusted = new Map<string, number>();
  /** Which spans were dropped or adjusted: built only for documents that have any. */
  private readonly spanIssues = new SpanIssueList();
  private documents = 0;
  private spans = 0;
  private split: ExportReport['split'];

  constructor(
    private readonly exporter: Exporter,
    private readonly ctx: ExportContext,
    private readonly output: OutputFiles,
  ) {}

  begin(): void {
    this.write(this.exporter.begin(this.ctx));
    this.output.endDocument(); // headers are written; files they opened are shared, not per document
  }

  /** Every exporter validates the document first: a corrupt span is reported, never written as a wrong file. */
  document(doc: ExportDocument): void {
    let result: ReturnType<Exporter['document']>;
    try {
      result = this.exporter.document(doc, this.ctx);
    } catch (error) {
      if (error instanceof UnexportableDocument) throw new Error(`Document ${doc.id} ("${doc.metadata.title}") cannot be exported: ${error.problem}`);
      throw error;
    }
    const { chunks, dropped, adjusted = [] } = result;
    this.write(chunks);
    tally(this.dropped, dropped);
    tally(this.adjusted, adjusted);
    this.spanIssues.add('dropped', doc, dropped);
    this.spanIssues.add('adjusted', doc, adjusted);
    this.output.endDocument();
    this.documents++;
    this.spans += doc.spans.length - dropped.reduce((n, d) => n + d.count, 0);
    if (doc.split) {
      this.split ??= { train: 0, dev: 0, test: 0 };
      this.split[doc.split]++;
    }
  }

  get documentsDone(): number {
    return this.documents;
  }

  end(): void {
    this.write(this.exporter.end(this.ctx));
    this.output.finish();
  }

  report(options: ExportOptions, leftOut: Pick<ExportReport, 'reviewLeftOut' | 'todoLeftOut'>): ExportReport {
    const list = (counts: Map<string, number>) => [...counts].map(([reason, count]) => ({ reason, count }));
    return {
      format: options.format,
      files: [...this.output.written],
      documents: this.documents,
      spans: this.spans,
      dropped: list(this.dropped),
      ...leftOut,
      spanList: this.spanIssues.issues,
      spanListMore: this.spanIssues.more,
      ...(this.split ? { split: this.split } : {}),
      adjusted: list(this.adjusted),
    };
  }

  private write(chunks: readonly ExportChunk[]): void {
    for (const chunk of chunks) this.output.write(chunk.path, chunk.text);
  }
}

function tally(into: Map<string, number>, reported: readonly Dropped[]): void {
  for (const d of reported) into.set(d.reason, (into.get(d.reason) ?? 0) + d.count);
}
