// Top mentions and co-occurrence (#24) from the mention tables migration 018 keeps: the unfiltered
// (or label-filtered) top of each label is read from the kept totals' indexes, a filtered one is one
// GROUP BY over the spans' kept texts; texts SQL could not cut (documents with astral characters)
// are cut here and added (those documents hold no span of known text, so the document counts add).
import type { Cooccurrence, CooccurrenceInput, CooccurrenceItem, DashboardFilter, MentionsPerMonth } from '../../../shared/api/dashboard';
import type { Db } from '../db/connection';
import { documentText, entityNames } from '../db/dashboard';
import * as kept from '../db/dashboard-mentions';

/** One mention of one label under a filter; `text` is the entity's name when linked. */
export interface KeptMention {
  labelId: number;
  entityId: number;
  /** The key SQL groups by: '' when linked, else the text. */
  mention: string;
  text: string;
  count: number;
  documents: number;
}

const keyOf = (labelId: number, entityId: number, mention: string) => `${labelId}\u0000${entityId}\u0000${mention}`;

/** Spans of unknown text under the filter, cut here: their tallies and each mention's documents. */
function uncutTallies(db: Db, filter: DashboardFilter): Map<string, { labelId: number; mention: string; count: number; documents: Set<number> }> {
  const tallies = new Map<string, { labelId: number; mention: string; count: number; documents: Set<number> }>();
  let textOf = -1;
  let text = '';
  for (const [documentId, start, end, labelId] of kept.uncutSpans(db, filter)) {
    if (documentId !== textOf) ((text = documentText(db, documentId)), (textOf = documentId));
    const mention = text.slice(start, end);
    const key = keyOf(labelId, 0, mention);
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { labelId, mention, count: 0, documents: new Set() }));
    tally.count += 1;
    tally.documents.add(documentId);
  }
  return tallies;
}

/**
 * Mentions of the filter's labels: all of them, or (`top`) at least the first `limit` of each label
 * in the given order with their ties, when the kept totals can answer alone.
 */
export function keptMentions(
  db: Db,
  filter: DashboardFilter,
  top?: { orderBy: 'count' | 'documents'; limit: number },
): { mentions: KeptMention[]; uncutDocuments: Map<string, Set<number>> } {
  const uncut = kept.anyUncutSpan(db) ? uncutTallies(db, filter) : new Map<string, never>();
  const rows =
    top && kept.onlyLabels(filter) && uncut.size === 0
      ? kept.topMentionTotals(db, filter.labelIds ?? kept.labelsWithMentions(db), top.orderBy, top.limit)
      : kept.filteredMentionTallies(db, filter);
  const byKey = new Map<string, KeptMention>();
  for (const [labelId, entityId, mention, count, documents] of rows)
    byKey.set(keyOf(labelId, entityId, mention), { labelId, entityId, mention, text: mention, count, documents });
  const uncutDocuments = new Map<string, Set<number>>();
  for (const [key, tally] of uncut) {
    uncutDocuments.set(key, tally.documents);
    const row = byKey.get(key);
    if (row) ((row.count += tally.count), (row.documents += tally.documents.size));
    else
      byKey.set(key, { labelId: tally.labelId, entityId: 0, mention: tally.mention, text: tally.mention, count: tally.count, documents: tally.documents.size });
  }
  const mentions = [...byKey.values()];
  const names = entityNames(db, [...new Set(mentions.filter((m) => m.entityId > 0).map((m) => m.entityId))]);
  for (const m of mentions) if (m.entityId > 0) m.text = names.get(m.entityId) ?? '';
  return { mentions, uncutDocuments };
}

/** The documents holding each chosen mention of one label under the filter, by mention key. */
export function keptMentionDocuments(
  db: Db,
  filter: DashboardFilter,
  labelId: number,
  chosen: readonly KeptMention[],
  uncutDocuments: Map<string, Set<number>>,
): Map<string, Set<number>> {
  const documents = new Map<string, Set<number>>(chosen.map((m) => [keyOf(labelId, m.entityId, m.mention), new Set<number>()]));
  for (const [entityId, mention, documentId] of kept.mentionDocuments(db, filter, labelId, chosen))
    documents.get(keyOf(labelId, entityId, mention))?.add(documentId);
  for (const m of chosen)
    for (const id of uncutDocuments.get(keyOf(labelId, 0, m.mention)) ?? []) if (m.entityId === 0) documents.get(keyOf(labelId, 0, m.mention))?.add(id);
  return documents;
}

export const mentionKey = (m: KeptMention): string => keyOf(m.labelId, m.entityId, m.mention);

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rows × columns from the kept tables, as dashboard/service.ts's cooccurrence (same order, same ties). */
export function keptCooccurrence(db: Db, input: CooccurrenceInput): Cooccurrence {
  const labelIds = [input.rowLabelId, input.columnLabelId].filter((id) => !input.filter.labelIds || input.filter.labelIds.includes(id));
  const filter = { ...input.filter, labelIds: labelIds.length ? [...new Set(labelIds)] : [0] };
  const limit = Math.max(input.rows, input.columns);
  const { mentions, uncutDocuments } = keptMentions(db, filter, { orderBy: 'documents', limit });
  const topOf = (labelId: number, count: number) =>
    mentions
      .filter((m) => m.labelId === labelId)
      .sort((a, b) => b.documents - a.documents || compare(a.text, b.text) || a.entityId - b.entityId)
      .slice(0, count);
  const rows = topOf(input.rowLabelId, input.rows);
  const columns = topOf(input.columnLabelId, input.columns);
  const rowDocuments = keptMentionDocuments(db, filter, input.rowLabelId, rows, uncutDocuments);
  const columnDocuments = keptMentionDocuments(db, filter, input.columnLabelId, columns, uncutDocuments);
  const cells: Cooccurrence['cells'] = [];
  rows.forEach((r, row) => {
    const inRow = rowDocuments.get(mentionKey(r)) ?? new Set<number>();
    columns.forEach((c, column) => {
      let documents = 0;
      for (const id of columnDocuments.get(mentionKey(c)) ?? []) if (inRow.has(id)) documents += 1;
      if (documents > 0) cells.push({ row, column, documents });
    });
  });
  const item = (m: KeptMention): CooccurrenceItem =>
    m.entityId > 0 ? { text: m.text, entityId: m.entityId, documents: m.documents } : { text: m.text, documents: m.documents };
  return { rows: rows.map(item), columns: columns.map(item), cells };
}

/** Chosen mention texts per label and month: a span's own text, linked or not; texts SQL could not cut are cut here. */
export function keptChosenMentionsPerMonth(db: Db, filter: DashboardFilter, chosen: readonly string[]): MentionsPerMonth[] {
  const rows = new Map<string, MentionsPerMonth>();
  for (const [labelId, mention, month, mentions, documents] of kept.chosenMentionsPerMonth(db, filter, chosen))
    rows.set(JSON.stringify([labelId, mention, month]), { labelId, month, mention, mentions, documents });
  if (kept.anyUncutSpan(db, true)) {
    const wanted = new Set(chosen);
    const seen = new Set<string>();
    let textOf = -1;
    let text = '';
    for (const [documentId, start, end, labelId, month] of kept.uncutSpans(db, filter, true)) {
      if (documentId !== textOf) ((text = documentText(db, documentId)), (textOf = documentId));
      const mention = text.slice(start, end);
      if (!wanted.has(mention)) continue;
      const key = JSON.stringify([labelId, mention, month]);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { labelId, month, mention, mentions: 0, documents: 0 }));
      row.mentions += 1;
      // Documents of unknown texts hold no span of known text: their counts add.
      if (!seen.has(`${key}\u0000${documentId}`)) (seen.add(`${key}\u0000${documentId}`), (row.documents += 1));
    }
  }
  return [...rows.values()].sort((a, b) => a.labelId - b.labelId || compare(a.mention ?? '', b.mention ?? '') || compare(a.month ?? '', b.month ?? ''));
}
