// Turns the reader's batches into the documents the formats get: texts unpacked, spans named (label
// keys, annotator names, attribute sets), filtered by label and annotator, with source offsets and
// notes, entity links and relations where the export wants them.
import type { ExportOptions } from '../../../shared/api/export';
import {
  assignSplits,
  type ExportDocument,
  type ExportDocumentTiming,
  type ExportRelation,
  type ExportSpan,
  type Exporter,
  type SplitName,
  type Utf8Text,
} from '../../../shared/exchange/index';
import { mapToOriginal } from '../../../shared/import/offset-map';
import type { OriginDetail } from '../../../shared/model';
import { AttributeTable } from './attribute-table';
import { TextUnpacker } from './packed-texts';
import type { Batch, Snapshot } from './reader';
import { spanOrigin, spanReviewState, SpanUnpacker, type SpanRecord } from './span-batches';

export class ExportDocuments {
  private readonly labelKeys: Map<number, string>;
  private readonly annotators: Map<number, string>;
  private readonly wantedLabels: Set<string> | null;
  private readonly wantedAnnotator: number | null;
  private readonly attributes = new AttributeTable();
  /** The texts' stored UTF-8 by document, for formats that copy it (see storedUtf8). */
  private readonly utf8 = new WeakMap<ExportDocument, { text?: Utf8Text; originalText?: Utf8Text }>();
  /** The split of each document, when the export splits. */
  readonly splits: Map<number, SplitName> | null;

  /** `withOriginal`: the reader sent each document's original text too. */
  constructor(
    snapshot: Snapshot,
    options: ExportOptions,
    private readonly exporter: Exporter,
    private readonly withOriginal: boolean,
  ) {
    this.labelKeys = new Map(snapshot.labels.map((l) => [l.id, l.key]));
    this.annotators = new Map(snapshot.annotators);
    this.wantedLabels = options.labelKeys?.length ? new Set(options.labelKeys) : null;
    this.wantedAnnotator = options.annotator ? ([...this.annotators].find(([, name]) => name === options.annotator)?.[0] ?? -1) : null;
    this.splits = options.split ? assignSplits(snapshot.ids, options.split) : null;
  }

  /** ExportContext.storedUtf8 for the documents made here. */
  readonly storedUtf8 = (doc: ExportDocument, which: 'text' | 'originalText'): Utf8Text | undefined => this.utf8.get(doc)?.[which];

  /** Each document's timings (#24), by coder name; the annotator filter keeps that coder's only. */
  private timingsByDocument(batch: Batch): Map<number, ExportDocumentTiming[]> | null {
    if (!batch.timing?.documents.length) return null;
    const byDocument = new Map<number, ExportDocumentTiming[]>();
    for (const t of batch.timing.documents) {
      if (this.wantedAnnotator !== null && t.annotatorId !== this.wantedAnnotator) continue;
      const timing = {
        annotator: this.annotators.get(t.annotatorId)!,
        firstOpenedAt: t.firstOpenedAt,
        doneAt: t.doneAt,
        activeMs: t.activeMs,
        activeMsAtDone: t.activeMsAtDone,
      };
      byDocument.set(t.documentId, [...(byDocument.get(t.documentId) ?? []), timing]);
    }
    for (const list of byDocument.values()) list.sort((a, b) => (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0));
    return byDocument;
  }

  /** The batch's documents, in id order. */
  *of(batch: Batch): Generator<ExportDocument> {
    if (batch.spans.attributesUpdate) this.attributes.apply(batch.spans.attributesUpdate);
    // The batch's spans come in the same document order as its rows.
    const spans = new SpanUnpacker(batch.spans);
    const notes = batch.notes?.length ? new Map(batch.notes) : null;
    const links = batch.links?.length ? new Map(batch.links) : null;
    const relations = relationsByDocument(batch);
    const leadTimes = batch.timing?.leadTimes.length ? new Map(batch.timing.leadTimes) : null;
    const timings = this.timingsByDocument(batch);
    const textsPerRow = this.withOriginal ? 2 : 1;
    for (const [r, row] of batch.rows.entries()) {
      const k = r * textsPerRow;
      const { text, utf8: textUtf8 } = TextUnpacker.unpack(batch.texts, k);
      // An original text identical to the text came once: one string serves both.
      const original = !this.withOriginal
        ? { text: '', utf8: undefined }
        : TextUnpacker.same(batch.texts, k, k + 1)
          ? { text, utf8: textUtf8 }
          : TextUnpacker.unpack(batch.texts, k + 1);
      const offsetMap = row.offset_map_json === null ? undefined : (JSON.parse(row.offset_map_json) as number[]);
      const doc: ExportDocument = {
        id: row.id,
        metadata: {
          title: row.title,
          date: row.published_at,
          source: row.source,
          district: row.district,
          url: row.url,
          reporters: JSON.parse(row.reporters_json),
          externalId: row.external_id,
        },
        status: row.status,
        text,
        originalText: original.text,
        offsetMap,
        split: this.splits?.get(row.id),
        spans: this.spansOf(spans.take(row.id), offsetMap, notes, links, leadTimes),
      };
      const timed = timings?.get(row.id);
      if (timed) doc.timings = timed;
      const own = relations?.get(row.id);
      // Only relations between spans the filters kept: a relation never points at a span the file lacks.
      if (own) doc.relations = keptRelations(doc, own);
      if (this.exporter.notes && row.note !== null) doc.note = row.note;
      if (textUtf8 || original.utf8) this.utf8.set(doc, { text: textUtf8, originalText: original.utf8 });
      yield doc;
    }
  }

  /** A document's spans as the formats get them, keeping those the filters keep. */
  private spansOf(
    records: SpanRecord[],
    offsetMap: number[] | undefined,
    notes: Map<number, string> | null,
    links: Map<number, number> | null,
    leadTimes: Map<number, number> | null,
  ): ExportSpan[] {
    const spans: ExportSpan[] = [];
    for (const record of records) {
      const label = this.labelKeys.get(record.labelId)!;
      if ((this.wantedLabels && !this.wantedLabels.has(label)) || (this.wantedAnnotator !== null && record.annotatorId !== this.wantedAnnotator)) continue;
      // Formats never read the details they do not declare; defaults fill them (see spanDetails).
      const span: ExportSpan = {
        id: record.id,
        start: record.start,
        end: record.end,
        label,
        attributes: this.attributes.get(record.attributeSetId),
        annotator: this.annotators.get(record.annotatorId)!,
        origin: spanOrigin(record.state),
        reviewState: spanReviewState(record.state),
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      };
      if (offsetMap) {
        const source = mapToOriginal(offsetMap, record.start, record.end);
        span.sourceStart = source.start;
        span.sourceEnd = source.end;
      }
      if (record.originDetail) span.originDetail = JSON.parse(record.originDetail) as OriginDetail;
      const note = notes?.get(record.id);
      if (note !== undefined) span.note = note;
      const entityId = links?.get(record.id);
      if (entityId !== undefined) span.entityId = entityId;
      const leadTimeMs = leadTimes?.get(record.id);
      if (leadTimeMs !== undefined) span.leadTimeMs = leadTimeMs;
      spans.push(span);
    }
    return spans;
  }
}

function relationsByDocument(batch: Batch): Map<number, ExportRelation[]> | null {
  if (!batch.relations?.length) return null;
  const byDocument = new Map<number, ExportRelation[]>();
  for (const [documentId, relation] of batch.relations) {
    const list = byDocument.get(documentId);
    if (list) list.push(relation);
    else byDocument.set(documentId, [relation]);
  }
  return byDocument;
}

function keptRelations(doc: ExportDocument, relations: ExportRelation[]): ExportRelation[] {
  const kept = new Set(doc.spans.map((s) => s.id));
  return relations.filter((r) => kept.has(r.fromId) && kept.has(r.toId));
}
