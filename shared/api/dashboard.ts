// Dashboard aggregates (#24): what the charts draw and their CSVs save. Every channel takes the same
// filter and answers plain arrays of rows, one row per bar, point or cell.
import { z } from 'zod';
import { DOCUMENT_STATUSES, REVIEW_STATES, type DocumentStatus, type ReviewState } from '../model';

const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');

/** Which spans an aggregate counts: document metadata narrows the documents, the rest the spans. */
export const dashboardFilter = z
  .object({
    labelIds: z.array(id).min(1).max(1000).optional(),
    /** Inclusive, on the document's publication date; undated documents drop out when either is set. */
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    source: z.string().max(200).optional(),
    district: z.string().max(100).optional(),
    /** A coder's name: only their spans. */
    annotator: z.string().min(1).max(100).optional(),
    status: z.enum(DOCUMENT_STATUSES).optional(),
    reviewState: z.enum(REVIEW_STATES).optional(),
  })
  .strict();
export type DashboardFilter = z.infer<typeof dashboardFilter>;

const overTimeInput = z
  .object({
    filter: dashboardFilter.default({}),
    /** One series per chosen mention text (spans whose text is exactly it) instead of per label. */
    mentions: z.array(z.string().min(1).max(1000)).min(1).max(50).optional(),
    /** One series per chosen entity (its linked spans). */
    entityIds: z.array(id).min(1).max(50).optional(),
  })
  .strict()
  .refine((input) => !(input.mentions && input.entityIds), { message: 'choose mentions or entityIds, not both' });

const topMentionsInput = z
  .object({
    filter: dashboardFilter.default({}),
    /** By number of spans or by number of documents holding the mention. */
    orderBy: z.enum(['count', 'documents']).default('count'),
    /** Rows per label. */
    limit: z.number().int().min(1).max(1000).default(20),
  })
  .strict();

const breakdownInput = z.object({ filter: dashboardFilter.default({}), by: z.enum(['district', 'source']) }).strict();

const cooccurrenceInput = z
  .object({
    filter: dashboardFilter.default({}),
    rowLabelId: id,
    columnLabelId: id,
    /** The rows and columns kept: the mentions in the most documents. */
    rows: z.number().int().min(1).max(200).default(20),
    columns: z.number().int().min(1).max(200).default(20),
  })
  .strict();

const progressInput = z.object({ filter: dashboardFilter.default({}) }).strict();

/** Mentions of one label (or one chosen mention or entity) in one month; `month` null = undated documents. */
export interface MentionsPerMonth {
  labelId: number;
  /** YYYY-MM. */
  month: string | null;
  /** Set when the series is a chosen mention text. */
  mention?: string;
  /** Set when the series is a chosen entity. */
  entityId?: number;
  mentions: number;
  documents: number;
}

/** One mention of a label: its text, or the entity its spans are linked to (then `text` is the entity's name). */
export interface TopMention {
  labelId: number;
  text: string;
  entityId?: number;
  count: number;
  documents: number;
}

/** Spans of one label in one district or source; `key` null = documents without one. */
export interface BreakdownRow {
  key: string | null;
  labelId: number;
  mentions: number;
  documents: number;
}

/** A row or column of the co-occurrence matrix. */
export interface CooccurrenceItem {
  text: string;
  entityId?: number;
  /** Documents holding this mention (under the filter). */
  documents: number;
}

export interface Cooccurrence {
  rows: CooccurrenceItem[];
  columns: CooccurrenceItem[];
  /** Documents holding both; indexes into rows and columns; cells with no document are left out. */
  cells: { row: number; column: number; documents: number }[];
}

export interface Progress {
  documentsByStatus: { status: DocumentStatus; documents: number }[];
  /** Spans created per coder per day (UTC date of creation). */
  spansPerAnnotatorDay: { annotator: string; day: string; spans: number }[];
  reviewStates: { labelId: number; reviewState: ReviewState; spans: number }[];
}

export interface DashboardApi {
  'dashboard:mentionsOverTime'(input: z.input<typeof overTimeInput>): Promise<MentionsPerMonth[]>;
  'dashboard:topMentions'(input: z.input<typeof topMentionsInput>): Promise<TopMention[]>;
  'dashboard:breakdown'(input: z.input<typeof breakdownInput>): Promise<BreakdownRow[]>;
  'dashboard:cooccurrence'(input: z.input<typeof cooccurrenceInput>): Promise<Cooccurrence>;
  'dashboard:progress'(input: z.input<typeof progressInput>): Promise<Progress>;
}

export type OverTimeInput = z.infer<typeof overTimeInput>;
export type TopMentionsInput = z.infer<typeof topMentionsInput>;
export type BreakdownInput = z.infer<typeof breakdownInput>;
export type CooccurrenceInput = z.infer<typeof cooccurrenceInput>;

export const dashboardInputs = {
  'dashboard:mentionsOverTime': overTimeInput,
  'dashboard:topMentions': topMentionsInput,
  'dashboard:breakdown': breakdownInput,
  'dashboard:cooccurrence': cooccurrenceInput,
  'dashboard:progress': progressInput,
} satisfies Record<keyof DashboardApi, z.ZodType>;
