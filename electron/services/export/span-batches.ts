// How a batch's spans cross from the export's reader thread to its formatting thread, derived from
// the one declaration of a span's fields (EXPORT_SPAN_FIELDS): the numbers of every span in one
// transferable array, each text field as SQLite wrote it (one string per document, split by the
// formatter), attribute sets by id (attribute-table.ts). Structured clones of a million short
// strings or small arrays cost more than reading them did; a few long strings cost nothing.
import type { SpanDetails } from '../../../shared/exchange/types';
import { EXPORT_SPAN_FIELDS, LIST_SEPARATOR, readsField, type SpanList, type SpanNumberField, type SpanTextField } from '../db/export-queries';
import type { AttributeSetsSent, AttributeSetsUpdate } from './attribute-table';

/** Numbers per span: the document's id, then every number field in declared order. */
export const SPAN_NUMBERS = EXPORT_SPAN_FIELDS.numbers.length + 1;
/** Where each number sits among a span's SPAN_NUMBERS. */
export const SPAN_AT = Object.fromEntries([['documentId', 0], ...EXPORT_SPAN_FIELDS.numbers.map((field, i) => [field.name, i + 1])]) as Record<
  SpanNumberField | 'documentId',
  number
>;
const TEXT_FIELDS = EXPORT_SPAN_FIELDS.texts.map((field) => field.name);

/** A batch's spans in document order. */
export interface PackedSpans {
  /** SPAN_NUMBERS numbers per span (see SPAN_AT); a field not read is 0. */
  numbers: Float64Array;
  /** Per text field, SQLite's list of each document that has spans, in document order; null when not read. */
  texts: Record<SpanTextField, string[] | null>;
  /** The attribute sets the batch's spans use, not sent before; null when attributes were not read. */
  attributesUpdate: AttributeSetsUpdate | null;
}

/** Every field of one span by name, as the formatting thread reads it. */
export type SpanRecord = Record<SpanNumberField | 'documentId', number> & Record<SpanTextField, string>;

/** A span's state number: bit 0 origin 'suggested', bit 1 review 'accepted', bit 2 'rejected'. */
export const spanOrigin = (state: number): 'manual' | 'suggested' => (state & 1 ? 'suggested' : 'manual');
export const spanReviewState = (state: number): 'pending' | 'accepted' | 'rejected' => (state & 2 ? 'accepted' : state & 4 ? 'rejected' : 'pending');

/**
 * The reader's side: parses readExportSpanLists' number lists (non-negative integers only) into
 * numbers and passes the text lists on. A list whose count does not match the document's number
 * of spans is refused: it would shift every later span's fields onto the wrong span. `readSets`
 * gives the JSON of attribute sets by id.
 */
export function packSpans(lists: SpanList[], details: SpanDetails, sets: AttributeSetsSent, readSets: (ids: number[]) => [number, string][]): PackedSpans {
  const spans = lists.reduce((n, list) => n + list[1], 0);
  const numbers = new Float64Array(spans * SPAN_NUMBERS);
  const texts = Object.fromEntries(EXPORT_SPAN_FIELDS.texts.map((field) => [field.name, readsField(field, details) ? [] : null])) as PackedSpans['texts'];
  let first = 0; // the document's first span in the batch
  for (const [documentId, count, positions, ...textLists] of lists) {
    const end = parseNumbers(documentId, positions, numbers, first * SPAN_NUMBERS);
    if (end !== (first + count) * SPAN_NUMBERS) {
      throw new Error(`document ${documentId}: span positions hold ${positions.split(',').length} numbers for ${count} spans, not ${SPAN_NUMBERS - 1} each`);
    }
    TEXT_FIELDS.forEach((name, t) => texts[name]?.push(textLists[t] ?? ''));
    first += count;
  }
  let attributesUpdate: AttributeSetsUpdate | null = null;
  if (
    readsField(
      EXPORT_SPAN_FIELDS.numbers.find((field) => field.name === 'attributeSetId')!,
      details,
    )
  ) {
    sets.beginBatch();
    for (let at = SPAN_AT.attributeSetId; at < numbers.length; at += SPAN_NUMBERS) sets.use(numbers[at]!);
    attributesUpdate = sets.endBatch(readSets);
  }
  return { numbers, texts, attributesUpdate };
}

/** One document's numbers "id,start,end,…" into `numbers` from `at`, each span led by the document's id. */
function parseNumbers(documentId: number, list: string, numbers: Float64Array, at: number): number {
  numbers[at++] = documentId;
  let field = 0;
  let value = 0;
  for (let i = 0; ; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 0x2c; // the list's end ends its last number
    if (c !== 0x2c) {
      if (c < 0x30 || c > 0x39) throw new Error(`document ${documentId}: span positions hold "${list[i]}", not only digits`);
      value = value * 10 + (c - 0x30);
      continue;
    }
    numbers[at++] = value;
    if (i >= list.length) return at;
    value = 0;
    // After a span's last number the next span of the same document begins.
    if (++field === SPAN_NUMBERS - 1) {
      field = 0;
      numbers[at++] = documentId;
    }
  }
}

/** The formatter's side: a batch's spans document by document, in the batch's document order. */
export class SpanUnpacker {
  private next = 0; // the next span
  private list = 0; // the next document list of the text fields

  constructor(private readonly packed: PackedSpans) {}

  /** Document `documentId`'s spans; documents must be asked for in batch order. */
  take(documentId: number): SpanRecord[] {
    const { numbers, texts } = this.packed;
    const records: SpanRecord[] = [];
    if (this.next * SPAN_NUMBERS >= numbers.length || numbers[this.next * SPAN_NUMBERS] !== documentId) return records;
    let count = 0;
    while ((this.next + count) * SPAN_NUMBERS < numbers.length && numbers[(this.next + count) * SPAN_NUMBERS] === documentId) count++;
    const created = splitList(documentId, 'createdAt', texts.createdAt?.[this.list], count);
    const updated = splitList(documentId, 'updatedAt', texts.updatedAt?.[this.list], count);
    const details = splitList(documentId, 'originDetail', texts.originDetail?.[this.list], count);
    for (let i = 0; i < count; i++) {
      const n = (this.next + i) * SPAN_NUMBERS;
      records.push({
        documentId,
        id: numbers[n + SPAN_AT.id]!,
        start: numbers[n + SPAN_AT.start]!,
        end: numbers[n + SPAN_AT.end]!,
        labelId: numbers[n + SPAN_AT.labelId]!,
        annotatorId: numbers[n + SPAN_AT.annotatorId]!,
        state: numbers[n + SPAN_AT.state]!,
        attributeSetId: numbers[n + SPAN_AT.attributeSetId]!,
        createdAt: created?.[i] ?? '',
        updatedAt: updated?.[i] ?? '',
        originDetail: details?.[i] ?? '',
      });
    }
    this.next += count;
    this.list++;
    return records;
  }
}

/** A text field's list of one document, one text per span; null when the field was not read. */
function splitList(documentId: number, name: SpanTextField, list: string | undefined, count: number): string[] | null {
  if (list === undefined) return null;
  const texts = list.split(LIST_SEPARATOR);
  if (texts.length !== count) throw new Error(`document ${documentId}: span field ${name} holds the control character U+001E`);
  return texts;
}
