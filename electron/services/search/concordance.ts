// Concordance lines (keyword in context) and their sort orders. Context widths count characters
// (code points), so a context never ends in half a surrogate pair.
import type { SearchHit, SearchSort } from '../../../shared/api/search';
import { csvField } from '../../../shared/exchange/formats/mentions-csv';
import type { DocumentMeta } from '../db/search';
import type { FoundHit } from './find';

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/** The UTF-16 position `count` characters before `at`. */
export function charsBefore(text: string, at: number, count: number): number {
  let u = at;
  for (let n = 0; n < count && u > 0; n++) u -= u >= 2 && isLow(text.charCodeAt(u - 1)) && isHigh(text.charCodeAt(u - 2)) ? 2 : 1;
  return u;
}

/** The UTF-16 position `count` characters after `at`. */
export function charsAfter(text: string, at: number, count: number): number {
  let u = at;
  for (let n = 0; n < count && u < text.length; n++) u += isHigh(text.charCodeAt(u)) && isLow(text.charCodeAt(u + 1)) ? 2 : 1;
  return u;
}

export interface Line {
  hit: FoundHit;
  left: string;
  text: string;
  right: string;
}

export function lineOf(hit: FoundHit, text: string, context: number): Line {
  return {
    hit,
    left: text.slice(charsBefore(text, hit.start, context), hit.start),
    text: text.slice(hit.start, hit.end),
    right: text.slice(hit.end, charsAfter(text, hit.end, context)),
  };
}

export function toSearchHit(line: Line, meta: DocumentMeta | undefined): SearchHit {
  const { hit } = line;
  return {
    documentId: hit.documentId,
    title: meta?.title ?? '',
    date: meta?.date ?? null,
    source: meta?.source ?? null,
    district: meta?.district ?? null,
    start: hit.start,
    end: hit.end,
    left: line.left,
    text: line.text,
    right: line.right,
    spans: hit.spans.map(({ id, start, end, labelId, annotator }) => ({ id, start, end, labelId, annotator })),
  };
}

/** The 1L sort reads the left context from the hit outwards (AntConc): its characters reversed. */
const reversedChars = (s: string) => [...s].reverse().join('');

/** Sorts by the context nearest the hit: left (1L) or right (1R); equal contexts keep text order. */
export function sortByContext(lines: Line[], sort: Extract<SearchSort, 'left' | 'right'>, descending: boolean): Line[] {
  const keyed = lines.map((line, index) => ({ line, index, key: sort === 'left' ? reversedChars(line.left) : line.right }));
  const sign = descending ? -1 : 1;
  // Code-unit order: deterministic and fast for 100k+ lines (a zh collator costs ~1 µs per comparison).
  keyed.sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : a.index - b.index));
  return keyed.map((k) => k.line);
}

const CSV_COLUMNS = ['left', 'hit', 'right', 'label', 'document', 'title', 'date', 'source', 'district', 'start', 'end'] as const;

type Cell = string | number | null;

/** TSV has no quoting: tabs and line breaks inside a cell become spaces. */
const tsvCell = (value: Cell): string => (value === null ? '' : String(value).replace(/[\t\r\n]/g, ' '));

/**
 * The concordance as a file for R and pandas: CSV as the mentions export writes it (UTF-8 with a BOM
 * so Excel reads the Chinese, CRLF rows, RFC 4180 quoting) or TSV (no BOM, LF rows). `label` holds
 * the keys of the spans overlapping the hit, joined by ';'. Offsets are UTF-16 units, as the API's.
 */
export function concordanceText(hits: readonly SearchHit[], labelKeys: Map<number, string>, format: 'csv' | 'tsv'): string {
  const cell = format === 'csv' ? csvField : tsvCell;
  const [separator, newline] = format === 'csv' ? [',', '\r\n'] : ['\t', '\n'];
  const rows = [CSV_COLUMNS.join(separator)];
  for (const hit of hits) {
    const labels = [...new Set(hit.spans.map((span) => labelKeys.get(span.labelId) ?? String(span.labelId)))].join(';');
    const cells: Cell[] = [hit.left, hit.text, hit.right, labels, hit.documentId, hit.title, hit.date, hit.source, hit.district, hit.start, hit.end];
    rows.push(cells.map(cell).join(separator));
  }
  return `${format === 'csv' ? '\ufeff' : ''}${rows.join(newline)}${newline}`;
}
