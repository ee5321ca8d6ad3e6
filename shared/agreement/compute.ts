// Agreement of two or more coders over the documents they share, per label and overall, per
// document and corpus-wide. One pass over each document: spans grouped by (document, coder) with
// a counting sort, characters painted into typed arrays, labels handled as interval lists.
import { addTally, cohenKappa, emptyTally, fleissKappa, krippendorffAlpha, percentAgreement, type CodingTally } from './coding';
import { paintCategories, passCharacters, tallyCoverage } from './characters';
import { addConfusion, addCounts, emptyCounts, exactMatches, overlapMatches, precisionRecall, type CoderSpans, type LabelSpans } from './spans';
import type { AgreementFigures, AgreementInput, AgreementResult, DocumentDisagreements, DocumentResult, PairResult, SliceResult } from './types';
import { alphaU, mergeOverlapping, unitizingDisagreement, type UnitizingDisagreement } from './unitizing';

export class AgreementInputError extends Error {}

function figures(tally: CodingTally, unitizing: UnitizingDisagreement[]): AgreementFigures {
  const fleiss = fleissKappa(tally);
  return {
    kappa: tally.coders === 2 ? cohenKappa(tally) : fleiss,
    kappaKind: tally.coders === 2 ? 'cohen' : 'fleiss',
    fleissKappa: fleiss,
    alpha: krippendorffAlpha(tally),
    alphaU: alphaU(unitizing),
    percentAgreement: percentAgreement(tally),
  };
}

/** Span order within one coder's spans of a document: start, then longest, then label. */
function groupSpans(input: AgreementInput, docIndex: Map<number, number>): { order: Int32Array; bucketStart: Int32Array; skipped: number } {
  const { spans, coders, labels, documents } = input;
  const m = coders.length;
  const keys = new Int32Array(spans.count).fill(-1);
  const bucketStart = new Int32Array(documents.length * m + 1);
  let skipped = 0;
  for (let s = 0; s < spans.count; s++) {
    const d = docIndex.get(spans.doc[s]);
    if (d === undefined) continue; // a document not compared
    const start = spans.start[s];
    const end = spans.end[s];
    const label = spans.label[s];
    const coder = spans.coder[s];
    if (!(start >= 0 && end > start && end <= documents[d].length && label >= 0 && label < labels.length && coder >= 0 && coder < m)) {
      skipped++;
      continue;
    }
    keys[s] = d * m + coder;
    bucketStart[keys[s] + 1]++;
  }
  for (let b = 1; b < bucketStart.length; b++) bucketStart[b] += bucketStart[b - 1];
  const fill = bucketStart.slice(0, -1);
  const order = new Int32Array(bucketStart[bucketStart.length - 1]);
  for (let s = 0; s < spans.count; s++) if (keys[s] >= 0) order[fill[keys[s]]++] = s;
  const before = (x: number, y: number) => spans.start[x] - spans.start[y] || spans.end[y] - spans.end[x] || spans.label[x] - spans.label[y];
  for (let b = 0; b + 1 < bucketStart.length; b++) {
    let sorted = true;
    for (let k = bucketStart[b] + 1; k < bucketStart[b + 1] && sorted; k++) sorted = before(order[k - 1], order[k]) <= 0;
    if (!sorted) order.subarray(bucketStart[b], bucketStart[b + 1]).sort(before);
  }
  return { order, bucketStart, skipped };
}

const meanOf = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
};

/** The compared corpus: sizes, coder pairs, and each (document, coder)'s spans in order (bucketStart indexes order). */
interface Corpus {
  input: AgreementInput;
  m: number;
  L: number;
  pairs: [number, number][];
  order: Int32Array;
  bucketStart: Int32Array;
}

/** What the pass over the documents adds up, corpus-wide. */
function emptyTotals(m: number, L: number, pairCount: number) {
  return {
    pairExact: Array.from({ length: pairCount }, () => Array.from({ length: L }, emptyCounts)),
    pairOverlap: Array.from({ length: pairCount }, () => Array.from({ length: L }, emptyCounts)),
    confusion: new Float64Array((L + 1) * (L + 1)),
    overall: emptyTally(m, L + 1),
    labelTallies: Array.from({ length: L }, () => emptyTally(m, 2)),
    // Corpus-wide units per label and coder, the documents laid end to end as one continuum.
    corpusUnits: Array.from({ length: L }, () => Array.from({ length: m }, () => ({ start: [] as number[], end: [] as number[] }))),
    spanCounts: Array.from({ length: L }, () => new Array<number>(m).fill(0)),
    perDocument: [] as DocumentResult[],
    disagreements: [] as (DocumentDisagreements & { share: number })[],
    /** Characters of the documents passed so far: where the next one starts on the continuum. */
    characters: 0,
  };
}
type Totals = ReturnType<typeof emptyTotals>;

/** Buffers reused from one document to the next. */
interface Scratch {
  painted: Uint16Array[];
  docTally: CodingTally;
  labelTally: CodingTally;
}

function checkShape({ coders, labels }: AgreementInput): void {
  const m = coders.length;
  const L = labels.length;
  if (m < 2) throw new AgreementInputError(`agreement needs at least two coders (got ${m})`);
  if (m > 32) throw new AgreementInputError(`at most 32 coders at once (got ${m})`);
  if (L > 65_000) throw new AgreementInputError(`too many labels (${L})`);
}

/** One document's spans per label and coder, and per coder in order; each coder's labels painted onto its characters. */
function documentSpans(corpus: Corpus, totals: Totals, painted: Uint16Array[], d: number, length: number) {
  const { input, m, L, order, bucketStart } = corpus;
  const { spans } = input;
  const byLabel: LabelSpans[][] = Array.from({ length: L }, () => Array.from({ length: m }, () => ({ start: [], end: [] })));
  const byCoder: CoderSpans[] = [];
  for (let c = 0; c < m; c++) {
    const from = bucketStart[d * m + c];
    const to = bucketStart[d * m + c + 1];
    paintCategories(painted[c], length, order, from, to, spans.start, spans.end, spans.label);
    const all: CoderSpans = { start: [], end: [], label: [] };
    for (let k = from; k < to; k++) {
      const s = order[k];
      const l = spans.label[s];
      byLabel[l][c].start.push(spans.start[s]);
      byLabel[l][c].end.push(spans.end[s]);
      all.start.push(spans.start[s]);
      all.end.push(spans.end[s]);
      all.label.push(l);
      totals.spanCounts[l][c]++;
    }
    byCoder.push(all);
  }
  return { byLabel, byCoder };
}

/** Per label within one document: coverage agreement, unitizing disagreement, exact and overlap matches per pair. */
function compareLabels(corpus: Corpus, totals: Totals, labelTally: CodingTally, byLabel: LabelSpans[][], length: number) {
  const { input, L, pairs } = corpus;
  const docLabels: DocumentResult['byLabel'] = [];
  const docUnitizing: UnitizingDisagreement[] = [];
  for (let l = 0; l < L; l++) {
    const units = byLabel[l].map((s) => mergeOverlapping(s.start, s.end));
    const coverage = tallyCoverage(units, length, labelTally);
    addTally(totals.labelTallies[l], coverage);
    const u = unitizingDisagreement(length, units);
    docUnitizing.push(u);
    docLabels.push({ label: input.labels[l], ...figures(coverage, [u]) });
    units.forEach((unit, c) => {
      for (let k = 0; k < unit.start.length; k++) {
        totals.corpusUnits[l][c].start.push(totals.characters + unit.start[k]);
        totals.corpusUnits[l][c].end.push(totals.characters + unit.end[k]);
      }
    });
    pairs.forEach(([a, b], p) => {
      addCounts(totals.pairExact[p][l], exactMatches(byLabel[l][a], byLabel[l][b]));
      addCounts(totals.pairOverlap[p][l], overlapMatches(byLabel[l][a], byLabel[l][b]));
    });
  }
  return { docLabels, docUnitizing };
}

function addDocument(corpus: Corpus, totals: Totals, scratch: Scratch, doc: AgreementInput['documents'][number], d: number): void {
  const { input, L, pairs } = corpus;
  const length = doc.length;
  const { byLabel, byCoder } = documentSpans(corpus, totals, scratch.painted, d, length);
  const pass = passCharacters(scratch.painted, length, input.segmentsPerDocument ?? 50, scratch.docTally);
  addTally(totals.overall, pass.tally);
  const { docLabels, docUnitizing } = compareLabels(corpus, totals, scratch.labelTally, byLabel, length);
  for (const [a, b] of pairs) addConfusion(totals.confusion, L, byCoder[a], byCoder[b]);
  const named = { id: doc.id, ...(doc.title !== undefined ? { title: doc.title } : {}), characters: length, disagreeing: pass.disagreeing };
  totals.perDocument.push({ ...named, ...figures(pass.tally, docUnitizing), byLabel: docLabels });
  if (pass.disagreeing > 0) {
    totals.disagreements.push({
      ...named,
      share: pass.disagreeing / length,
      segments: pass.segments.map(([start, end, ...cats]) => ({ start, end, categories: cats.map((k) => (k === 0 ? null : input.labels[k - 1])) })),
      moreSegments: pass.moreSegments,
    });
  }
  totals.characters += length;
}

function pairResultsOf({ input, pairs }: Corpus, totals: Totals): PairResult[] {
  return pairs.map(([a, b], p) => {
    const exact = emptyCounts();
    const overlap = emptyCounts();
    totals.pairExact[p].forEach((c) => addCounts(exact, c));
    totals.pairOverlap[p].forEach((c) => addCounts(overlap, c));
    return {
      reference: input.coders[a],
      other: input.coders[b],
      exact: precisionRecall(exact),
      overlap: precisionRecall(overlap),
      byLabel: input.labels.map((label, l) => ({ label, exact: precisionRecall(totals.pairExact[p][l]), overlap: precisionRecall(totals.pairOverlap[p][l]) })),
    };
  });
}

export function computeAgreement(input: AgreementInput): AgreementResult {
  checkShape(input);
  const { coders, labels, documents } = input;
  const m = coders.length;
  const L = labels.length;
  const docIndex = new Map<number, number>();
  documents.forEach((d, i) => docIndex.set(d.id, i));
  const { order, bucketStart, skipped } = groupSpans(input, docIndex);
  const pairs: [number, number][] = [];
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) pairs.push([a, b]);
  const corpus: Corpus = { input, m, L, pairs, order, bucketStart };

  const totals = emptyTotals(m, L, pairs.length);
  const maxLength = documents.reduce((max, d) => Math.max(max, d.length), 0);
  const scratch: Scratch = {
    painted: Array.from({ length: m }, () => new Uint16Array(maxLength)),
    docTally: emptyTally(m, L + 1),
    labelTally: emptyTally(m, 2),
  };
  documents.forEach((doc, d) => addDocument(corpus, totals, scratch, doc, d));
  return resultOf(corpus, totals, skipped);
}

function resultOf(corpus: Corpus, totals: Totals, skipped: number): AgreementResult {
  const { input, m, L } = corpus;
  const { coders, labels, documents } = input;
  const { characters, spanCounts, confusion } = totals;
  const corpusUnitizing = totals.corpusUnits.map((units) => unitizingDisagreement(characters, units));
  const pairResults = pairResultsOf(corpus, totals);
  const meanF1 = (pick: (p: PairResult) => number | null) => meanOf(pairResults.map(pick));
  const totalSpans = new Array<number>(m).fill(0);
  spanCounts.forEach((row) => row.forEach((n, c) => (totalSpans[c] += n)));
  const slice = (tally: CodingTally, u: UnitizingDisagreement[], f1: (p: PairResult) => MatchCountsPair, counts: number[]): SliceResult => ({
    ...figures(tally, u),
    f1Exact: meanF1((p) => f1(p).exact.f1),
    f1Overlap: meanF1((p) => f1(p).overlap.f1),
    spans: counts,
  });
  const width = L + 1;
  const worst = totals.disagreements
    .sort((x, y) => y.share - x.share || y.disagreeing - x.disagreeing || x.id - y.id)
    .slice(0, input.disagreementDocuments ?? 100);
  return {
    coders,
    labels,
    documents: documents.length,
    characters,
    overall: slice(totals.overall, corpusUnitizing, (p) => p, totalSpans),
    byLabel: labels.map((label, l) => ({ label, ...slice(totals.labelTallies[l], [corpusUnitizing[l]], (p) => p.byLabel[l], spanCounts[l]) })),
    pairs: pairResults,
    confusion: {
      labels: [...labels, null],
      counts: Array.from({ length: width }, (_, i) => Array.from(confusion.subarray(i * width, (i + 1) * width))),
    },
    perDocument: totals.perDocument,
    disagreements: worst.map(({ share: _share, ...rest }) => rest),
    skippedSpans: skipped,
  };
}

type MatchCountsPair = Pick<PairResult, 'exact' | 'overlap'>;
