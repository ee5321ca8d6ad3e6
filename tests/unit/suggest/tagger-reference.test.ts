// The tagger's fast path (#22) — a slot table of feature hashes, dense and sparse weight rows,
// the few-valued features' weights summed once per combination, lookups before additions — must
// tag exactly as the plain reading of the model does: every feature looked up in a Map and its
// weights added one by one, in order. Random sentences, a tiny trained model, words on and off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePoints } from '../../../shared/suggest/tagger/chars';
import { margins, viterbi } from '../../../shared/suggest/tagger/decode';
import { charFeatures, extraFeatures } from '../../../shared/suggest/tagger/features';
import { tag, trainTagger, type TaggedSpan, type TaggerExample, type TaggerModel } from '../../../shared/suggest/tagger/index';
import { decodeSpans, tagCount, transitions } from '../../../shared/suggest/tagger/tags';

const NAMES = ['蔡奇', '殷勇', '陈吉宁', '尹力', '魏小东'];
const PLACES = ['朝阳区', '海淀区', '通州', '城市副中心'];
const FILLER = '在调研主持会议并讲话指出要推进的工作。，“”《》2024年12月';

/** Seeded sentences with a person and a place, e.g. 蔡奇在朝阳区调研。 */
function examples(count: number): TaggerExample[] {
  let state = 7;
  const pick = <T>(list: readonly T[]) => list[(state = (Math.imul(state, 1103515245) + 12345) >>> 0) % list.length]!;
  return Array.from({ length: count }, () => {
    const name = pick(NAMES);
    const place = pick(PLACES);
    const text = `${name}${pick(['在', '到'])}${place}${pick(['调研', '主持会议', '讲话'])}。`;
    return {
      text,
      spans: [
        { start: 0, end: name.length, label: 'PER' },
        { start: name.length + 1, end: name.length + 1 + place.length, label: 'LOC' },
      ],
    };
  });
}

/** Tagging as the model's arrays say, read the slow way. */
function referenceTag(model: TaggerModel, text: string): TaggedSpan[] {
  const T = tagCount(model.labels.length);
  const rows = new Map<number, Float64Array>();
  model.keys.forEach((key, r) => {
    const row = new Float64Array(T);
    for (let j = model.rowStart[r]; j < model.rowStart[r + 1]; j++) row[model.rowTags[j]] = model.rowWeights[j];
    rows.set(key, row);
  });
  const points = codePoints(text);
  const n = points.codes.length;
  if (n === 0) return [];
  const { start, hashes } = charFeatures(points, extraFeatures(text, points, model.words));
  const emit = new Float64Array(n * T);
  for (let i = 0; i < n; i++)
    for (let k = start[i]; k < start[i + 1]; k++) {
      const row = rows.get(hashes[k]);
      if (row) for (let t = 0; t < T; t++) emit[i * T + t] += row[t];
    }
  const lattice = { n, emit, trans: Float64Array.from(model.trans), moves: transitions(model.labels.length) };
  const decoded = viterbi(lattice);
  const margin = margins(lattice, decoded);
  return decodeSpans(decoded.path).map(({ start: from, end: to, label }) => {
    let least = Infinity;
    for (let i = from; i < to; i++) least = Math.min(least, margin[i]);
    return { start: points.offsets[from], end: points.offsets[to], label: model.labels[label]!, confidence: 1 - Math.exp(-least / model.confidenceScale) };
  });
}

// Characters the model knows, ones it never saw, digits, quotes, an astral character.
const CHARS = [...new Set([...NAMES.join(''), ...PLACES.join(''), ...FILLER, ...'书记市委北京上海ABC xyz😀𠮷「」'])];
const sentence = fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 40 }).map((chars) => chars.join(''));

describe('tagger fast path', () => {
  for (const words of [false, true]) {
    it(`tags exactly as the plain reading of the model does (word boundaries ${words ? 'on' : 'off'})`, () => {
      const model = trainTagger(examples(120), { epochs: 3, seed: 5, words });
      const known = examples(5).map((e) => e.text);
      for (const text of known) expect(tag(model, text)).toEqual(referenceTag(model, text));
      expect(tag(model, known[0]!).length).toBeGreaterThan(0);
      fc.assert(
        fc.property(sentence, (text) => {
          expect(tag(model, text)).toEqual(referenceTag(model, text));
        }),
        { numRuns: 300, seed: 22 },
      );
    });
  }

  it('quantizes every weight to multiples of 2^-12, so any order of adding them gives the same sums', () => {
    const model = trainTagger(examples(60), { epochs: 2, seed: 9, words: false });
    for (const w of [...model.rowWeights, ...model.trans]) expect(Number.isInteger(w * 4096)).toBe(true);
    expect(Math.max(...model.rowWeights.map(Math.abs), ...model.trans.map(Math.abs))).toBe(1024);
  });
});
