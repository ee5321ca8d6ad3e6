// Annotation timing (#24): how long a coder spent on each document and on each span. The renderer's
// activity clock reports active time (idle gaps over IDLE_GAP_MS left out); the dashboard charts it.
import { z } from 'zod';
import { dashboardFilter } from './dashboard';

const id = z.number().int().positive();

/** Pauses between two coder events longer than this are idle, not work: left out of every timing. */
export const IDLE_GAP_MS = 2 * 60 * 1000;

/**
 * Lower edges (ms) of the fixed lead-time histogram bins: bin i holds lead times in
 * [edges[i], edges[i + 1]), the last bin everything from its edge up. Fixed so charts and CSVs of
 * different filters line up.
 */
export const LEAD_TIME_BIN_EDGES_MS = [0, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000] as const;

/** The largest active time one call may report: a day; more is a client bug, refused. */
export const MAX_RECORDED_ACTIVE_MS = 24 * 60 * 60 * 1000;

/** A lead time (ms) passed with a span created by one coder action; larger values are refused. */
export const leadTimeMs = z.number().int().min(0).max(MAX_RECORDED_ACTIVE_MS);

const recordInput = z
  .object({
    documentId: id,
    /**
     * Chosen by the client once per opening of the document (a random id). With `activeMs` being the
     * running total of that opening, a lost call is made good by the next one and a repeated call
     * adds nothing: the server adds only what exceeds the largest total it has seen for this session.
     */
    sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId is 8–64 letters, digits, _ or -'),
    /** Active milliseconds on this document since this session opened it (cumulative, never a delta). */
    activeMs: z.number().int().min(0).max(MAX_RECORDED_ACTIVE_MS),
    /**
     * How long ago (ms, by the client's clock) this session opened the document: the first report
     * may come a minute later, and a duration is immune to the two sides' clocks differing.
     */
    openedMsAgo: z.number().int().min(0).max(MAX_RECORDED_ACTIVE_MS).optional(),
    /** The project file the time was spent in: a report that arrives after the project was switched is refused, never counted in another project. */
    project: z.string().min(1).max(4096).optional(),
  })
  .strict();

const dashboardTimingInput = z
  .object({
    filter: dashboardFilter.default({}),
    /** Document rows kept (longest active time first); lead-time rows are never cut. */
    documentLimit: z.number().int().min(1).max(100_000).default(5_000),
  })
  .strict();

/** One coder's time on one document. Times are ISO 8601 UTC. */
export interface DocumentTiming {
  documentId: number;
  annotator: string;
  /** When this coder first opened the document. */
  firstOpenedAt: string;
  /** The first time this coder's status for it became done; null while not done. */
  doneAt: string | null;
  /** Active time on the document, idle gaps over IDLE_GAP_MS left out. */
  activeMs: number;
}

/** A document row of the dashboard: the timing plus what a chart labels it with. */
export interface DocumentTimingRow extends DocumentTiming {
  title: string;
  /** Active time from first opening to done (activeMs at the moment of done); null while not done. */
  activeMsToDone: number | null;
}

/** Lead times of one coder's spans of one label (spans without a lead time are left out). */
export interface LeadTimeStats {
  annotator: string;
  labelId: number;
  spans: number;
  medianMs: number;
  p90Ms: number;
  meanMs: number;
  /** Spans per bin of LEAD_TIME_BIN_EDGES_MS, same length. */
  histogram: number[];
}

export interface TimingDashboard {
  documents: DocumentTimingRow[];
  /** True when documentLimit cut the document rows. */
  documentsTruncated: boolean;
  leadTimes: LeadTimeStats[];
  binEdgesMs: readonly number[];
}

export interface TimingApi {
  /** Adds a session's active time on a document for the current coder (first call also sets firstOpenedAt). */
  'timing:record'(input: z.input<typeof recordInput>): Promise<DocumentTiming>;
  'dashboard:timing'(input: z.input<typeof dashboardTimingInput>): Promise<TimingDashboard>;
}

export type TimingRecordInput = z.infer<typeof recordInput>;
export type DashboardTimingInput = z.infer<typeof dashboardTimingInput>;

export const timingInputs = {
  'timing:record': recordInput,
  'dashboard:timing': dashboardTimingInput,
} satisfies Record<keyof TimingApi, z.ZodType>;
