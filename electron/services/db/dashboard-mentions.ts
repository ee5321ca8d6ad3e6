// Mentions for the dashboard's top mentions and co-occurrence (#24), from the tables migration 018
// keeps: per span its label, entity and text (dashboard_span_mentions), and per label and mention
// its spans and documents (dashboard_mention_totals). A mention is its entity when the span is
// linked (mention ''), else its text; a text not cut in SQL (a document with astral characters) is
// NULL there, and those spans are listed apart for the caller to cut (uncutSpans).
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { statement, type Db } from './connection';
import { spansJoinedWhere } from './dashboard';

/** One mention's tally: label, entity (0 = none), mention ('' when linked), spans, documents. */
export type MentionTally = [labelId: number, entityId: number, mention: string, count: number, documents: number];

const MENTION = "CASE WHEN m.entity_id > 0 THEN '' ELSE m.text END";

/** A filter narrowing nothing but labels, which the kept totals answer. */
export const onlyLabels = (filter: DashboardFilter): boolean => Object.keys(filter).every((key) => key === 'labelIds');

/**
 * The first `limit` mentions of each label in the kept totals by spans or documents, with every
 * mention as high as the last one in that order (the caller breaks ties its own way: by the other
 * number, then by text, which SQL does not know for entities), read from the totals' indexes.
 */
export function topMentionTotals(db: Db, labelIds: readonly number[], orderBy: 'count' | 'documents', limit: number): MentionTally[] {
  const sql = topMentionTotalsSql(orderBy);
  const top = statement(db, sql.top).raw(true);
  const ties = statement(db, sql.ties).raw(true);
  return labelIds.flatMap((labelId) => {
    const rows = top.all(labelId, limit) as MentionTally[];
    if (rows.length < limit) return rows;
    const last = rows[rows.length - 1];
    const seen = new Set(rows.map((row) => `${row[1]}\u0000${row[2]}`));
    for (const tie of ties.all(labelId, orderBy === 'count' ? last[3] : last[4]) as MentionTally[]) if (!seen.has(`${tie[1]}\u0000${tie[2]}`)) rows.push(tie);
    return rows;
  });
}

/** The statements of topMentionTotals: a label's first rows, and the rows as high as a given one. */
export function topMentionTotalsSql(orderBy: 'count' | 'documents'): { top: string; ties: string } {
  const [first, second] = orderBy === 'count' ? ['spans', 'documents'] : ['documents', 'spans'];
  const columns = 'SELECT label_id, entity_id, mention, spans, documents FROM dashboard_mention_totals';
  return {
    top: `${columns} WHERE label_id = ? ORDER BY ${first} DESC, ${second} DESC LIMIT ?`,
    ties: `${columns} WHERE label_id = ? AND ${first} = ?`,
  };
}

/** Every label (a few rows; one without mentions reads nothing more than its index entry). */
export function labelsWithMentions(db: Db): number[] {
  return statement(db, 'SELECT id FROM labels ORDER BY id').pluck(true).all() as number[];
}

/** Every mention's tally under the filter, from the spans' kept texts (spans of unknown text left out). */
export function filteredMentionTallies(db: Db, filter: DashboardFilter): MentionTally[] {
  const where = spansJoinedWhere(filter);
  const known = `(m.entity_id > 0 OR m.text IS NOT NULL)`;
  const sql = `SELECT m.label_id, m.entity_id, ${MENTION} AS mention, count(*), count(DISTINCT m.document_id)
    FROM annotations a JOIN dashboard_span_mentions m ON m.annotation_id = a.id
    ${where.sql ? `${where.sql} AND ${known}` : `WHERE ${known}`} GROUP BY m.label_id, m.entity_id, mention`;
  return db
    .prepare(sql)
    .raw(true)
    .all(...where.params) as MentionTally[];
}

/** Whether any unlinked span's (or, `linkedToo`, any span's) text is unknown to SQL: the caller cuts those in JavaScript. */
export function anyUncutSpan(db: Db, linkedToo = false): boolean {
  const sql = `SELECT 1 FROM dashboard_span_mentions WHERE text IS NULL${linkedToo ? '' : ' AND entity_id = 0'} LIMIT 1`;
  return statement(db, sql).get() !== undefined;
}

/**
 * Spans of unknown text under the filter, by document: [documentId, start, end, labelId, month];
 * unlinked ones only unless `linkedToo` (a linked span's mention is its entity, known without it).
 */
export function uncutSpans(
  db: Db,
  filter: DashboardFilter,
  linkedToo = false,
): [documentId: number, start: number, end: number, labelId: number, month: string | null][] {
  const where = spansJoinedWhere(filter);
  const uncut = `a.id IN (SELECT annotation_id FROM dashboard_span_mentions WHERE text IS NULL${linkedToo ? '' : ' AND entity_id = 0'})`;
  const sql = `SELECT a.document_id, a.start, a.end, a.label_id, (SELECT substr(d.published_at, 1, 7) FROM documents d WHERE d.id = a.document_id)
    FROM annotations a ${where.sql ? `${where.sql} AND ${uncut}` : `WHERE ${uncut}`} ORDER BY a.document_id`;
  return db
    .prepare(sql)
    .raw(true)
    .all(...where.params) as [number, number, number, number, string | null][];
}

/** Spans whose own text (linked or not) is one of `texts`, per label, text and month: [labelId, text, month, mentions, documents]. */
export function chosenMentionsPerMonth(
  db: Db,
  filter: DashboardFilter,
  texts: readonly string[],
): [labelId: number, text: string, month: string | null, mentions: number, documents: number][] {
  const where = spansJoinedWhere(filter);
  // Unlinked spans by the key index (a seek per label and text), linked ones through the entity index.
  const chosen = `m.annotation_id IN (
      SELECT annotation_id FROM dashboard_span_mentions WHERE label_id IN (SELECT id FROM labels) AND entity_id = 0 AND text IN (SELECT value FROM json_each(@texts))
      UNION ALL SELECT annotation_id FROM dashboard_span_mentions WHERE entity_id > 0 AND text IN (SELECT value FROM json_each(@texts)))`;
  const sql = `SELECT a.label_id, m.text, substr(d.published_at, 1, 7) AS month, count(*), count(DISTINCT a.document_id)
    FROM dashboard_span_mentions m CROSS JOIN annotations a ON a.id = m.annotation_id JOIN documents d ON d.id = a.document_id
    WHERE ${chosen} ${where.sql ? `AND ${where.sql.slice('WHERE '.length)}` : ''} GROUP BY a.label_id, m.text, month`;
  return db
    .prepare(sql)
    .raw(true)
    .all(...where.params, { texts: JSON.stringify(texts) }) as [number, string, string | null, number, number][];
}

/** The documents (under the filter) holding each of the given mentions of one label: [entityId, mention, documentId]. */
export function mentionDocuments(
  db: Db,
  filter: DashboardFilter,
  labelId: number,
  mentions: readonly { entityId: number; mention: string }[],
): [entityId: number, mention: string, documentId: number][] {
  if (!mentions.length) return [];
  const where = spansJoinedWhere(filter);
  // The spans by index seeks: unlinked by label and text, linked by entity (label checked after).
  const chosen = `m.annotation_id IN (
      SELECT annotation_id FROM dashboard_span_mentions WHERE label_id = @labelId AND entity_id = 0 AND text IN (SELECT value FROM json_each(@texts))
      UNION ALL SELECT annotation_id FROM dashboard_span_mentions WHERE entity_id IN (SELECT value FROM json_each(@entities)) AND entity_id > 0 AND +label_id = @labelId)`;
  const texts = JSON.stringify(mentions.filter((m) => m.entityId === 0).map((m) => m.mention));
  const entities = JSON.stringify(mentions.filter((m) => m.entityId > 0).map((m) => m.entityId));
  // Labels alone narrow nothing more here (the label is one of them): no span is read beyond the index.
  // CROSS JOIN: the chosen spans drive (a few index seeks); the filter is checked on each of them.
  const join = onlyLabels(filter) ? '' : 'CROSS JOIN annotations a ON a.id = m.annotation_id';
  const narrowed = onlyLabels(filter) || !where.sql ? '' : `AND ${where.sql.slice('WHERE '.length)}`;
  const sql = `SELECT DISTINCT m.entity_id, ${MENTION}, m.document_id FROM dashboard_span_mentions m ${join} WHERE ${chosen} ${narrowed}`;
  return db
    .prepare(sql)
    .raw(true)
    .all(...(onlyLabels(filter) ? [] : where.params), { labelId, texts, entities }) as [number, string, number][];
}
