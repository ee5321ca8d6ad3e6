// Types of the exchange layer: exporters stream one document at a time into chunks of text,
// importers turn whole files back into DocumentDrafts. Pure: no platform imports.
import type { EntityFields } from '../api/entities';
import type { DocumentMetadata, DocumentStatus, OriginDetail, ReviewState } from '../model';
import type { ExportFormat } from '../api/export';
import type { DocumentDraft } from '../api/import';
import type { ImportProblemCode, ProblemParams } from './problems';
import type { ExportWriter } from './writer';

export type SplitName = 'train' | 'dev' | 'test';

export interface ExportSpan {
  id: number;
  /** UTF-16 code units into ExportDocument.text, end exclusive. */
  start: number;
  end: number;
  /** Label key, e.g. PERSON. */
  label: string;
  /** Spans with the same attributes may share one object: formats derive from it once (see derivedFromAttributes). */
  attributes: Record<string, string>;
  annotator: string;
  origin: 'manual' | 'suggested';
  reviewState: 'pending' | 'accepted' | 'rejected';
  createdAt: string;
  updatedAt: string;
  /** An accepted suggestion's source (origin 'suggested'); set only when the span has one and the format's spanDetails is 'attributes' or 'all'. */
  originDetail?: OriginDetail;
  /** The span's note; set only for formats that declare Exporter.notes, and only when there is one. */
  note?: string;
  /** UTF-16 code units into originalText, end exclusive; set by the caller when known. */
  sourceStart?: number;
  sourceEnd?: number;
  /** The linked entity (#23; a key of ExportContext.entities); set only for formats that declare Exporter.entities. */
  entityId?: number;
  /** Active ms its coder spent before making it (#24); set only for formats that declare Exporter.timing, and only when it has one. */
  leadTimeMs?: number;
}

/** One coder's time on a document (#24), as exports write it; times ISO 8601 UTC. */
export interface ExportDocumentTiming {
  annotator: string;
  firstOpenedAt: string;
  /** The first time the coder's status became done; null while not done. */
  doneAt: string | null;
  /** Active ms on the document (idle gaps over two minutes left out). */
  activeMs: number;
  /** Active ms at done; null while not done. */
  activeMsAtDone: number | null;
}

/** A row of the corpus-wide entity table, as exports write it (#23). */
export interface ExportEntity {
  id: number;
  /** The entity's label key. */
  label: string;
  name: string;
  aliases: string[];
  fields: EntityFields;
  note: string;
}

/** A typed, directed relation between two spans of a document (#23); both spans are in ExportDocument.spans. */
export interface ExportRelation {
  id: number;
  /** The relation type's key (提出). */
  type: string;
  fromId: number;
  toId: number;
  annotator: string;
  reviewState: ReviewState;
  createdAt: string;
}

/** A text's well-formed UTF-8 bytes, with the offsets of the bytes JSON escapes (control characters, " and \). */
export interface Utf8Text {
  bytes: Uint8Array;
  jsonEscapes: Int32Array;
}

export interface ExportDocument {
  id: number;
  metadata: DocumentMetadata;
  status: DocumentStatus;
  text: string;
  originalText: string;
  /** Flat OffsetMap (see model.ts); written by biaozhu-jsonl only. Identity when omitted. */
  offsetMap?: number[];
  /** In any order (the export reads them as SQLite finds them): exporters sort them by start, end, id. */
  spans: ExportSpan[];
  split?: SplitName;
  /** The document's note; set only for formats that declare Exporter.notes, and only when there is one. */
  note?: string;
  /** Relations between its spans; set only for formats that declare Exporter.entities (absent or empty: none). */
  relations?: ExportRelation[];
  /** Each coder's time on it (#24), by coder name; set only for formats that declare Exporter.timing (absent or empty: none). */
  timings?: ExportDocumentTiming[];
}

export interface ExportContext {
  labels: { key: string; nameZh: string; nameEn: string }[];
  /** 'source': formats write originalText and span.sourceStart/sourceEnd instead of text/start/end. */
  offsets: 'normalized' | 'source';
  /**
   * A document's text or original text as UTF-8, exactly as stored, when the caller has it (the
   * export job does, for formats that ask with Exporter.utf8Texts): such formats copy it into their
   * output instead of encoding the string again. Absent, or undefined: the format encodes the string.
   */
  storedUtf8?(doc: ExportDocument, which: 'text' | 'originalText'): Utf8Text | undefined;
  /**
   * What formats write their chunks with (see writer.ts): the export job's builds UTF-8 bytes;
   * absent, formats write strings (writerOf in common.ts).
   */
  writer?: ExportWriter;
  /** The project's entity table by id, for formats that declare Exporter.entities (absent: none). */
  entities?: ReadonlyMap<number, ExportEntity>;
}

export interface ExportChunk {
  /**
   * Relative output path. '' is the main file. Layout 'folder' (brat) always names files inside
   * the output folder; layout 'file-per-split' uses '' without a split and `train.conll`,
   * `dev.conll`, `test.conll` (extension of the format) when documents carry a split, in which
   * case the output path is a folder.
   */
  path: string;
  /**
   * A string, or UTF-8 bytes (formats that build their text as bytes); always whole characters.
   * Bytes may be the exporter's own buffer: use them before calling the exporter again.
   */
  text: string | Uint8Array;
}

export interface Dropped {
  reason: string;
  count: number;
  /** Ids of the spans counted (ExportSpan.id), when the format knows them: the report lists them. */
  spanIds?: number[];
}

export type SpanDetails = 'none' | 'attributes' | 'review' | 'all';

/**
 * One export run is one ExportContext object: pass the same object to begin, every document and
 * end (formats that need state, such as Label Studio's JSON array, keep it per context).
 */
export interface Exporter {
  format: ExportFormat;
  /** File extension with its dot ('.jsonl'); '' for formats that write a folder. */
  extension: string;
  layout: 'file' | 'folder' | 'file-per-split';
  /**
   * Which span details the format writes beyond position, label and annotator. The export reads
   * only those: 'none' skips attributes, origin, review state and timestamps, 'attributes' all
   * but the attributes, 'review' only the timestamps, 'all' none (tests check that a format's output does not change with what
   * it declares it does not read). Reading every detail of a million spans costs twice as long.
   */
  spanDetails: SpanDetails;
  /**
   * Set by formats that write whole texts as they are (Biaozhu JSONL, brat's .txt): the export then
   * hands them the texts' UTF-8 bytes as stored (ExportContext.storedUtf8).
   */
  utf8Texts?: true;
  /**
   * Set by formats that write notes (Biaozhu JSONL, the mentions CSV): the export reads the notes
   * of spans and documents for them only. Notes are few; they are read apart from the spans.
   */
  notes?: true;
  /**
   * Set by formats that write entity links and relations (#23): the export then reads the spans'
   * entity ids, each document's relations and the entity table (ExportContext.entities) for them only.
   */
  entities?: true;
  /** Set by formats that write annotation timing (#24): the export reads spans' lead times and documents' timings for them only. */
  timing?: true;
  begin(ctx: ExportContext): ExportChunk[];
  /**
   * Chunks for one document. Throws an Error naming the document and span when a span is
   * invalid (see validateExportDocument). `dropped` counts spans that were not written, by
   * reason; `adjusted` counts spans written with changed edges (brat trims line breaks at a
   * span's edges). Nothing is dropped or changed silently.
   */
  document(doc: ExportDocument, ctx: ExportContext): { chunks: ExportChunk[]; dropped: Dropped[]; adjusted?: Dropped[] };
  end(ctx: ExportContext): ExportChunk[];
}

export interface ExchangeFile {
  name: string;
  text: string;
}

export interface ExchangeProblem {
  file: string;
  line?: number;
  /** In English, for the CLI and logs; the UI words it from code and params. */
  message: string;
  code: ImportProblemCode;
  params?: ProblemParams;
}

export interface ParseResult {
  drafts: DocumentDraft[];
  problems: ExchangeProblem[];
}

export type DraftSpan = DocumentDraft['spans'][number];
