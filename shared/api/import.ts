// Import: previews of files (a job), the preview of one file, an encoding override, and the
// commit (a job). What a file becomes (DocumentDraft) and what the jobs report.
import { z } from 'zod';
import type { AnnotationOrigin, DocumentMetadata, DocumentStatus, ImportWarning, OriginDetail, RemovedBlock, ReviewState } from '../model';
import type { ImportProblemCode, ProblemParams } from '../exchange/problems';
import type { EntityFields } from './entities';
import { jobId, type JobStarted } from './jobs-common';

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

export const importInputs = {
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
    /** An accepted suggestion's source, carried by Biaozhu JSONL. */
    originDetail?: OriginDetail;
    reviewState?: ReviewState;
    note?: string;
    /** ISO timestamps carried by a lossless export (Biaozhu JSONL); absent: the import's time. */
    createdAt?: string;
    updatedAt?: string;
    /** The file's own name for the span (a brat T id, a Label Studio region id): what DraftRelation.from/to name. */
    ref?: string;
    /** The entity the span is linked to (#23): matched on import by name and label, or created. */
    entity?: DraftEntity;
    /** Active ms its coder spent before making it (#24), carried by Biaozhu JSONL. */
    leadTimeMs?: number;
  }[];
  /** Each coder's time on the document (#24), carried by Biaozhu JSONL. */
  timings?: DraftTiming[];
  /** Relations between the draft's spans (#23), naming them by `ref`. */
  relations?: DraftRelation[];
  /**
   * The entity table a lossless file carries (Biaozhu JSONL), on the file's first draft: every
   * entity is matched or created, linked or not (a duplicate document's table is still read).
   */
  entityTable?: DraftEntity[];
}

/** One coder's time on a document as a file carries it (#24); times ISO 8601. */
export interface DraftTiming {
  annotator: string;
  firstOpenedAt: string;
  doneAt: string | null;
  activeMs: number;
  activeMsAtDone: number | null;
}

/** An entity as a file carries it (#23); the label is the entity's label key. */
export interface DraftEntity {
  name: string;
  label: string;
  aliases?: string[];
  fields?: EntityFields;
  note?: string;
}

/** A relation as a file carries it (#23): its type's key and the refs of its two spans. */
export interface DraftRelation {
  type: string;
  from: string;
  to: string;
  annotator?: string;
  reviewState?: ReviewState;
  createdAt?: string;
  /** Where the file holds it, for problems (an unknown type) to name. */
  line?: number;
}

export interface FilePreview {
  index: number;
  fileName: string;
  format: string;
  encoding: string | null;
  encodingConfidence: number | null;
  byteLength: number;
  documents: {
    title: string;
    date: string | null;
    source: string | null;
    charCount: number;
    warnings: ImportWarning[];
    duplicate: boolean;
    spanCount: number;
  }[];
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
  /** What was not imported, and (codes in IMPORTED_WITH_NOTE) what was imported with a note. */
  rejected: (ImportProblem & { fileName: string })[];
  spansImported: number;
  /** Spans a file held twice (same label, characters and coder): each was imported once. */
  duplicateSpansMerged: number;
  /** Entities and relations the files carried (#23): entities matched by name and label, created, and relations imported. */
  entitiesMatched?: number;
  entitiesCreated?: number;
  relationsImported?: number;
}

type In<K extends keyof typeof importInputs> = z.input<(typeof importInputs)[K]>;

/** import:preview's job ends with an ImportPreview, import:commit's with an ImportReport (see JobResults). */
export type ImportApi = {
  'import:preview': (a: In<'import:preview'>) => Promise<JobStarted>;
  'import:previewFile': (a: In<'import:previewFile'>) => Promise<FilePreviewDetail>;
  'import:overrideEncoding': (a: In<'import:overrideEncoding'>) => Promise<FilePreview>;
  'import:commit': (a: In<'import:commit'>) => Promise<JobStarted>;
};

/** Report codes for something imported as it was, with a note (a relation type created, a label pair outside its type): not a rejection. */
export const IMPORTED_WITH_NOTE: ReadonlySet<string> = new Set(['relation_type_unknown', 'relation_label_pair_not_allowed']);
