// Corpus search (#21): hits of a literal or a regex over every document's normalized text, shown as a
// concordance, labelled all at once, and the consistency of labelled mentions across the corpus.
import { z } from 'zod';
import { DOCUMENT_STATUSES } from '../model';

const id = z.number().int().positive();
const offset = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'dates are YYYY-MM-DD');

/** Concordance orders: text order, 1L / 1R (AntConc: by the words nearest the hit), date, source. */
export const SEARCH_SORTS = ['document', 'left', 'right', 'date', 'source'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The most characters of context either side of a hit. */
export const MAX_CONTEXT = 200;

/** Which documents a search looks in. */
export const searchScope = z
  .object({
    /** Only these documents (the in-document Ctrl+F uses one). */
    documentIds: z.array(id).min(1).max(100_000).optional(),
    status: z.enum(DOCUMENT_STATUSES).optional(),
    source: z.string().max(200).optional(),
    district: z.string().max(100).optional(),
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
  })
  .strict();
export type SearchScope = z.infer<typeof searchScope>;

export const searchQuery = z
  .object({
    /** Literal text (any length from one character) or, with `regex`, a JavaScript regular expression. '' with `label` or `mention` lists spans instead. */
    query: z.string().max(1000),
    regex: z.boolean().default(false),
    /** Only hits inside a span of this label (its key); with an empty query, every span of the label is a hit. */
    label: z.string().min(1).max(100).optional(),
    /** Spans whose text is exactly this (each span a hit). */
    mention: z.string().min(1).max(1000).optional(),
    /** Only hits no span overlaps (of any coder, or of `annotator` when given). */
    unlabelled: z.boolean().default(false),
    /** Spans of this coder only, for `label`, `mention`, `unlabelled` and the labels shown on a hit. */
    annotator: z.string().min(1).max(100).optional(),
    scope: searchScope.default({}),
  })
  .strict();
export type SearchQuery = z.input<typeof searchQuery>;

/** One hit, as selected by the label-all call: its document and its place in the normalized text. */
export const hitRef = z.object({ documentId: id, start: offset, end: offset }).strict();
export type HitRef = z.infer<typeof hitRef>;

const labelAllInput = z
  .object({
    search: searchQuery,
    /** The hits to label: every hit of the search, or these (checked in the concordance). */
    hits: z.union([z.literal('all'), z.array(hitRef).min(1).max(100_000)]),
    labelId: id,
  })
  .strict();

export const searchInputs = {
  /** One page of the concordance. */
  'search:hits': z
    .object({
      search: searchQuery,
      sort: z.enum(SEARCH_SORTS).default('document'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      /** Characters of context either side. */
      context: z.number().int().min(0).max(MAX_CONTEXT).default(30),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(50),
    })
    .strict(),
  /** The exact totals, per document and per year (asked after the first page, which does not wait for them). */
  'search:counts': z.object({ search: searchQuery }).strict(),
  /** Every hit as CSV or TSV (left, hit, right, label, document, title, date, source, district, start, end) for R and pandas. */
  'search:concordanceFile': z
    .object({
      search: searchQuery,
      sort: z.enum(SEARCH_SORTS).default('document'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      context: z.number().int().min(0).max(MAX_CONTEXT).default(30),
      format: z.enum(['csv', 'tsv']),
    })
    .strict(),
  /** What labelling the hits would do, before anything is written. */
  'search:labelPreview': labelAllInput,
  /** Labels the hits in one transaction and one undo step (search:undoLabelAll); skips hits that already carry the label and lists hits that would cut a span. */
  'search:labelAll': labelAllInput,
  'search:undoLabelAll': z.object({ batchId: id }).strict(),
  'search:redoLabelAll': z.object({ batchId: id }).strict(),
  /** How far the background filling of the trigram index is (a project from before it, an import just done). */
  'search:indexStatus': z.object({}).strict(),
  /** Per labelled mention string: its labels and its unlabelled occurrences across the corpus. */
  'search:consistency': z
    .object({
      annotator: z.string().min(1).max(100).optional(),
      /** Only mentions labelled with this label (its key). */
      label: z.string().min(1).max(100).optional(),
      /** Only rows with unlabelled occurrences or more than one label. */
      problemsOnly: z.boolean().default(true),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
};

type In<K extends keyof typeof searchInputs> = z.input<(typeof searchInputs)[K]>;

/** A span on or around a hit, so the concordance can show the hit's label. */
export interface HitSpan {
  id: number;
  start: number;
  end: number;
  labelId: number;
  annotator: string;
}

export interface SearchHit {
  documentId: number;
  title: string;
  date: string | null;
  source: string | null;
  district: string | null;
  /** The hit in the document's normalized text (UTF-16 offsets, as spans). */
  start: number;
  end: number;
  left: string;
  text: string;
  right: string;
  /** Spans overlapping the hit. */
  spans: HitSpan[];
}

export interface SearchPage {
  hits: SearchHit[];
  /** True when hits past this page exist (the exact total comes from search:counts). */
  more: boolean;
}

export interface SearchCounts {
  hits: number;
  documents: number;
  /** Hits per document, most first (the first 1,000 documents). */
  perDocument: { documentId: number; title: string; hits: number }[];
  /** Hits per year of the document's date; year null = documents without a date. */
  perYear: { year: number | null; hits: number }[];
}

export interface LabelAllPreview {
  /** Spans that would be created. */
  create: number;
  /** Hits that already carry the label (same place), skipped. */
  alreadyLabelled: number;
  /** Hits that would cut an existing span (overlap without containing or being contained), listed, not forced. */
  conflicts: SearchHit[];
  conflictCount: number;
}

export interface LabelAllResult extends LabelAllPreview {
  /** The undo step: search:undoLabelAll removes exactly these spans. */
  batchId: number;
  documents: number;
}

export interface ConsistencyRow {
  mention: string;
  /** How often the mention carries each label (label key), most first. */
  labels: { label: string; count: number }[];
  /** Occurrences of the mention's text no span covers. */
  unlabelled: number;
  documents: number;
}

export interface ConsistencyPage {
  total: number;
  rows: ConsistencyRow[];
}

export type SearchApi = {
  'search:hits': (a: In<'search:hits'>) => Promise<SearchPage>;
  'search:counts': (a: In<'search:counts'>) => Promise<SearchCounts>;
  'search:concordanceFile': (a: In<'search:concordanceFile'>) => Promise<{ text: string; hits: number }>;
  'search:labelPreview': (a: In<'search:labelPreview'>) => Promise<LabelAllPreview>;
  'search:labelAll': (a: In<'search:labelAll'>) => Promise<LabelAllResult>;
  /** leftAlone: the batch's spans edited since (relabelled, resized, reviewed…), which an undo never removes. */
  'search:undoLabelAll': (a: In<'search:undoLabelAll'>) => Promise<{ removed: number; leftAlone: number; documentIds: number[] }>;
  'search:redoLabelAll': (a: In<'search:redoLabelAll'>) => Promise<{ created: number; documentIds: number[] }>;
  'search:consistency': (a: In<'search:consistency'>) => Promise<ConsistencyPage>;
  /** pending: documents not yet in the index (searches still find their hits, only slower); documents: all of them. */
  'search:indexStatus': (a: In<'search:indexStatus'>) => Promise<{ pending: number; documents: number }>;
};
