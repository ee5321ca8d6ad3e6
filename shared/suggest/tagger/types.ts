// The learned tagger's public shapes. Offsets everywhere are UTF-16 code units, end exclusive,
// like every span in Biaozhu; the tagger itself works on code points and never splits a pair.

/** A labelled stretch of a training text. `label` is whatever the project calls it (its label key). */
export interface TaggerSpan {
  start: number;
  end: number;
  label: string;
}

/**
 * A hit of another suggestion source over the text (a dictionary or gazetteer term, a pattern
 * match), passed to the tagger as a feature. `name` says what hit, e.g. `dict:人物` or
 * `pattern:slogan-quote`; the tagger learns how far to trust each name. Give the same kind of
 * hits at training and at tagging time, or the weights learned for them mean nothing.
 */
export interface ExternalHit {
  start: number;
  end: number;
  name: string;
}

export interface TaggerExample {
  text: string;
  spans: TaggerSpan[];
  hits?: ExternalHit[];
}

export interface TaggedSpan {
  start: number;
  end: number;
  label: string;
  /**
   * A score in [0, 1], not a calibrated probability: 1 − exp(−margin / scale), where margin is how
   * much the best tagging beats the best tagging that differs anywhere inside this span
   * (max-marginals from a forward and a backward Viterbi pass), and scale is the median margin of
   * the spans the model found on its own training data. bench/measures/tagger.ts reports the
   * precision reached above each confidence on held-out text.
   */
  confidence: number;
}

export interface TaggerOptions {
  /** Passes over the training examples (default 16: DEFAULT_EPOCHS in train.ts). */
  epochs?: number;
  /** Seed of the shuffling between passes: the same examples and seed give the same model. */
  seed?: number;
  /** Features seen fewer times than this in the training texts are left out (default: 1 under 200,000 characters, else 2). */
  minFeatureCount?: number;
  /** Word boundaries from Intl.Segmenter as features (default true where Intl.Segmenter exists). */
  words?: boolean;
  /**
   * The training mentions as dictionary hits (`dict:<label>`): jackknifed in training
   * (withJackknifedHits), kept in the model, and found by tag() in every text it tags
   * (default false). On CLUENER F1 rose from 69.6 to 70.9 (bench/measures/tagger.ts).
   */
  dictionary?: boolean;
}

export interface TrainingProgress {
  epoch: number;
  epochs: number;
  /** Examples done in this epoch. */
  done: number;
  total: number;
  /** Characters tagged wrongly in the epoch so far (falls as the model learns). */
  errors: number;
}

/** What training saw and dropped; kept in the model so a report can say so. */
export interface TrainingStats {
  examples: number;
  characters: number;
  spans: number;
  /** Spans that overlapped a longer one (a character can have one tag): the longest is kept. */
  droppedOverlapping: number;
  /** Spans outside their text, empty, or cutting a surrogate pair. */
  droppedInvalid: number;
  features: number;
  weights: number;
  epochs: number;
  /** Names of the external hits seen in training: give the same kinds when tagging (see ExternalHit). */
  hitNames: string[];
}
