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
import { labelIdOfKey, readTexts } from '../db/search';
import { forEachHit, resolveSearch } from './find';

export interface ConsistencyInput {
  annotator?: string;
  label?: string;
  problemsOnly: boolean;
  offset: number;
  limit: number;
}

/** Longer strings are not searched for (the finder's query limit); their rows show unlabelled 0. */
const LONGEST_SEARCHED_MENTION = 1000;
const TEXTS_PER_READ = 500;

interface Mention {
  labels: Map<string, number>;
  documents: Set<number>;
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
      if (!entry) mentions.set(mention, (entry = { labels: new Map(), documents: new Set() }));
      entry.labels.set(labelKey, (entry.labels.get(labelKey) ?? 0) + 1);
      entry.documents.add(documentId);
    }
  }
  return mentions;
}

/** Occurrences of the mention no span (of the coder) overlaps, adding their documents to `documents`. */
function unlabelledOccurrences(db: Db, mention: string, annotator: string | undefined, documents: Set<number>): number {
  if (mention.length > LONGEST_SEARCHED_MENTION) return 0;
  let count = 0;
  const search = resolveSearch(db, { query: mention, unlabelled: true, ...(annotator === undefined ? {} : { annotator }) });
  forEachHit(db, search, (hit) => {
    count++;
    documents.add(hit.documentId);
  });
  return count;
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
  const rows: ConsistencyRow[] = [];
  for (const [mention, entry] of mentionsOf(db, annotatorId)) {
    if (input.label !== undefined && !entry.labels.has(input.label)) continue;
    const labels = [...entry.labels]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const unlabelled = unlabelledOccurrences(db, mention, input.annotator, entry.documents);
    if (input.problemsOnly && unlabelled === 0 && labels.length < 2) continue;
    rows.push({ mention, labels, unlabelled, documents: entry.documents.size });
  }
  rows.sort((a, b) => problemsOf(b) - problemsOf(a) || occurrencesOf(b) - occurrencesOf(a) || (a.mention < b.mention ? -1 : a.mention > b.mention ? 1 : 0));
  return { total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit) };
}
