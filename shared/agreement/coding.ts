// Chance-corrected agreement of nominal codings where every coder codes every item (here: every
// character of the compared documents). Everything is computed from a tally of counts, so a
// corpus of tens of millions of characters costs a few typed-array increments per character.
// Formulas and references: docs/agreement.md.

/** Counts from which Cohen's κ, Fleiss' κ and Krippendorff's α are computed. */
export interface CodingTally {
  /** Coders (each codes every item). */
  coders: number;
  /** Categories; 0 is "no label". */
  categories: number;
  items: number;
  /** Σ over items of Σ over categories of n_ik², n_ik = how many coders put item i in category k. */
  sumSquares: number;
  /** How many values fell in each category, over all coders: n_k. */
  totals: Float64Array;
  /** coder × category: how many items each coder put in each category. */
  byCoder: Float64Array;
  /** Two coders only: category of coder 0 × category of coder 1. */
  pairs: Float64Array | null;
}

export function emptyTally(coders: number, categories: number): CodingTally {
  return {
    coders,
    categories,
    items: 0,
    sumSquares: 0,
    totals: new Float64Array(categories),
    byCoder: new Float64Array(coders * categories),
    pairs: coders === 2 ? new Float64Array(categories * categories) : null,
  };
}

/** Empties a tally for reuse: a corpus has tens of thousands of documents × labels to tally. */
export function resetTally(t: CodingTally): CodingTally {
  t.items = 0;
  t.sumSquares = 0;
  t.totals.fill(0);
  t.byCoder.fill(0);
  t.pairs?.fill(0);
  return t;
}

/** Adds `from` into `into` (same coders and categories). */
export function addTally(into: CodingTally, from: CodingTally): void {
  into.items += from.items;
  into.sumSquares += from.sumSquares;
  for (let i = 0; i < into.totals.length; i++) into.totals[i] += from.totals[i];
  for (let i = 0; i < into.byCoder.length; i++) into.byCoder[i] += from.byCoder[i];
  if (into.pairs && from.pairs) for (let i = 0; i < into.pairs.length; i++) into.pairs[i] += from.pairs[i];
}

/**
 * Tallies items given as rows of categories, one per coder: `codes[i * coders + c]` is coder c's
 * category for item i. For tests and small inputs; the character path tallies in place.
 */
export function tallyItems(codes: ArrayLike<number>, coders: number, categories: number): CodingTally {
  const tally = emptyTally(coders, categories);
  const counts = new Int32Array(categories);
  for (let base = 0; base < codes.length; base += coders) {
    let squares = 0;
    for (let c = 0; c < coders; c++) {
      const k = codes[base + c];
      squares += 2 * counts[k] + 1;
      counts[k]++;
      tally.totals[k]++;
      tally.byCoder[c * categories + k]++;
    }
    for (let c = 0; c < coders; c++) counts[codes[base + c]] = 0;
    if (tally.pairs) tally.pairs[codes[base] * categories + codes[base + 1]]++;
    tally.sumSquares += squares;
    tally.items++;
  }
  return tally;
}

/** Share of agreeing coder pairs, averaged over items (for two coders: share of items agreed on). */
export function percentAgreement(t: CodingTally): number | null {
  const m = t.coders;
  if (t.items === 0 || m < 2) return null;
  return (t.sumSquares - t.items * m) / (t.items * m * (m - 1));
}

/** Cohen's (1960) κ of two coders; null when undefined (both coders used one and the same category only). */
export function cohenKappa(t: CodingTally): number | null {
  if (t.coders !== 2 || !t.pairs || t.items === 0) return null;
  const k = t.categories;
  const n = t.items;
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    observed += t.pairs[c * k + c];
    expected += t.byCoder[c] * t.byCoder[k + c];
  }
  const po = observed / n;
  const pe = expected / (n * n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/** Fleiss' (1971) κ for two or more coders (for two it is Scott's π); null when undefined. */
export function fleissKappa(t: CodingTally): number | null {
  const po = percentAgreement(t);
  if (po === null) return null;
  const values = t.items * t.coders;
  let pe = 0;
  for (let c = 0; c < t.categories; c++) pe += (t.totals[c] / values) ** 2;
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/** Krippendorff's α, nominal, no missing values; null when undefined (a single category was used). */
export function krippendorffAlpha(t: CodingTally): number | null {
  const m = t.coders;
  if (t.items === 0 || m < 2) return null;
  const n = t.items * m;
  // Disagreeing pairs within items, each item weighted 1/(m − 1) (the coincidence matrix off its diagonal).
  const observed = (t.items * m * m - t.sumSquares) / (m - 1);
  let squares = 0;
  for (let c = 0; c < t.categories; c++) squares += t.totals[c] * t.totals[c];
  const expected = n * n - squares;
  return expected === 0 ? null : 1 - ((n - 1) * observed) / expected;
}
