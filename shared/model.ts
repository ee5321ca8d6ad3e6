// Domain types shared by the data core, the API and the renderer. Pure data: no platform imports.

export const DOCUMENT_STATUSES = ['todo', 'in_progress', 'done', 'reviewed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const ANNOTATION_ORIGINS = ['manual', 'suggested'] as const;
export type AnnotationOrigin = (typeof ANNOTATION_ORIGINS)[number];

export const REVIEW_STATES = ['pending', 'accepted', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'choice'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface AttributeDefinition {
  key: string;
  nameZh: string;
  nameEn: string;
  type: AttributeType;
  /** Allowed values when type is 'choice'. */
  options?: string[];
}

export interface Label {
  id: number;
  key: string;
  nameZh: string;
  nameEn: string;
  /** CSS hex colour, e.g. #d9480f. */
  color: string;
  /** Single key that tags the selection, e.g. '1' or 'p'. */
  hotkey: string | null;
  order: number;
  attributes: AttributeDefinition[];
  /** Annotation guideline: what the label covers and what it does not ('' when none). */
  descriptionZh: string;
  descriptionEn: string;
  /** Example mentions, e.g. “四个意识” for SLOGAN. */
  examples: string[];
}

/**
 * Maps normalized-text offsets back to original-text offsets (both UTF-16 code units).
 * Flat list of segments [normStart, normLength, origStart, origLength, ...], sorted by normStart,
 * covering the normalized text without gaps. Where normLength === origLength the segment maps
 * one-to-one; otherwise every normalized unit in it maps to the whole original range.
 */
export type OffsetMap = number[];

export type WarningKind = 'mojibake' | 'mojibake_repaired' | 'decode_errors' | 'encoding_guess' | 'chrome_removed' | 'split_candidate' | 'other';

export interface ImportWarning {
  kind: WarningKind;
  /** In English, for logs and the CLI; the UI words it from code and params. */
  message: string;
  /** Which message, e.g. 'invalid_utf8' (see the renderer's 'warn.*' strings), with its values. */
  code?: string;
  params?: Record<string, string | number>;
  /** Range in the normalized text the warning is about, when it is about a place. */
  start?: number;
  end?: number;
}

/** Text that normalization removed (site chrome, link lists); kept so nothing is lost. */
export interface RemovedBlock {
  reason: string;
  text: string;
  /** Offset in the original text where the block started. */
  originalStart: number;
}

export interface DocumentMetadata {
  title: string;
  /** ISO date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:mm). */
  date: string | null;
  source: string | null;
  district: string | null;
  url: string | null;
  reporters: string[];
  /** Id the document had where it came from (file name, JSONL id). */
  externalId: string | null;
}

export interface DocumentSummary {
  id: number;
  title: string;
  date: string | null;
  source: string | null;
  district: string | null;
  status: DocumentStatus;
  charCount: number;
  spanCount: number;
  encoding: string | null;
  fileName: string | null;
  warningCount: number;
  importedAt: string;
  updatedAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  url: string | null;
  reporters: string[];
  externalId: string | null;
  text: string;
  rawSha256: string | null;
  steps: string[];
  warnings: ImportWarning[];
  removed: RemovedBlock[];
  /** The coders' free-text note on the document ('' when none). */
  note: string;
}

/**
 * The imported text before normalization and the map back to it: as large as the text and more,
 * and not needed to show or label it, so asked for apart (documents:original) when shown.
 */
export interface DocumentOriginal {
  id: number;
  originalText: string;
  offsetMap: OffsetMap;
}

export interface Annotation {
  id: number;
  documentId: number;
  /** UTF-16 code units into the normalized text. */
  start: number;
  /** Exclusive. */
  end: number;
  labelId: number;
  annotator: string;
  origin: AnnotationOrigin;
  reviewState: ReviewState;
  attributes: Record<string, string>;
  /** Free-text note on the span ('' when none). */
  note: string;
  createdAt: string;
  updatedAt: string;
  /** Where an accepted suggestion came from (origin 'suggested'); absent on spans made by hand. */
  originDetail?: OriginDetail;
  /** The entity the span is linked to (#23); absent (or null) when not linked. */
  entityId?: number | null;
  /** Active ms its coder spent before making it (#24 timing); absent when not made by one coder action. */
  leadTimeMs?: number;
}

/** The source of an accepted suggestion (#22): which source, which gazetteer/pattern/model, how confident. */
export interface OriginDetail {
  source: 'dictionary' | 'gazetteer' | 'pattern' | 'model';
  /** The gazetteer's or pattern's id, the model's version; '' for the dictionary. */
  sourceId: string;
  /** In [0, 1]. */
  confidence: number;
}

export interface ProjectInfo {
  path: string;
  name: string;
  schemaVersion: number;
  documentCount: number;
  annotationCount: number;
  annotator: string;
  /** Set when the project is open read-only: why, and a sentence for the user. Writes are refused. */
  readOnly: ReadOnlyState | null;
}

export interface ReadOnlyState {
  /** damaged: integrity check failed; file: the file or its folder is not writable; locked: another process holds it. */
  reason: 'damaged' | 'file' | 'locked';
  message: string;
}

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
}

export interface ProjectStats {
  documents: number;
  annotations: number;
  byStatus: Record<DocumentStatus, number>;
  byLabel: { labelKey: string; count: number }[];
  annotators: { name: string; count: number }[];
  /** Spans by review state. */
  byReview: Record<ReviewState, number>;
  /** Doubled spans (same label, characters and coder) that the upgrade to schema 6 merged into one. */
  duplicateSpansRemoved: number;
}
