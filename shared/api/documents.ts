import { z } from 'zod';
import { DOCUMENT_STATUSES, type DocumentDetail, type DocumentSummary } from '../model';

const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'dates are YYYY-MM-DD');

export const DOCUMENT_SORT_KEYS = ['id', 'title', 'date', 'source', 'status', 'spans', 'chars'] as const;

export const documentFilter = z
  .object({
    status: z.enum(DOCUMENT_STATUSES).optional(),
    source: z.string().max(200).optional(),
    /** Substring of the title. */
    titleContains: z.string().max(200).optional(),
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
  })
  .strict();

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
  'documents:update': z
    .object({ id, status: z.enum(DOCUMENT_STATUSES).optional(), metadata: metadataPatch.optional() })
    .strict(),
  'documents:delete': z.object({ ids: z.array(id).min(1).max(100_000) }).strict(),
  'documents:nextUnfinished': z.object({ afterId: z.number().int().min(0) }).strict(),
};

type In<K extends keyof typeof documentsInputs> = z.input<(typeof documentsInputs)[K]>;

export interface DocumentPage {
  total: number;
  items: DocumentSummary[];
}

export type DocumentsApi = {
  'documents:list': (a: In<'documents:list'>) => Promise<DocumentPage>;
  'documents:get': (a: In<'documents:get'>) => Promise<DocumentDetail>;
  'documents:update': (a: In<'documents:update'>) => Promise<DocumentSummary>;
  'documents:delete': (a: In<'documents:delete'>) => Promise<{ deleted: number }>;
  'documents:nextUnfinished': (a: In<'documents:nextUnfinished'>) => Promise<{ id: number } | null>;
};
