// Suggestions (#22): spans proposed by the project dictionary, imported gazetteers, patterns and a
// learned tagger; shown as ghost spans, accepted or rejected by keyboard, pre-annotated as a job.
import { z } from 'zod';
import type { JobStarted } from './jobs-common';
import { leadTimeMs } from './timing';

const id = z.number().int().positive();
const offset = z.number().int().min(0);

export const SUGGESTION_SOURCES = ['dictionary', 'gazetteer', 'pattern', 'model'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];
const sources = z.array(z.enum(SUGGESTION_SOURCES)).min(1).max(4);

/** A proposed span: where, which label, and where the proposal came from. */
export const suggestion = z
  .object({
    start: offset,
    end: offset,
    labelId: id,
    source: z.enum(SUGGESTION_SOURCES),
    /** Which gazetteer (its id), which pattern (its id), which model (its version); '' for the dictionary. */
    sourceId: z.string().max(100),
    /** In [0, 1]: 1 for dictionary, gazetteer and pattern hits; the tagger's score for model proposals (a score, not a calibrated probability). */
    confidence: z.number().min(0).max(1),
  })
  .strict();
export type SuggestionRef = z.infer<typeof suggestion>;

export const patternInput = z
  .object({
    /** A JavaScript regular expression (u flag); the whole match is the span, or the group named `span` when it has one. */
    regex: z.string().min(1).max(2000),
    labelKey: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    enabled: z.boolean().default(true),
  })
  .strict();

export const suggestionsInputs = {
  /** The open document's suggestions: places no span covers, not rejected there before, best first where they overlap. */
  'suggestions:forDocument': z.object({ documentId: id, sources: sources.optional() }).strict(),
  /** Accepts suggestions as spans of the current coder (origin 'suggested', with their source): one undo step. */
  /** `leadTimeMs` (#24 timing) is stored only when one suggestion is accepted (one coder action). */
  'suggestions:accept': z.object({ documentId: id, suggestions: z.array(suggestion).min(1).max(10_000), leadTimeMs: leadTimeMs.optional() }).strict(),
  /** Rejects a suggestion: it is not proposed again at that place with that label. */
  'suggestions:reject': z.object({ documentId: id, suggestion }).strict(),
  /** Pre-annotates many documents as a job (progress, cancel): suggestions at or above `acceptAbove` become spans, the rest stay proposals. */
  'suggestions:preannotate': z
    .object({
      sources: sources.optional(),
      documentIds: z.array(id).min(1).max(100_000).optional(),
      acceptAbove: z.number().min(0).max(1).default(0.9),
    })
    .strict(),
  'gazetteers:list': z.object({}).strict(),
  /** A TXT file (one term a line; `labelKey` required) or CSV (term,label[,canonical]); any encoding the import detects, BOM, blank lines and duplicates tolerated. */
  'gazetteers:import': z
    .object({ path: z.string().min(1).max(4096), name: z.string().min(1).max(200).optional(), labelKey: z.string().min(1).max(100).optional() })
    .strict(),
  'gazetteers:update': z.object({ id, enabled: z.boolean().optional(), name: z.string().min(1).max(200).optional() }).strict(),
  'gazetteers:delete': z.object({ id }).strict(),
  /** With `documentId`: each pattern that ran out of its time in that document says so (`timedOut`). */
  'patterns:list': z.object({ documentId: id.optional() }).strict(),
  'patterns:create': patternInput,
  // `enabled` without its default here: a change that does not name it leaves it as it is.
  'patterns:update': z.object({ id, changes: patternInput.extend({ enabled: z.boolean() }).partial() }).strict(),
  'patterns:delete': z.object({ id }).strict(),
  /** Tries a pattern (saved or not) on a document: its hits, or the regex's error. */
  'patterns:test': z.object({ regex: z.string().min(1).max(2000), documentId: id }).strict(),
  /** The learned tagger: trained on the project's confirmed spans, in the background. */
  'model:status': z.object({}).strict(),
  'model:train': z.object({}).strict(),
};

type In<K extends keyof typeof suggestionsInputs> = z.input<(typeof suggestionsInputs)[K]>;

export interface Suggestion extends SuggestionRef {
  text: string;
}

export interface Gazetteer {
  id: number;
  name: string;
  enabled: boolean;
  terms: number;
  /** Terms per label key. */
  byLabel: { labelKey: string; terms: number }[];
  importedAt: string;
}

export interface GazetteerImport extends Gazetteer {
  /** Lines skipped, with why (blank, duplicate, unknown label, too long), counted. */
  skipped: { reason: string; count: number }[];
  encoding: string;
}

export interface Pattern {
  id: number;
  name: string;
  regex: string;
  labelKey: string;
  enabled: boolean;
  /** Shipped with the app (editable, can be disabled). */
  builtIn: boolean;
  /** Only when patterns:list was asked about a document: the pattern ran past its time limit there, so it proposed nothing in it (why, naming it). */
  timedOut?: string;
}

export interface PatternTest {
  hits: { start: number; end: number; text: string }[];
  /** The regex's problem, when it has one (nothing was run). */
  error: string | null;
}

export interface ModelStatus {
  state: 'none' | 'training' | 'ready' | 'stale';
  /** Confirmed spans and documents it learned from; when; its held-out F1 if measured. */
  trainedOn: { spans: number; documents: number } | null;
  trainedAt: string | null;
  version: string | null;
  labels: string[];
  progress: number | null;
}

/** What a pre-annotation job did (its JobResults entry). */
export interface PreannotateReport {
  documents: number;
  /** Suggestions at or above acceptAbove, written as the coder's spans (origin 'suggested'). */
  created: number;
  /** Suggestions below it, left as proposals for the reader. */
  proposed: number;
  /** At or above it but not written: the coder had a span there by then. */
  skipped: number;
  /** Spans written per source. */
  bySource: { source: SuggestionSource; created: number }[];
  /** Patterns that ran past their time limit: skipped in that document and, for this job, the ones after it. */
  skippedPatterns: { id: number; name: string; documents: number; message: string }[];
}

export type SuggestionsApi = {
  'suggestions:forDocument': (a: In<'suggestions:forDocument'>) => Promise<Suggestion[]>;
  'suggestions:accept': (a: In<'suggestions:accept'>) => Promise<{ created: number[]; skipped: number }>;
  'suggestions:reject': (a: In<'suggestions:reject'>) => Promise<{ rejected: true }>;
  'suggestions:preannotate': (a: In<'suggestions:preannotate'>) => Promise<JobStarted>;
  'gazetteers:list': (a: In<'gazetteers:list'>) => Promise<Gazetteer[]>;
  'gazetteers:import': (a: In<'gazetteers:import'>) => Promise<GazetteerImport>;
  'gazetteers:update': (a: In<'gazetteers:update'>) => Promise<Gazetteer>;
  'gazetteers:delete': (a: In<'gazetteers:delete'>) => Promise<{ id: number }>;
  'patterns:list': (a: In<'patterns:list'>) => Promise<Pattern[]>;
  'patterns:create': (a: In<'patterns:create'>) => Promise<Pattern>;
  'patterns:update': (a: In<'patterns:update'>) => Promise<Pattern>;
  'patterns:delete': (a: In<'patterns:delete'>) => Promise<{ id: number }>;
  'patterns:test': (a: In<'patterns:test'>) => Promise<PatternTest>;
  'model:status': (a: In<'model:status'>) => Promise<ModelStatus>;
  'model:train': (a: In<'model:train'>) => Promise<ModelStatus>;
};
