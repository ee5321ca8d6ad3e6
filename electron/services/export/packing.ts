// How a batch read from SQLite crosses from the export's reader thread to its formatting thread:
// texts as UTF-16 code units in one transferable array, span numbers in another, attributes as
// numbers into a table (attributes-table.ts), other details as strings. Structured clones of
// strings and of a million small arrays cost more than reading them did.
import type { SpanDetails } from '../../../shared/exchange/types';
import type { ExportDocumentRow, SpanPositionList } from '../db/export-queries';
import { LIST_SEPARATOR } from '../db/export-queries';
import { utf8ToUnits } from '../../../shared/text/utf8';
import type { AttributesNumbering, AttributesUpdate } from './attributes-table';

/** A document of a batch without its texts, which come in PackedTexts. */
export type BatchRow = Omit<ExportDocumentRow, 'text' | 'original_text'>;

/**
 * A batch's texts as UTF-16 code units in one transferable array: the text of each row, then its
 * original text when read, one after another.
 */
export interface PackedTexts {
  units: Uint16Array;
  /** Where each text ends in `units`, in that order (one or two per row). */
  ends: Int32Array;
}

const NO_BYTES = new Uint8Array(0);

export function packTexts(rows: ExportDocumentRow[], withOriginal: boolean): { rows: BatchRow[]; texts: PackedTexts } {
  let bytes = 0;
  for (const row of rows) bytes += row.text.length + (withOriginal ? (row.original_text ?? NO_BYTES).length : 0);
  const units = new Uint16Array(bytes); // UTF-8 never has fewer bytes than UTF-16 has units
  const ends = new Int32Array(rows.length * (withOriginal ? 2 : 1));
  let at = 0;
  let k = 0;
  const lean = rows.map(({ text, original_text, ...row }) => {
    ends[k++] = at = utf8ToUnits(text, units, at);
    if (withOriginal) ends[k++] = at = utf8ToUnits(original_text ?? NO_BYTES, units, at);
    return row;
  });
  return { rows: lean, texts: { units, ends } };
}

/** A batch's spans in document order. */
export interface PackedSpans {
  /** SPAN_NUMBERS numbers per span: documentId, id, start, end, labelId, annotatorId, state. */
  numbers: Float64Array;
  /** SPAN_DETAILS strings per span: createdAt, updatedAt ('all' details). */
  details: string[] | null;
  /** Each span's attributes as its number in the AttributesTable, when attributes were read. */
  attributes: Int32Array | null;
  attributesUpdate: AttributesUpdate | null;
}

export const SPAN_NUMBERS = 7;
export const SPAN_DETAILS = 2;
/** A span's state number: bit 0 origin 'suggested', bit 1 review 'accepted', bit 2 'rejected'. */
export const spanOrigin = (state: number): 'manual' | 'suggested' => (state & 1 ? 'suggested' : 'manual');
export const spanReviewState = (state: number): 'pending' | 'accepted' | 'rejected' => (state & 2 ? 'accepted' : state & 4 ? 'rejected' : 'pending');
/** Sent for an updated time equal to the created time. */
const SAME_TIME = '\x1f';

/**
 * Parses readExportSpanPositions' lists read with `level`: positions (non-negative integers, six
 * per span) into numbers, attributes into numbers through the export's `numbering`, details into
 * strings. A list whose count does not match the positions is refused: it would shift every later
 * span's details onto the wrong span.
 */
export function packPositions(lists: SpanPositionList[], level: SpanDetails, numbering: AttributesNumbering): PackedSpans {
  const counts = lists.map(([documentId, positions]) => {
    let commas = 0;
    for (let i = 0; i < positions.length; i++) if (positions.charCodeAt(i) === 0x2c) commas++;
    if ((commas + 1) % (SPAN_NUMBERS - 1) !== 0) throw new Error(`document ${documentId}: span positions do not come in groups of ${SPAN_NUMBERS - 1}`);
    return (commas + 1) / (SPAN_NUMBERS - 1);
  });
  const spans = counts.reduce((a, b) => a + b, 0);
  const numbers = new Float64Array(spans * SPAN_NUMBERS);
  const attributes = level === 'none' ? null : new Int32Array(spans);
  const details = level === 'all' ? new Array<string>(spans * SPAN_DETAILS) : null;
  if (attributes) numbering.beginBatch();
  let at = 0;
  let first = 0; // the document's first span in the batch
  lists.forEach(([documentId, positions, attributesList, detailsList], d) => {
    at = parseNumbers(documentId, positions, numbers, at);
    const count = counts[d];
    if (attributes) {
      const texts = listOf(documentId, attributesList, count, 'attributes');
      for (let j = 0; j < count; j++) attributes[first + j] = numbering.numberOf(texts[j]);
    }
    if (details) {
      const texts = listOf(documentId, detailsList, count * SPAN_DETAILS, 'details');
      for (let j = 0; j < texts.length; j += 2) {
        details[first * SPAN_DETAILS + j] = texts[j];
        details[first * SPAN_DETAILS + j + 1] = texts[j + 1] === SAME_TIME ? texts[j] : texts[j + 1];
      }
    }
    first += count;
  });
  if (at !== numbers.length) throw new Error(`span positions did not parse: ${at} of ${numbers.length} numbers`);
  return { numbers, details, attributes, attributesUpdate: attributes ? numbering.endBatch() : null };
}

/** One document's positions "id,start,end,labelId,annotatorId,state,…" into numbers from `at`. */
function parseNumbers(documentId: number, list: string, numbers: Float64Array, at: number): number {
  numbers[at++] = documentId;
  let field = 0;
  let value = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c !== 0x2c) {
      if (c < 0x30 || c > 0x39) throw new Error(`document ${documentId}: span positions hold "${list[i]}", not only digits`);
      value = value * 10 + (c - 0x30);
      continue;
    }
    numbers[at++] = value;
    value = 0;
    // After a span's last number the next span of the same document begins.
    if (++field === SPAN_NUMBERS - 1) {
      field = 0;
      numbers[at++] = documentId;
    }
  }
  numbers[at++] = value;
  return at;
}

function listOf(documentId: number, list: string | null, count: number, what: string): string[] {
  const texts = (list ?? '').split(LIST_SEPARATOR);
  if (texts.length !== count) throw new Error(`document ${documentId}: span ${what} hold the control character U+001E`);
  return texts;
}
