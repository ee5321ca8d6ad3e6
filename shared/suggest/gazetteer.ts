// Gazetteers (#22, source 2): term lists the user imports. TXT is one term a line for one chosen
// label; CSV is `term,label[,canonical]` (a header row naming `term` is skipped; the label may be
// given by key or by name, resolved by the caller). Whatever the import's detection decodes
// (UTF-8 with or without BOM, GB18030, Big5, UTF-16) is read; blank lines, repeats, unknown labels
// and over-long terms are skipped and counted, never fatal.
import type { SuggestionRef } from '../api/suggestions';
import { decodeBytes } from '../import/encoding';
import { TermMatcher, wellFormedTerm } from './term-matcher';

export const LONGEST_GAZETTEER_TERM = 100;

export interface GazetteerTerm {
  term: string;
  labelKey: string;
  canonical: string | null;
}

export interface ParsedGazetteer {
  terms: GazetteerTerm[];
  skipped: { reason: string; count: number }[];
  encoding: string;
}

export interface GazetteerParseOptions {
  format: 'txt' | 'csv';
  /** TXT: every term's label. CSV: rows without a label column get it. */
  labelKey?: string;
  /** The project's label key for a label column's text (a key or a name), or null when unknown. */
  resolveLabel: (text: string) => string | null;
}

/** Splits one CSV line: commas (or tabs) outside double quotes; "" inside quotes is a quote. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',' || ch === '\t' || ch === '，') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** Parses a decoded gazetteer text. Throws nothing: a file with no usable term comes back with an empty list and the reasons. */
export function parseGazetteerText(text: string, options: GazetteerParseOptions): Omit<ParsedGazetteer, 'encoding'> {
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const seen = new Set<string>();
  const terms: GazetteerTerm[] = [];
  // A final line break ends the last line; it does not start a blank one.
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/(\r\n|\r|\n)$/, '')
    .split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/\uFEFF/g, '').trim();
    if (line === '' || line.startsWith('#')) return skip(line === '' ? 'blank line' : 'comment');
    let term = line;
    let labelKey = options.labelKey ?? null;
    let canonical: string | null = null;
    if (options.format === 'csv') {
      const cells = splitCsvLine(line);
      if (index === 0 && /^(term|词|词条|名称)$/i.test(cells[0] ?? '')) return skip('header row');
      term = cells[0] ?? '';
      if (cells[1]) labelKey = options.resolveLabel(cells[1]);
      else if (labelKey !== null) labelKey = options.resolveLabel(labelKey);
      canonical = cells[2] ? cells[2] : null;
    } else if (labelKey !== null) labelKey = options.resolveLabel(labelKey);
    if (term === '') return skip('blank term');
    if (labelKey === null) return skip('unknown label');
    if (term.length > LONGEST_GAZETTEER_TERM) return skip(`longer than ${LONGEST_GAZETTEER_TERM} characters`);
    if (!wellFormedTerm(term)) return skip('broken character');
    if (seen.has(term)) return skip('duplicate');
    seen.add(term);
    terms.push({ term, labelKey, canonical });
  });
  return { terms, skipped: [...skipped].map(([reason, count]) => ({ reason, count })) };
}

/** Decodes a gazetteer file's bytes as the import would, then parses it. */
export function parseGazetteerBytes(bytes: Uint8Array, options: GazetteerParseOptions): ParsedGazetteer | { error: string } {
  const decoded = decodeBytes(bytes);
  if ('error' in decoded) return { error: decoded.error };
  return { ...parseGazetteerText(decoded.text, options), encoding: decoded.encoding };
}

export interface GazetteerEntry {
  labelId: number;
  gazetteerId: number;
}

/** One matcher over the enabled gazetteers' terms; a term in two gazetteers keeps the first one's label. */
export function gazetteerMatcher(terms: Iterable<{ term: string } & GazetteerEntry>): TermMatcher<GazetteerEntry> {
  const matcher = new TermMatcher<GazetteerEntry>();
  for (const { term, labelId, gazetteerId } of terms) matcher.add(term, { labelId, gazetteerId });
  return matcher;
}

export function gazetteerSuggestions(matcher: TermMatcher<GazetteerEntry>, text: string): SuggestionRef[] {
  return matcher.find(text).map((hit) => ({
    start: hit.start,
    end: hit.end,
    labelId: hit.payload.labelId,
    source: 'gazetteer',
    sourceId: String(hit.payload.gazetteerId),
    confidence: 1,
  }));
}
