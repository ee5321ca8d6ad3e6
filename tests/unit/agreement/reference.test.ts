// κ, π and α against the values printed in the papers that defined them, and against NLTK's
// nltk.metrics.agreement and scikit-learn's cohen_kappa_score on randomly generated codings
// (tests/unit/agreement/reference.py), equal within 1e-9. The character-level figures of
// computeAgreement are checked the same way: the test derives each character's category from
// the spans by the documented rule, one character at a time, and hands those to Python.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cohenKappa, computeAgreement, fleissKappa, krippendorffAlpha, percentAgreement, tallyItems } from '../../../shared/agreement';
import { columns, random, randomCorpus, type TestSpan } from './generate';

const dir = mkdtempSync(join(tmpdir(), 'biaozhu-agreement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Items from a contingency table of two coders: rows[i][j] items coded i by the first, j by the second. */
function fromTable(rows: number[][]): number[] {
  const codes: number[] = [];
  rows.forEach((row, i) =>
    row.forEach((n, j) => {
      for (let k = 0; k < n; k++) codes.push(i, j);
    }),
  );
  return codes;
}

describe('published examples', () => {
  test('Cohen (1960), p. 45: p_o = .70, p_e = .41, κ = .492', () => {
    const t = tallyItems(
      fromTable([
        [88, 14, 18],
        [10, 40, 10],
        [2, 6, 12],
      ]),
      2,
      3,
    );
    expect(percentAgreement(t)).toBeCloseTo(0.7, 2);
    expect(cohenKappa(t)).toBeCloseTo(0.492, 3);
  });

  test('Fleiss (1971), p. 379: 30 subjects, 6 raters, 5 categories: P̄ = .556, κ = .430', () => {
    const rows = [
      [4, 4, 4, 4, 4, 4],
      [2, 2, 2, 5, 5, 5],
      [2, 3, 3, 3, 3, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3],
      [3, 3, 3, 3, 5, 5],
      [1, 1, 3, 3, 3, 4],
      [1, 1, 4, 4, 4, 4],
      [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4],
      [1, 2, 4, 4, 4, 4],
      [2, 2, 2, 3, 3, 3],
      [1, 4, 4, 4, 4, 4],
      [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5],
      [1, 1, 1, 4, 5, 5],
      [1, 1, 1, 1, 1, 2],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 4, 4, 4, 4, 4],
      [2, 2, 4, 5, 5, 5],
      [1, 1, 4, 4, 4, 4],
      [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4],
      [1, 1, 1, 1, 5, 5],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 3, 3, 3],
      [5, 5, 5, 5, 5, 5],
    ];
    const t = tallyItems(
      rows.flat().map((k) => k - 1),
      6,
      5,
    );
    expect(percentAgreement(t)).toBeCloseTo(0.556, 3);
    expect(fleissKappa(t)).toBeCloseTo(0.43, 3);
  });

  test('Krippendorff (1995), p. 57, example A digitized: κ = .385, π = .314, α = .329', () => {
    // Bertha 0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0 against Bill 0 0 0 0|1 1 1 1|0 … |1 1|0 …
    const bertha = '001111111100001111110000';
    const bill = '000011110000000110000000';
    const t = tallyItems(
      [...bertha].flatMap((b, i) => [Number(b), Number(bill[i])]),
      2,
      2,
    );
    expect(cohenKappa(t)).toBeCloseTo(0.385, 3);
    expect(fleissKappa(t)).toBeCloseTo(0.314, 3);
    expect(krippendorffAlpha(t)).toBeCloseTo(0.329, 3);
  });
});

interface Reference {
  sklearn_kappa: number | null;
  nltk_kappa: number | null;
  nltk_pi: number | null;
  nltk_alpha: number | null;
}

function python(cases: { items: number[][] }[]): Reference[] {
  const file = join(dir, `cases-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(cases));
  const exe = process.env.PYTHON ?? '/usr/bin/python3';
  const r = spawnSync(exe, [join(__dirname, 'reference.py'), file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    throw new Error(`reference.py failed (${r.status}); it needs Debian's python3-nltk and python3-sklearn:\n${r.stderr}${r.error ? `\n${r.error}` : ''}`);
  }
  return JSON.parse(r.stdout) as Reference[];
}

const close = (ours: number | null, theirs: number | null, what: string) => {
  if (theirs === null) return expect(ours, what).toBeNull();
  expect(ours, what).not.toBeNull();
  expect(Math.abs((ours as number) - theirs), `${what}: ours ${ours}, reference ${theirs}`).toBeLessThan(1e-9);
};

/** Whether more than one category occurs (else NLTK's α says 1 by convention and ours says undefined). */
const varied = (items: number[][]) => new Set(items.flat()).size > 1;

test('random codings: Cohen κ = sklearn and NLTK kappa, Fleiss κ = NLTK pi, α = NLTK alpha', () => {
  const rnd = random(20261203);
  const cases = Array.from({ length: 40 }, (_, n) => {
    const coders = 2 + (n % 3);
    const categories = 2 + Math.floor(rnd() * 4);
    const items = Array.from({ length: 20 + Math.floor(rnd() * 280) }, () => {
      const truth = Math.floor(rnd() * categories);
      return Array.from({ length: coders }, () => (rnd() < 0.6 ? truth : Math.floor(rnd() * categories)));
    });
    return { coders, categories, items };
  });
  const reference = python(cases);
  cases.forEach((c, i) => {
    const t = tallyItems(c.items.flat(), c.coders, c.categories);
    const ref = reference[i];
    if (c.coders === 2) {
      close(cohenKappa(t), ref.sklearn_kappa, `case ${i} κ vs sklearn`);
      close(cohenKappa(t), ref.nltk_kappa, `case ${i} κ vs NLTK`);
    }
    close(fleissKappa(t), ref.nltk_pi, `case ${i} Fleiss κ vs NLTK pi`);
    if (varied(c.items)) close(krippendorffAlpha(t), ref.nltk_alpha, `case ${i} α vs NLTK`);
  });
});

/** The documented rule, one character at a time: the covering span that starts first, then the longest, then the earlier label. */
function categoryAt(spans: TestSpan[], doc: number, coder: number, i: number): number {
  let best: TestSpan | null = null;
  for (const s of spans) {
    if (s.doc !== doc || s.coder !== coder || s.start > i || s.end <= i) continue;
    if (!best || s.start < best.start || (s.start === best.start && (s.end > best.end || (s.end === best.end && s.label < best.label)))) best = s;
  }
  return best ? best.label + 1 : 0;
}

test('character-level figures of random coder pairs and triples equal sklearn and NLTK', () => {
  const rnd = random(7);
  const corpora = Array.from({ length: 12 }, (_, n) => randomCorpus(rnd, { coders: 2 + (n % 2), labels: 3, documents: 3, maxLength: 160 }));
  const cases: { items: number[][] }[] = [];
  for (const corpus of corpora) {
    const overall: number[][] = [];
    const byLabel: number[][][] = [[], [], []];
    for (const doc of corpus.documents) {
      for (let i = 0; i < doc.length; i++) {
        const cats = Array.from({ length: corpus.coders }, (_, c) => categoryAt(corpus.spans, doc.id, c, i));
        overall.push(cats);
        byLabel.forEach((rows, l) =>
          rows.push(
            Array.from({ length: corpus.coders }, (_, c) =>
              corpus.spans.some((s) => s.doc === doc.id && s.coder === c && s.label === l && s.start <= i && i < s.end) ? 1 : 0,
            ),
          ),
        );
      }
    }
    cases.push({ items: overall }, ...byLabel.map((items) => ({ items })));
  }
  const reference = python(cases);
  corpora.forEach((corpus, n) => {
    const result = computeAgreement({
      coders: Array.from({ length: corpus.coders }, (_, c) => `coder${c}`),
      labels: ['A', 'B', 'C'],
      documents: corpus.documents,
      spans: columns(corpus.spans),
    });
    const slices = [result.overall, ...result.byLabel];
    slices.forEach((slice, s) => {
      const ref = reference[n * 4 + s];
      const what = `corpus ${n} ${s === 0 ? 'overall' : `label ${s - 1}`}`;
      if (corpus.coders === 2) {
        close(slice.kappa, ref.sklearn_kappa, `${what} κ vs sklearn`);
        close(slice.kappa, ref.nltk_kappa, `${what} κ vs NLTK`);
      }
      close(slice.fleissKappa, ref.nltk_pi, `${what} Fleiss κ vs NLTK pi`);
      if (varied(cases[n * 4 + s].items)) close(slice.alpha, ref.nltk_alpha, `${what} α vs NLTK`);
    });
  });
});
