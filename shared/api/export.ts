// Export: the options of an export (formats, filters, offsets, split) and its report; the export
// itself runs as a job whose result is the ExportReport.
import { z } from 'zod';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../model';
import type { JobStarted } from './jobs-common';

export const EXPORT_FORMATS = [
  'biaozhu-jsonl',
  'doccano-jsonl',
  'cluener',
  'conll-bio',
  'conll-bioes',
  'brat',
  'label-studio',
  'mentions-csv',
  // Network analysis (#23): the entity table with counts, and the relations as an edge list.
  'entities-csv',
  'relations-csv',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const REVIEW_FILTERS = ['not-rejected', 'accepted', 'all'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

/**
 * Rejected spans are not training data, so exports leave them out unless asked; Biaozhu JSONL is the
 * project's own lossless copy (review work moves with it), so it keeps every span.
 */
export const defaultReviewFilter = (format: ExportFormat): ReviewFilter => (format === 'biaozhu-jsonl' ? 'all' : 'not-rejected');

/**
 * To-do documents have not been looked at (imported, never opened): their missing spans are not
 * "no entity here", so exports leave them out unless asked; Biaozhu JSONL keeps every document.
 */
export const defaultStatuses = (format: ExportFormat): DocumentStatus[] =>
  format === 'biaozhu-jsonl' ? [...DOCUMENT_STATUSES] : DOCUMENT_STATUSES.filter((s) => s !== 'todo');

export const exportOptions = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    /**
     * File (or folder, for multi-file formats) to write; defaults to a new name in the project's
     * exports folder. A relative path is taken from the project file's folder.
     */
    outPath: z
      .string()
      .min(1)
      .max(4096)
      .refine((path) => !path.includes('\0'), 'a path cannot contain a NUL character')
      .optional(),
    /** Replace an existing file (or a folder's files). Without it an existing target is refused with 'conflict' before any work. */
    overwrite: z.boolean().default(false),
    labelKeys: z.array(z.string()).optional(),
    documentIds: z.array(z.number().int().positive()).optional(),
    /** Which documents by status; when absent or empty, see defaultStatuses. */
    statuses: z.array(z.enum(DOCUMENT_STATUSES)).optional(),
    sources: z.array(z.string()).optional(),
    dateFrom: z.string().optional(),
    dateTo: z.string().optional(),
    annotator: z.string().optional(),
    /** Which spans by review; when absent, see defaultReviewFilter. */
    review: z.enum(REVIEW_FILTERS).optional(),
    offsets: z.enum(['normalized', 'source']).default('normalized'),
    split: z
      .object({
        seed: z.number().int(),
        train: z.number().min(0).max(1),
        dev: z.number().min(0).max(1),
        test: z.number().min(0).max(1),
      })
      .strict()
      .optional(),
  })
  .strict()
  .transform((options) => ({
    ...options,
    review: options.review ?? defaultReviewFilter(options.format),
    statuses: options.statuses?.length ? options.statuses : defaultStatuses(options.format),
  }));
export type ExportOptions = z.output<typeof exportOptions>;

export const exportInputs = {
  'export:start': exportOptions,
};

export interface ExportReport {
  format: ExportFormat;
  files: string[];
  documents: number;
  spans: number;
  /** Spans a format could not hold (overlaps in BIO), by reason; never dropped silently. */
  dropped: { reason: string; count: number }[];
  /** Spans written with changed edges (brat trims line breaks at span edges). */
  adjusted?: { reason: string; count: number }[];
  split?: { train: number; dev: number; test: number };
  /** Spans the review filter left out (of those the label and annotator filters kept). */
  reviewLeftOut: number;
  /** To-do documents the status filter left out (of those the other document filters kept). */
  todoLeftOut: number;
  /** Which spans were dropped or adjusted: the first EXPORT_SPAN_LIST_CAP of them, in document order. */
  spanList: ExportSpanIssue[];
  /** Dropped or adjusted spans past the cap, counted only. */
  spanListMore: number;
}

/** The most spans an export report lists by name; the rest are counted. */
export const EXPORT_SPAN_LIST_CAP = 10_000;

/** One span an export dropped or wrote with changed edges, and why. */
export interface ExportSpanIssue {
  kind: 'dropped' | 'adjusted';
  reason: string;
  documentId: number;
  title: string;
  spanId: number;
  label: string;
  /** Normalized offsets (UTF-16, end exclusive) of the span as annotated. */
  start: number;
  end: number;
  /** The span's text, shortened past SPAN_ISSUE_TEXT_MAX characters. */
  text: string;
}

type In<K extends keyof typeof exportInputs> = z.input<(typeof exportInputs)[K]>;

export type ExportApi = {
  'export:start': (a: In<'export:start'>) => Promise<JobStarted>;
};
