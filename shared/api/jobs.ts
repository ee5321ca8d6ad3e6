import { z } from 'zod';
import { DOCUMENT_STATUSES, type AnnotationOrigin, type DocumentMetadata, type DocumentStatus, type ImportWarning, type RemovedBlock, type ReviewState } from '../model';
import type { ImportProblemCode, ProblemParams } from '../exchange/problems';

const jobId = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** Normalization steps; each can be switched off per import and is recorded on the document. */
export const NORMALIZATION_STEPS = [
  'unicode_nfc',
  'line_endings',
  'invisible_spaces',
  'traditional_to_simplified',
  'strip_pinyin',
  'repair_mojibake',
  'rejoin_broken_lines',
  'strip_site_chrome',
] as const;
export type NormalizationStep = (typeof NORMALIZATION_STEPS)[number];

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5'] as const;
export type SupportedEncoding = (typeof ENCODINGS)[number];

export const importSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  // Files dropped into the browser mode arrive as bytes.
  z
    .object({
      kind: z.literal('bytes'),
      name: z.string().min(1).max(1000),
      dataBase64: z.string().max(150_000_000),
    })
    .strict(),
]);
export type ImportSource = z.infer<typeof importSource>;

export const fieldMapping = z
  .object({
    text: z.string().max(100),
    id: z.string().max(100),
    title: z.string().max(100),
    date: z.string().max(100),
    source: z.string().max(100),
    url: z.string().max(100),
    district: z.string().max(100),
  })
  .partial()
  .strict();
export type FieldMapping = z.infer<typeof fieldMapping>;

export const importOptions = z
  .object({
    /** Steps switched off; everything else runs. */
    disabledSteps: z.array(z.enum(NORMALIZATION_STEPS)).default([]),
    /** Forces one encoding instead of detection. */
    encoding: z.enum(ENCODINGS).optional(),
    /** Split files holding several articles into one document each. */
    splitArticles: z.boolean().default(true),
    fieldMapping: fieldMapping.default({}),
  })
  .strict();
export type ImportOptions = z.output<typeof importOptions>;

export const EXPORT_FORMATS = [
  'biaozhu-jsonl',
  'doccano-jsonl',
  'cluener',
  'conll-bio',
  'conll-bioes',
  'brat',
  'label-studio',
  'mentions-csv',
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

export const jobsInputs = {
  'import:preview': z.object({ sources: z.array(importSource).min(1).max(100_000), options: importOptions }).strict(),
  'import:previewFile': z.object({ previewId: jobId, index: z.number().int().min(0) }).strict(),
  /** Re-reads one previewed file with an encoding the user chose instead of the detected one. */
  'import:overrideEncoding': z.object({ previewId: jobId, index: z.number().int().min(0), encoding: z.enum(ENCODINGS) }).strict(),
  'import:commit': z
    .object({
      previewId: jobId,
      /** Indexes into the preview's files; omitted means every file that previewed cleanly. */
      include: z.array(z.number().int().min(0)).optional(),
    })
    .strict(),
  'export:start': exportOptions,
  'jobs:get': z.object({ jobId }).strict(),
  'jobs:cancel': z.object({ jobId }).strict(),
};

/** One document that a file will become (a file holding several articles becomes several). */
export interface DocumentDraft {
  metadata: DocumentMetadata;
  originalText: string;
  text: string;
  offsetMap: number[];
  steps: string[];
  warnings: ImportWarning[];
  removed: RemovedBlock[];
  /** Review status carried by a lossless export (Biaozhu JSONL); new documents start as todo. */
  status?: DocumentStatus;
  /** The document's note, carried by Biaozhu JSONL. */
  note?: string;
  /** Spans carried in by the file itself (JSONL/CoNLL/brat imports), UTF-16 offsets into text. */
  spans: {
    start: number;
    end: number;
    label: string;
    attributes?: Record<string, string>;
    annotator?: string;
    origin?: AnnotationOrigin;
    reviewState?: ReviewState;
    note?: string;
  }[];
}

export interface FilePreview {
  index: number;
  fileName: string;
  format: string;
  encoding: string | null;
  encodingConfidence: number | null;
  byteLength: number;
  documents: { title: string; date: string | null; source: string | null; charCount: number; warnings: ImportWarning[]; duplicate: boolean; spanCount: number }[];
  /** Set when the file cannot be imported at all (English; errorCode/errorParams word it in the UI when set). */
  error: string | null;
  errorCode?: ImportProblemCode;
  errorParams?: ProblemParams;
  /** Problems with parts of the file (a malformed JSONL line) that do not stop the rest. */
  problems: ImportProblem[];
}

/** A problem of an import: English `message`, and `code` and `params` the UI words it from (older data and the text pipeline may have no code). */
export interface ImportProblem {
  line?: number;
  message: string;
  code?: ImportProblemCode;
  params?: ProblemParams;
}

export interface ImportPreview {
  previewId: string;
  files: FilePreview[];
}

export interface FilePreviewDetail {
  fileName: string;
  drafts: DocumentDraft[];
}

export interface ImportReport {
  imported: number;
  documentIds: number[];
  skippedDuplicates: { fileName: string; title: string }[];
  rejected: (ImportProblem & { fileName: string })[];
  spansImported: number;
  /** Spans a file held twice (same label, characters and coder): each was imported once. */
  duplicateSpansMerged: number;
}

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

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus<R = unknown> {
  id: string;
  kind: 'import-preview' | 'import-commit' | 'export';
  state: JobState;
  done: number;
  total: number;
  message: string;
  result: R | null;
  error: string | null;
}

type In<K extends keyof typeof jobsInputs> = z.input<(typeof jobsInputs)[K]>;

export type JobsApi = {
  'import:preview': (a: In<'import:preview'>) => Promise<{ jobId: string }>;
  'import:previewFile': (a: In<'import:previewFile'>) => Promise<FilePreviewDetail>;
  'import:overrideEncoding': (a: In<'import:overrideEncoding'>) => Promise<FilePreview>;
  'import:commit': (a: In<'import:commit'>) => Promise<{ jobId: string }>;
  'export:start': (a: In<'export:start'>) => Promise<{ jobId: string }>;
  'jobs:get': (a: In<'jobs:get'>) => Promise<JobStatus>;
  'jobs:cancel': (a: In<'jobs:cancel'>) => Promise<JobStatus>;
};
