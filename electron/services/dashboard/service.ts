// Dashboard aggregates (#24): counts from db/dashboard.ts shaped as the rows a chart and its CSV use.
// Mention texts are cut here, once per span, from each document's text read once.
import type {
  BreakdownInput,
  BreakdownRow,
  Cooccurrence,
  CooccurrenceInput,
  CooccurrenceItem,
  DashboardFilter,
  MentionsPerMonth,
  OverTimeInput,
  Progress,
  TopMention,
  TopMentionsInput,
} from '../../../shared/api/dashboard';
import type { Db } from '../db/connection';
import * as sql from '../db/dashboard';
import { keptChosenMentionsPerMonth, keptCooccurrence, keptMentions } from './kept-mentions';

export function mentionsOverTime(db: Db, input: OverTimeInput): MentionsPerMonth[] {
  if (input.entityIds) {
    return sql
      .entityMentionsPerMonth(db, input.filter, input.entityIds)
      .map(({ labelId, entityId, key, mentions, documents }) => ({ labelId, month: key, entityId, mentions, documents }));
  }
  if (input.mentions) {
    if (sql.hasDashboardCounts(db)) return keptChosenMentionsPerMonth(db, input.filter, input.mentions);
    return chosenMentionsPerMonth(db, input.filter, new Set(input.mentions));
  }
  return sql.mentionsPerMonth(db, input.filter).map(({ labelId, key, mentions, documents }) => ({ labelId, month: key, mentions, documents }));
}

export function breakdown(db: Db, input: BreakdownInput): BreakdownRow[] {
  return sql.mentionsPerDocumentField(db, input.filter, input.by);
}

export function progress(db: Db, { filter }: { filter: DashboardFilter }): Progress {
  return {
    documentsByStatus: sql.documentsByStatus(db, filter),
    spansPerAnnotatorDay: sql.spansPerAnnotatorDay(db, filter),
    reviewStates: sql.reviewStatesPerLabel(db, filter),
  };
}

/** A span's mention: its entity when linked, else its text. */
interface Mention {
  labelId: number;
  key: string;
  text: string;
  entityId: number;
  documentId: number;
  month: string | null;
}

/** Calls `visit` for every filtered span with its mention; entity names replace linked spans' texts. */
function forEachMention(db: Db, filter: DashboardFilter, visit: (mention: Mention) => void): void {
  const spans = sql.filteredSpans(db, filter);
  const names = sql.entityNames(db, [...new Set(spans.map((span) => span[4]).filter((id) => id > 0))]);
  let textOf = -1;
  let text = '';
  for (const [documentId, start, end, labelId, entityId, month] of spans) {
    if (documentId !== textOf) {
      text = sql.documentText(db, documentId);
      textOf = documentId;
    }
    const cut = text.slice(start, end);
    const name = entityId > 0 ? names.get(entityId) : undefined;
    const key = name === undefined ? `t:${cut}` : `e:${entityId}`;
    visit({ labelId, key, text: name ?? cut, entityId, documentId, month });
  }
}

/** Chosen mention texts match a span's own text (linked or not). */
function chosenMentionsPerMonth(db: Db, filter: DashboardFilter, chosen: ReadonlySet<string>): MentionsPerMonth[] {
  const groups = new Map<string, MentionsPerMonth & { seen: Set<number> }>();
  const spans = sql.filteredSpans(db, filter);
  let textOf = -1;
  let text = '';
  for (const [documentId, start, end, labelId, , month] of spans) {
    if (documentId !== textOf) {
      text = sql.documentText(db, documentId);
      textOf = documentId;
    }
    const mention = text.slice(start, end);
    if (!chosen.has(mention)) continue;
    const key = JSON.stringify([labelId, mention, month]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { labelId, month, mention, mentions: 0, documents: 0, seen: new Set() }));
    group.mentions += 1;
    if (!group.seen.has(documentId)) (group.seen.add(documentId), (group.documents += 1));
  }
  return [...groups.values()]
    .map(({ seen: _seen, ...row }) => row)
    .sort((a, b) => a.labelId - b.labelId || compare(a.mention ?? '', b.mention ?? '') || compare(a.month ?? '', b.month ?? ''));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Tally {
  labelId: number;
  text: string;
  entityId: number;
  count: number;
  documentCount: number;
  lastDocument: number;
  /** Kept only for the co-occurrence matrix. */
  documents?: Set<number>;
}

/** Spans come ordered by document, so a mention's documents are counted without a set each. */
function tallyMentions(db: Db, filter: DashboardFilter, keepDocuments = false): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  forEachMention(db, filter, ({ labelId, key, text, entityId, documentId }) => {
    const id = `${labelId}\u0000${key}`;
    let tally = tallies.get(id);
    if (!tally) {
      tally = { labelId, text, entityId, count: 0, documentCount: 0, lastDocument: -1 };
      if (keepDocuments) tally.documents = new Set();
      tallies.set(id, tally);
    }
    tally.count += 1;
    if (tally.lastDocument !== documentId) {
      tally.lastDocument = documentId;
      tally.documentCount += 1;
      tally.documents?.add(documentId);
    }
  });
  return tallies;
}

/** Ties broken by text, so the same corpus always draws the same bars. */
export function topMentions(db: Db, input: TopMentionsInput): TopMention[] {
  const byLabel = new Map<number, TopMention[]>();
  // Kept by migration 018; an older read-only project cuts every span's text here.
  const tallies = sql.hasDashboardCounts(db)
    ? keptMentions(db, input.filter, input).mentions
    : [...tallyMentions(db, input.filter).values()].map((t) => ({ ...t, documents: t.documentCount }));
  for (const tally of tallies) {
    const row: TopMention = { labelId: tally.labelId, text: tally.text, count: tally.count, documents: tally.documents };
    if (tally.entityId > 0) row.entityId = tally.entityId;
    const rows = byLabel.get(tally.labelId);
    if (rows) rows.push(row);
    else byLabel.set(tally.labelId, [row]);
  }
  const primary = input.orderBy === 'count' ? (r: TopMention) => r.count : (r: TopMention) => r.documents;
  const secondary = input.orderBy === 'count' ? (r: TopMention) => r.documents : (r: TopMention) => r.count;
  return [...byLabel.keys()]
    .sort((a, b) => a - b)
    .flatMap((labelId) =>
      (byLabel.get(labelId) ?? [])
        .sort((a, b) => primary(b) - primary(a) || secondary(b) - secondary(a) || compare(a.text, b.text) || (a.entityId ?? 0) - (b.entityId ?? 0))
        .slice(0, input.limit),
    );
}

/** Documents holding each mention of one label, as key → documents. */
function documentsPerMention(tallies: Map<string, Tally>, labelId: number): Map<string, Tally> {
  return new Map([...tallies].filter(([, tally]) => tally.labelId === labelId));
}

function topItems(tallies: Map<string, Tally>, limit: number): [string, CooccurrenceItem][] {
  return [...tallies]
    .map(([key, tally]): [string, CooccurrenceItem] => {
      const item: CooccurrenceItem = { text: tally.text, documents: tally.documentCount };
      if (tally.entityId > 0) item.entityId = tally.entityId;
      return [key, item];
    })
    .sort(([, a], [, b]) => b.documents - a.documents || compare(a.text, b.text) || (a.entityId ?? 0) - (b.entityId ?? 0))
    .slice(0, limit);
}

/** Rows × columns: the mentions of two labels in the most documents, and the documents holding both. */
export function cooccurrence(db: Db, input: CooccurrenceInput): Cooccurrence {
  if (sql.hasDashboardCounts(db)) return keptCooccurrence(db, input);
  const labelIds = [input.rowLabelId, input.columnLabelId].filter((id) => !input.filter.labelIds || input.filter.labelIds.includes(id));
  const tallies = tallyMentions(db, { ...input.filter, labelIds: labelIds.length ? [...new Set(labelIds)] : [0] }, true);
  const rowTallies = documentsPerMention(tallies, input.rowLabelId);
  const columnTallies = documentsPerMention(tallies, input.columnLabelId);
  const rows = topItems(rowTallies, input.rows);
  const columns = topItems(columnTallies, input.columns);
  const cells: Cooccurrence['cells'] = [];
  rows.forEach(([rowKey], row) => {
    const rowDocuments = rowTallies.get(rowKey)?.documents ?? new Set<number>();
    columns.forEach(([columnKey], column) => {
      let documents = 0;
      for (const id of columnTallies.get(columnKey)?.documents ?? []) if (rowDocuments.has(id)) documents += 1;
      if (documents > 0) cells.push({ row, column, documents });
    });
  });
  return { rows: rows.map(([, item]) => item), columns: columns.map(([, item]) => item), cells };
}
