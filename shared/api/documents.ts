import { z } from 'zod';
import { DOCUMENT_STATUSES, REVIEW_STATES, type DocumentDetail, type DocumentOriginal, type DocumentSummary } from '../model';
import { DOCUMENT_SORT_KEYS, REVIEW_PROGRESS } from './document-query';

const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'dates are YYYY-MM-DD');

export { DOCUMENT_SORT_KEYS, REVIEW_PROGRESS, type ReviewProgress } from './document-query';

const labelKey = z.string().min(1).max(100);

/**
 * A span a document must hold: with this exact text or linked to this entity (one of the two), of
 * this label when given. `unlinked`: only spans linked to no entity (a dashboard mention counts its
 * linked spans under their entity, not under their text).
 */
export const mentionCondition = z
  .object({
    text: z.string().min(1).max(1000).optional(),
    entityId: id.optional(),
    label: labelKey.optional(),
    unlinked: z.boolean().optional(),
  })
  .strict()
  .refine((m) => (m.text === undefined) !== (m.entityId === undefined), { message: 'a mention names either a text or an entityId' });
export type MentionCondition = z.infer<typeof mentionCondition>;

export const documentFilter = z
  .object({
    status: z.enum(DOCUMENT_STATUSES).optional(),
    source: z.string().max(200).optional(),
    /** Substring of the title. */
    titleContains: z.string().max(200).optional(),
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    /** Documents with at least one span of this label (its key). */
    withLabel: z.string().min(1).max(100).optional(),
    /** Documents with no span of this label (its key). */
    withoutLabel: z.string().min(1).max(100).optional(),
    /** Documents with at least one span by this coder (name). */
    annotator: z.string().min(1).max(100).optional(),
    /** true: documents import left warnings on; false: documents without. */
    hasWarnings: z.boolean().optional(),
    /** true: documents with at least one span; false: documents with none. */
    hasSpans: z.boolean().optional(),
    /** Review progress of a document's spans; documents without spans match none of these. */
    review: z.enum(REVIEW_PROGRESS).optional(),
    district: z.string().max(100).optional(),
    /**
     * The dashboard's span filter: labels (keys, any of them), coder (annotator above) and review
     * state describe ONE span — a document matches when one of its spans meets all of them, and
     * each mention and entity below is such a span too (the dashboard counts documents this way).
     */
    labels: z.array(labelKey).min(1).max(1000).optional(),
    spanReview: z.enum(REVIEW_STATES).optional(),
    /** Documents holding a span for each of these (all of them). */
    mentions: z.array(mentionCondition).min(1).max(50).optional(),
    /** Documents holding a span linked to each of these entities (all of them). */
    entityIds: z.array(id).min(1).max(50).optional(),
  })
  .strict();
export type DocumentListFilter = z.input<typeof documentFilter>;

export const metadataPatch = z
  .object({
    title: z.string().max(500),
    date: isoDate.nullable(),
    source: z.string().max(200).nullable(),
    district: z.string().max(100).nullable(),
    url: z.string().max(2000).nullable(),
    reporters: z.array(z.string().max(100)).max(50),
  })
  .partial()
  .strict();

export const documentsInputs = {
  'documents:list': z
    .object({
      filter: documentFilter.default({}),
      sort: z.enum(DOCUMENT_SORT_KEYS).default('id'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'documents:get': z.object({ id }).strict(),
  /** The original text and offset map, left out of documents:get (the first paint does not need them). */
  'documents:original': z.object({ id }).strict(),
  'documents:update': z
    .object({
      id,
      status: z.enum(DOCUMENT_STATUSES).optional(),
      metadata: metadataPatch.optional(),
      /** The document's free-text note; '' removes it. */
      note: z.string().max(5000).optional(),
    })
    .strict(),
  'documents:delete': z.object({ ids: z.array(id).min(1).max(100_000) }).strict(),
  'documents:nextUnfinished': z.object({ afterId: z.number().int().min(0) }).strict(),
  /** The distinct districts or sources of the documents, for the list's pickers. */
  'documents:values': z.object({ field: z.enum(['district', 'source']) }).strict(),
};

type In<K extends keyof typeof documentsInputs> = z.input<(typeof documentsInputs)[K]>;

export interface DocumentPage {
  total: number;
  items: DocumentSummary[];
}

export type DocumentsApi = {
  'documents:list': (a: In<'documents:list'>) => Promise<DocumentPage>;
  'documents:get': (a: In<'documents:get'>) => Promise<DocumentDetail>;
  'documents:original': (a: In<'documents:original'>) => Promise<DocumentOriginal>;
  'documents:update': (a: In<'documents:update'>) => Promise<DocumentSummary>;
  'documents:delete': (a: In<'documents:delete'>) => Promise<{ deleted: number }>;
  'documents:nextUnfinished': (a: In<'documents:nextUnfinished'>) => Promise<{ id: number } | null>;
  /** Most documents first; documents without one are left out. */
  'documents:values': (a: In<'documents:values'>) => Promise<{ value: string; documents: number }[]>;
};
