// Turns a decoded document into drafts: normalize, split into articles, read metadata.
//
// Provenance choice: when one file holds several articles, every draft keeps the decoded text of
// the WHOLE file as its originalText and its offsetMap points into that whole text. Cutting the
// original per article would need a second set of offsets and would lose the page context
// (headers, chrome between articles); keeping it whole keeps every offset exact and comparable.
import type { DocumentDraft } from '../api/import';
import type { DocumentMetadata, ImportWarning, OffsetMap, RemovedBlock } from '../model';
import { extractMetadata } from './metadata';
import { normalizeText, type NormalizeOptions } from './normalize';
import { composeOffsetMaps, mapToOriginal, sliceOffsetMap } from './offset-map';
import { articleStarts } from './split';

export interface DraftInput {
  /** The draft's originalText: the decoded file (or record text, or .docx paragraph text). */
  original: string;
  /** Text to normalize: the original itself, or text extracted from it (HTML). */
  base: string;
  /** Maps base → original; null when base is the original. */
  baseMap: OffsetMap | null;
  fileName: string;
  /** Metadata the format itself carries (HTML meta, record fields); wins over what the text says. */
  hints: Partial<DocumentMetadata>;
  /** Warnings about the whole file (encoding), copied to every draft. */
  fileWarnings: ImportWarning[];
  split: boolean;
  normalize: NormalizeOptions;
}

const trimRange = (text: string, a: number, b: number): [number, number] => {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return [a, b];
};

/** Characters of original text all the articles of one file may carry between them (128 MB as UTF-16). */
export const MAX_SPLIT_COPIES_CHARS = 64 * 1024 * 1024;

const baseName = (fileName: string) => fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');

export function buildDrafts(input: DraftInput): DocumentDraft[] {
  const norm = normalizeText(input.base, input.normalize);
  const toOriginal = (basePos: number) => (input.baseMap ? mapToOriginal(input.baseMap, basePos, basePos).start : basePos);
  const fullMap = input.baseMap ? composeOffsetMaps(input.baseMap, norm.offsetMap) : norm.offsetMap;
  const found = articleStarts(norm.text);
  // Every article keeps the whole file as its original, so a large page split into many articles
  // would be copied once per article (a 45 MB page of 6,000 articles: 540 GB); past the budget it
  // stays one document and says why.
  const tooManyCopies = found.length * input.original.length > MAX_SPLIT_COPIES_CHARS;
  const starts = input.split && !tooManyCopies ? found : [0];
  const extra: ImportWarning[] = [];
  if (input.split && tooManyCopies && found.length > 1) {
    extra.push({
      kind: 'split_candidate',
      message: `this file looks like ${found.length} articles but is too large to split (each article would keep a copy of the whole file); split it into smaller files to get one document each`,
      code: 'split_too_large',
      params: { n: found.length },
    });
  } else if (!input.split && found.length > 1) {
    extra.push({
      kind: 'split_candidate',
      message: `this file looks like ${found.length} articles; import with article splitting on to get one document each`,
      code: 'split_candidate',
      params: { n: found.length },
    });
  }
  // Article boundaries in base coordinates, to hand each removed block to its article.
  const baseStarts = starts.map((s, k) => (k === 0 ? 0 : mapToOriginal(norm.offsetMap, s, s).start));
  const drafts: DocumentDraft[] = [];
  starts.forEach((s, k) => {
    const [a, b] = trimRange(norm.text, s, starts[k + 1] ?? norm.text.length);
    if (b <= a) return;
    const text = norm.text.slice(a, b);
    const lo = baseStarts[k];
    const hi = baseStarts[k + 1] ?? Infinity;
    const removedHere = norm.removed.filter((r) => r.originalStart >= lo && r.originalStart < hi);
    const removed: RemovedBlock[] = removedHere.map((r) => ({ ...r, originalStart: toOriginal(r.originalStart) }));
    const warnings: ImportWarning[] = [...input.fileWarnings, ...extra];
    for (const w of norm.warnings) {
      if (w.kind === 'chrome_removed') continue;
      if (w.start === undefined) warnings.push(w);
      else if (w.start >= a && w.start < b) warnings.push({ ...w, start: w.start - a, end: Math.min(w.end ?? w.start, b) - a });
    }
    if (removed.length) {
      const reasons = [...new Set(removed.map((r) => r.reason))].join(', ');
      warnings.push({
        kind: 'chrome_removed',
        message: `${removed.length} block(s) of site chrome removed: ${reasons}`,
        code: 'chrome_removed',
        params: { n: removed.length, reasons },
      });
    }
    const meta = extractMetadata(text, removedHere, baseName(input.fileName), input.hints.title);
    const h = input.hints;
    const metadata: DocumentMetadata = {
      title: h.title || meta.title,
      date: h.date ?? meta.date,
      source: h.source ?? meta.source,
      district: h.district ?? meta.district,
      url: h.url ?? null,
      reporters: h.reporters?.length ? h.reporters : meta.reporters,
      externalId: h.externalId ?? (starts.length > 1 ? `${input.fileName}#${k + 1}` : input.fileName),
    };
    drafts.push({
      metadata,
      originalText: input.original,
      text,
      offsetMap: sliceOffsetMap(fullMap, a, b),
      steps: [...norm.steps],
      warnings,
      removed,
      spans: [],
    });
  });
  return drafts;
}
