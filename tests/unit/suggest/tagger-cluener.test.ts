// The learned tagger on real text (#22): trained on 500 sentences of CLUENER 2020, it beats a
// memorizing baseline on 300 held-out sentences. The corpus is read where it lies, never copied.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cluenerExample } from '../../../shared/suggest/tagger/cluener';
import { spanScores } from '../../../shared/suggest/tagger/evaluate';
import { tag, trainTagger, type TaggerExample, type TaggerSpan } from '../../../shared/suggest/tagger/index';
import { REPO_ROOT } from '../helpers';

const CLUENER = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'cluener', 'train.json');

/** The trivial baseline: every mention seen in training proposes itself wherever it appears (longest first). */
function memorizer(train: TaggerExample[]): (text: string) => TaggerSpan[] {
  const known = new Map<string, string>();
  for (const e of train) for (const s of e.spans) known.set(e.text.slice(s.start, s.end), s.label);
  const terms = [...known.keys()].sort((a, b) => b.length - a.length);
  return (text) => {
    const taken = new Uint8Array(text.length);
    const found: TaggerSpan[] = [];
    for (const term of terms) {
      for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
        if (taken.subarray(at, at + term.length).some((v) => v)) continue;
        taken.fill(1, at, at + term.length);
        found.push({ start: at, end: at + term.length, label: known.get(term)! });
      }
    }
    return found;
  };
}

describe.skipIf(!existsSync(CLUENER))('learned tagger on CLUENER 2020', () => {
  it('beats the memorizing baseline on held-out sentences', () => {
    const lines = readFileSync(CLUENER, 'utf8').split('\n').filter(Boolean);
    const examples = lines.slice(0, 800).map((line, i) => cluenerExample(line, i + 1));
    const train = examples.slice(0, 500);
    const heldOut = examples.slice(500);
    const model = trainTagger(train, { epochs: 6, seed: 22, words: false });
    const baseline = memorizer(train);
    const ours = spanScores(heldOut.map((e) => ({ gold: e.spans, predicted: tag(model, e.text) })));
    const theirs = spanScores(heldOut.map((e) => ({ gold: e.spans, predicted: baseline(e.text) })));
    expect(model.labels).toHaveLength(10);
    expect(ours.overall.f1).toBeGreaterThan(0.25);
    // Seen with seed 22: 0.35 against the memorizer's 0.32 (CLUENER repeats many names and companies).
    expect(ours.overall.f1).toBeGreaterThan(theirs.overall.f1);
    // The same seed trains the same model.
    const again = trainTagger(train, { epochs: 6, seed: 22, words: false });
    expect(tag(again, heldOut[0].text)).toEqual(tag(model, heldOut[0].text));
  });
});
