// Inputs and results of the agreement measures. Spans come as columns of typed arrays so a
// corpus of millions of spans is a handful of allocations, not millions of objects.

export interface SpanColumns {
  count: number;
  /** Document id (as in `AgreementInput.documents`). */
  doc: Int32Array;
  /** UTF-16 offsets into the document's normalized text, end exclusive. */
  start: Int32Array;
  end: Int32Array;
  /** Index into `AgreementInput.labels`. */
  label: Int32Array;
  /** Index into `AgreementInput.coders`. */
  coder: Int32Array;
}

export interface AgreementInput {
  /** Two or more coder names; a span's `coder` indexes this list. */
  coders: string[];
  /**
   * Label keys in the project's order. Where one coder's spans of different labels overlap, a
   * character's single category (for the overall figures) is the label of the span that starts
   * first, then the longest, then the label earlier in this list.
   */
  labels: string[];
  /** The documents compared; every coder is taken to have coded every character of each. */
  documents: { id: number; length: number; title?: string }[];
  spans: SpanColumns;
  /** How many documents the disagreement list keeps (worst first), and segments per document. */
  disagreementDocuments?: number;
  segmentsPerDocument?: number;
}

export interface PrecisionRecall {
  /** Spans of the reference coder (the pair's first) and of the other coder. */
  reference: number;
  other: number;
  /** Reference spans matched by the other coder / the other coder's spans matched by the reference. */
  matchedReference: number;
  matchedOther: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** The chance-corrected figures of one slice (overall or one label; corpus or one document). */
export interface AgreementFigures {
  /** Cohen's κ for two coders, Fleiss' κ for three or more. */
  kappa: number | null;
  kappaKind: 'cohen' | 'fleiss';
  /** Fleiss' κ (Scott's π for two coders). */
  fleissKappa: number | null;
  /** Krippendorff's α, nominal, over characters. */
  alpha: number | null;
  /** Krippendorff's unitizing α_U. */
  alphaU: number | null;
  /** Share of agreeing coder pairs over characters. */
  percentAgreement: number | null;
}

export interface SliceResult extends AgreementFigures {
  /** Mean over coder pairs of the span F1, exact and overlap match. */
  f1Exact: number | null;
  f1Overlap: number | null;
  /** Spans per coder (in `coders` order). */
  spans: number[];
}

export interface PairResult {
  /** The reference coder and the coder compared with it. */
  reference: string;
  other: string;
  exact: PrecisionRecall;
  overlap: PrecisionRecall;
  byLabel: { label: string; exact: PrecisionRecall; overlap: PrecisionRecall }[];
}

export interface DocumentResult extends AgreementFigures {
  id: number;
  title?: string;
  characters: number;
  /** Characters on which the coders' categories differ. */
  disagreeing: number;
  byLabel: ({ label: string } & AgreementFigures)[];
}

export interface DisagreementSegment {
  start: number;
  end: number;
  /** Each coder's category over the segment (a label key, or null for no label). */
  categories: (string | null)[];
}

export interface DocumentDisagreements {
  id: number;
  title?: string;
  characters: number;
  disagreeing: number;
  segments: DisagreementSegment[];
  /** Segments past `segmentsPerDocument`, not listed. */
  moreSegments: number;
}

export interface AgreementResult {
  coders: string[];
  labels: string[];
  documents: number;
  characters: number;
  overall: SliceResult;
  byLabel: ({ label: string } & SliceResult)[];
  pairs: PairResult[];
  /**
   * Overlapping spans of different coders, summed over coder pairs (reference, other):
   * counts[i][j], i and j indexing `confusion.labels` (the last entry, null, is "no overlapping span").
   */
  confusion: { labels: (string | null)[]; counts: number[][] };
  perDocument: DocumentResult[];
  /** Documents with disagreements, the highest share of disagreeing characters first. */
  disagreements: DocumentDisagreements[];
  /** Spans left out because their offsets were outside their document. */
  skippedSpans: number;
}
