// How a batch's spans cross from the export's reader thread to its formatting thread: their numbers
// in one transferable array, attribute sets by id (attribute-table.ts) and times as numbers into a
// table (text-table.ts); texts go as packed-texts.ts says. Structured clones of a million short
// strings or small arrays cost more than reading them did.
import type { SpanDetails } from '../../../shared/exchange/types';
import type { SpanPositionList } from '../db/export-queries';
import { LIST_SEPARATOR } from '../db/export-queries';
import type { AttributeSetsSent, AttributeSetsUpdate } from './attribute-table';
import type { TextNumbering, TextTableUpdate } from './text-table';

/** A batch's spans in document order. */
export interface PackedSpans {
  /**
   * SPAN_NUMBERS numbers per span: documentId, id, start, end, labelId, annotatorId, state,
   * attribute set id (NO_SET when the span has none or attributes were not read).
   */
  numbers: Float64Array;
  /** The attribute sets the batch's spans use, not sent before; null when attributes were not read. */
  attributesUpdate: AttributeSetsUpdate | null;
  /** Each span's created and updated time as one number in the times table ('all' details). */
  times: Int32Array | null;
  timesUpdate: TextTableUpdate | null;
}

export const SPAN_NUMBERS = 8;
/** Where a span's attribute set id is among its numbers. */
export const ATTRIBUTE_SET = 7;
/** A span's state number: bit 0 origin 'suggested', bit 1 review 'accepted', bit 2 'rejected'. */
export const spanOrigin = (state: number): 'manual' | 'suggested' => (state & 1 ? 'suggested' : 'manual');
export const spanReviewState = (state: number): 'pending' | 'accepted' | 'rejected' => (state & 2 ? 'accepted' : state & 4 ? 'rejected' : 'pending');

/** What the export's reader keeps across its batches: attribute sets sent, times numbered (see text-table.ts). */
export interface SpanNumberings {
  attributes: AttributeSetsSent;
  times: TextNumbering;
}

/**
 * Parses readExportSpanPositions' lists read with `level`: positions (non-negative integers,
 * seven per span) into numbers, and times into numbers through the export's `numberings`. A list
 * whose count does not match the document's number of spans is refused: it would shift every
 * later span's details onto the wrong span. `readSets` gives the JSON of attribute sets by id.
 */
export function packPositions(lists: SpanPositionList[], level: SpanDetails, numberings: SpanNumberings, readSets: (ids: number[]) => [number, string][]): PackedSpans {
  const spans = lists.reduce((n, list) => n + list[1], 0);
  const numbers = new Float64Array(spans * SPAN_NUMBERS);
  const times = level === 'all' ? new Int32Array(spans) : null;
  if (times) numberings.times.beginBatch();
  let first = 0; // the document's first span in the batch
  for (const [documentId, count, positions, timesList] of lists) {
    const end = parseNumbers(documentId, positions, numbers, first * SPAN_NUMBERS);
    if (end !== (first + count) * SPAN_NUMBERS) {
      throw new Error(`document ${documentId}: span positions hold ${positions.split(',').length} numbers for ${count} spans, not ${SPAN_NUMBERS - 1} each`);
    }
    if (times) {
      const texts = timesOf(documentId, timesList, count);
      for (let j = 0; j < count; j++) times[first + j] = numberings.times.numberOf(texts[j]);
    }
    first += count;
  }
  let attributesUpdate: AttributeSetsUpdate | null = null;
  if (level !== 'none') {
    numberings.attributes.beginBatch();
    for (let at = ATTRIBUTE_SET; at < numbers.length; at += SPAN_NUMBERS) numberings.attributes.use(numbers[at]);
    attributesUpdate = numberings.attributes.endBatch(readSets);
  }
  return {
    numbers,
    attributesUpdate,
    times,
    timesUpdate: times ? numberings.times.endBatch() : null,
  };
}

/** One document's positions "id,start,end,labelId,annotatorId,state,attributeSetId,…" into numbers from `at`. */
function parseNumbers(documentId: number, list: string, numbers: Float64Array, at: number): number {
  numbers[at++] = documentId;
  let field = 0;
  let value = 0;
  // The loop returns itself: no code follows it (see bench/analysis.md, item 23).
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

/** A document's times list, one text per span. */
function timesOf(documentId: number, list: string | null, count: number): string[] {
  const texts = (list ?? '').split(LIST_SEPARATOR);
  if (texts.length !== count) throw new Error(`document ${documentId}: span times hold the control character U+001E`);
  return texts;
}
