// Consistency of labelled mentions (#21): for every string some span marks ("蔡奇"), the labels it
// carries with their counts, and how often it occurs in the corpus with no span on it — "蔡奇:
// PERSON 312, unlabelled 17". A row is a problem when the string has unlabelled occurrences or
// carries more than one label.
//
// Order: most problems first, where a row's problems are its unlabelled occurrences plus its spans
// that disagree with its most frequent label (蔡奇 PERSON 300, SLOGAN 2, unlabelled 17 → 19): the
// places a coder should look at. Ties: more occurrences first, then the mention in string (UTF-16) order.
import type { ConsistencyPage, ConsistencyRow } from '../../../shared/api/search';
import type { Db } from '../db/connection';
import { labelledPlaces } from '../db/consistency';
import { annotatorIdByName } from '../db/document-filters';
import { candidateDocuments, labelIdOfKey, readSpanPlaces, readTexts } from '../db/search';
import { OccurrenceMatcher } from './occurrences';

export interface ConsistencyInput {
  annotator?: string;
  label?: string;
  problemsOnly: boolean;
  offset: number;
  limit: number;
}

const TEXTS_PER_READ = 500;

interface Mention {
  labels: Map<string, number>;
  documents: Set<number>;
  unlabelled: number;
}

/** Every span's text with its label, grouped by text. */
function mentionsOf(db: Db, annotatorId: number | undefined): Map<string, Mention> {
  const places = labelledPlaces(db, annotatorId);
  const mentions = new Map<string, Mention>();
  for (let at = 0; at < places.length;) {
    // The texts of the next documents, a few hundred at a time (places are ordered by document).
    const ids: number[] = [];
    let end = at;
    while (end < places.length && (ids.length < TEXTS_PER_READ || places[end][0] === ids[ids.length - 1])) {
      if (ids[ids.length - 1] !== places[end][0]) ids.push(places[end][0]);
      end++;
    }
    const texts = readTexts(db, ids);
    for (; at < end; at++) {
      const [documentId, start, stop, labelKey] = places[at];
      const mention = texts.get(documentId)?.slice(start, stop);
      if (!mention) continue;
      let entry = mentions.get(mention);
      if (!entry) mentions.set(mention, (entry = { labels: new Map(), documents: new Set(), unlabelled: 0 }));
      entry.labels.set(labelKey, (entry.labels.get(labelKey) ?? 0) + 1);
      entry.documents.add(documentId);
    }
  }
  return mentions;
}

/** For each UTF-16 unit of the text, how many units up to it some span covers: [s, e) is uncovered when covered[e] = covered[s]. */
function coveredPrefix(length: number, spans: readonly { start: number; end: number }[]): Int32Array {
  const depth = new Int32Array(length + 1);
  for (const { start, end } of spans) {
    depth[start]++;
    depth[end]--;
  }
  const covered = new Int32Array(length + 1);
  for (let i = 0, open = 0; i < length; i++) {
    open += depth[i];
    covered[i + 1] = covered[i] + (open > 0 ? 1 : 0);
  }
  return covered;
}

/**
 * Counts, in one pass over every document, the occurrences of each mention that no span (of the
 * coder) overlaps — what the finder's `unlabelled` search finds for the mention, for all at once.
 */
function countUnlabelled(db: Db, mentions: Map<string, Mention>, annotatorId: number | undefined): void {
  const entries = [...mentions.values()];
  const matcher = new OccurrenceMatcher([...mentions.keys()]);
  const ids = candidateDocuments(db, { scope: {}, order: 'id', descending: false });
  for (let at = 0; at < ids.length; at += TEXTS_PER_READ) {
    const chunk = ids.slice(at, at + TEXTS_PER_READ);
    const texts = readTexts(db, chunk);
    const spans = readSpanPlaces(db, chunk, annotatorId);
    for (const [documentId, text] of texts) {
      const covered = coveredPrefix(text.length, spans.get(documentId) ?? []);
      matcher.forEach(text, (pattern, start, end) => {
        if (covered[end] !== covered[start]) return;
        entries[pattern].unlabelled++;
        entries[pattern].documents.add(documentId);
      });
    }
  }
}

const problemsOf = (row: ConsistencyRow): number => {
  const labelled = row.labels.reduce((sum, l) => sum + l.count, 0);
  return row.unlabelled + labelled - (row.labels[0]?.count ?? 0);
};
const occurrencesOf = (row: ConsistencyRow): number => row.unlabelled + row.labels.reduce((sum, l) => sum + l.count, 0);

export function consistency(db: Db, input: ConsistencyInput): ConsistencyPage {
  const annotatorId = input.annotator === undefined ? undefined : (annotatorIdByName(db, input.annotator) ?? undefined);
  if (input.annotator !== undefined && annotatorId === undefined) return { total: 0, rows: [] };
  if (input.label !== undefined && labelIdOfKey(db, input.label) === null) return { total: 0, rows: [] };
  const mentions = mentionsOf(db, annotatorId);
  if (input.label !== undefined) for (const [mention, entry] of mentions) if (!entry.labels.has(input.label)) mentions.delete(mention);
  countUnlabelled(db, mentions, annotatorId);
  const rows: ConsistencyRow[] = [];
  for (const [mention, entry] of mentions) {
    const labels = [...entry.labels]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    if (input.problemsOnly && entry.unlabelled === 0 && labels.length < 2) continue;
    rows.push({ mention, labels, unlabelled: entry.unlabelled, documents: entry.documents.size });
  }
  rows.sort((a, b) => problemsOf(b) - problemsOf(a) || occurrencesOf(b) - occurrencesOf(a) || (a.mention < b.mention ? -1 : a.mention > b.mention ? 1 : 0));
  return { total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit) };
}
