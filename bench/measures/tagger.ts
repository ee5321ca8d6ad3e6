// Measure (#22): the learned tagger's quality on a real public corpus, CLUENER 2020 (10,748
// sentences of Sina news, 10 labels), read at ../shared/corpus/cluener/train.json and never
// copied. Split: the last 1,343 sentences (the size of the published dev set) are held out; the
// model trains on the first N of the other 9,405. Span-level exact match, micro-averaged.
// Baselines: for F1, a memorizer (every mention seen in training proposes itself wherever it
// appears, longest first); for tagging speed, Intl.Segmenter cutting the same text into words.
// The tagger is loaded as one esbuild bundle, as the app ships it (tsx's per-module getters
// would slow the per-character calls between its modules).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type * as Tagger from '../../shared/suggest/tagger/index';
import type * as Evaluate from '../../shared/suggest/tagger/evaluate';
import type * as Cluener from '../../shared/suggest/tagger/cluener';
import { NotBuilt, median, round, row, runMeasure, type Row } from '../lib/result';
import { ROOT, workDir } from '../lib/paths';

const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'cluener', 'train.json');
const HELD_OUT = 1343;
// Epochs: the tagger's default unless BIAOZHU_TAGGER_EPOCHS says otherwise.
const EPOCHS = process.env.BIAOZHU_TAGGER_EPOCHS ? Number(process.env.BIAOZHU_TAGGER_EPOCHS) : undefined;
const WORDS = process.env.BIAOZHU_TAGGER_WORDS !== '0';

type Lib = typeof Tagger & typeof Evaluate & typeof Cluener;
type Example = Tagger.TaggerExample;

function loadBundled(dir: string): Lib {
  if (!existsSync(join(ROOT, 'shared', 'suggest', 'tagger', 'index.ts'))) throw new NotBuilt('shared/suggest/tagger does not exist yet');
  const esbuild = require('esbuild') as { buildSync(o: object): { outputFiles: { text: string }[] } };
  const entry = `export * from './index'; export * from './evaluate'; export * from './cluener';`;
  const { outputFiles } = esbuild.buildSync({
    stdin: { contents: entry, resolveDir: join(ROOT, 'shared', 'suggest', 'tagger'), sourcefile: 'tagger-bench-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
  });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'tagger-bundle.js');
  writeFileSync(file, outputFiles[0].text);
  return require(file) as Lib;
}

/** Every mention seen in training proposes itself wherever it appears, longest first. */
function memorizer(train: Example[]): (text: string) => Tagger.TaggerSpan[] {
  const known = new Map<string, string>();
  for (const e of train) for (const s of e.spans) known.set(e.text.slice(s.start, s.end), s.label);
  const terms = [...known.keys()].sort((a, b) => b.length - a.length);
  return (text) => {
    const taken = new Uint8Array(text.length);
    const found: Tagger.TaggerSpan[] = [];
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

function timed<T>(fn: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** Precision of the predicted spans by confidence band: what "accept above c" would mean. */
function confidenceBands(lib: Lib, pairs: { gold: Tagger.TaggerSpan[]; predicted: Tagger.TaggedSpan[] }[]) {
  const bands = [0, 0.5, 0.8, 0.9, 0.95];
  return bands.map((from, i) => {
    const to = bands[i + 1] ?? 1.01;
    const inBand = pairs.map((p) => ({ gold: p.gold, predicted: p.predicted.filter((s) => s.confidence >= from && s.confidence < to) }));
    const s = lib.spanScores(inBand).overall;
    return { from, to: Math.min(1, to), spans: s.predicted, precision: round(s.precision, 3) };
  });
}

/**
 * Trains on `train` and tags `test`; with `dictionary`, as the app trains: the training mentions are
 * hits (jackknifed in training), kept in the model, which finds them in each text it tags.
 */
function trainAndScore(lib: Lib, train: Example[], test: Example[], dictionary: boolean, words = WORDS) {
  const training = timed(() => lib.trainTagger(train, { epochs: EPOCHS, seed: 22, words, dictionary }));
  const model = training.value;
  const tagging = timed(() => test.map((e) => lib.tag(model, e.text)));
  const pairs = test.map((e, i) => ({ gold: e.spans, predicted: tagging.value[i] }));
  return { model, training, tagging, pairs, scores: lib.spanScores(pairs) };
}

/** Tagging speed: the held-out text three times, median; Intl.Segmenter on the same text as the baseline. */
function speeds(lib: Lib, model: Tagger.TaggerModel, test: Example[]) {
  const chars = test.reduce((sum, e) => sum + e.text.length, 0);
  const runs = [0, 1, 2].map(() => timed(() => test.forEach((e) => lib.tag(model, e.text))));
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const segmenting = [0, 1, 2].map(() => timed(() => test.forEach((e) => [...segmenter.segment(e.text)])));
  return {
    chars,
    perSecond: chars / median(runs.map((r) => r.seconds)),
    perCpuSecond: chars / median(runs.map((r) => r.cpuSeconds)),
    segmenterPerSecond: chars / median(segmenting.map((r) => r.seconds)),
  };
}

const pct = (n: number) => round(n * 100, 1);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');

interface CurvePoint {
  sentences: number;
  f1: number;
  f1WithDictionary: number;
  memorizerF1: number;
  trainSeconds: number;
}

/** F1 after each number of labelled sentences: the tagger alone, with dictionary hits, and the memorizer. */
function learningCurve(lib: Lib, pool: Example[], test: Example[], sizes: number[], log: (m: string) => void) {
  const curve: CurvePoint[] = [];
  let alone: ReturnType<typeof trainAndScore> | undefined;
  let withDictionary: ReturnType<typeof trainAndScore> | undefined;
  for (const n of sizes) {
    const train = pool.slice(0, n);
    alone = trainAndScore(lib, train, test, false);
    withDictionary = trainAndScore(lib, train, test, true);
    const remember = memorizer(train);
    const memorized = lib.spanScores(test.map((e) => ({ gold: e.spans, predicted: remember(e.text) }))).overall;
    const point = {
      sentences: n,
      f1: pct(alone.scores.overall.f1),
      f1WithDictionary: pct(withDictionary.scores.overall.f1),
      memorizerF1: pct(memorized.f1),
      trainSeconds: round(alone.training.seconds, 1),
    };
    curve.push(point);
    log(`${n} sentences: F1 ${point.f1}, with dictionary hits ${point.f1WithDictionary}, memorizer ${point.memorizerF1}; trained in ${point.trainSeconds} s`);
  }
  return { curve, alone: alone!, withDictionary: withDictionary! };
}

const scoresTable = (scores: ReturnType<Lib['spanScores']>) =>
  Object.fromEntries(
    Object.entries({ ...scores.byLabel, overall: scores.overall }).map(([l, s]) => [
      l,
      { precision: pct(s.precision), recall: pct(s.recall), f1: pct(s.f1), gold: s.gold },
    ]),
  );

runMeasure('tagger', 'Learned tagger on CLUENER 2020 (held-out part of train)', async (ctx) => {
  const { spec, log } = ctx;
  if (!existsSync(CORPUS)) throw new NotBuilt(`the CLUENER 2020 corpus is not at ${CORPUS}`);
  const lib = loadBundled(workDir(spec.name, 'tagger'));
  const lines = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean);
  const examples = lines.map((line, i) => lib.cluenerExample(line, i + 1));
  const pool = examples.slice(0, examples.length - HELD_OUT);
  const test = examples.slice(examples.length - HELD_OUT);
  const full = spec.name.startsWith('full');
  const loadBefore = load();
  const { curve, alone, withDictionary } = learningCurve(lib, pool, test, full ? [10, 50, 200, 1000, pool.length] : [10, 50, 200, 1000], log);
  const loadAtSpeed = load();
  const speed = speeds(lib, alone.model, test);
  // The app's tagger timed as the characters-alone one: three warm passes, median (it finds its own hits).
  const appSpeed = speeds(lib, withDictionary.model, test);
  const bytes = lib.serializeTagger(alone.model).length;
  const top = curve[curve.length - 1];
  // The other side of the word-boundary option: Intl.Segmenter costs speed, and gives some F1.
  const other = trainAndScore(lib, pool.slice(0, top.sentences), test, false, !WORDS);
  const otherSpeed = speeds(lib, other.model, test);
  log(`words ${WORDS ? 'off' : 'on'}: F1 ${pct(other.scores.overall.f1)}, ${Math.round(otherSpeed.perSecond)} chars/s`);
  ctx.details = {
    corpus: { sentences: examples.length, trainPool: pool.length, heldOut: test.length, heldOutFrom: pool.length + 1, heldOutChars: speed.chars },
    options: { epochs: alone.model.stats.epochs, words: WORDS, seed: 22 },
    curve,
    scores: scoresTable(alone.scores),
    scoresWithDictionary: scoresTable(withDictionary.scores),
    training: { seconds: round(alone.training.seconds, 1), cpuSeconds: round(alone.training.cpuSeconds, 1), stats: alone.model.stats },
    trainingWithDictionary: { seconds: round(withDictionary.training.seconds, 1), cpuSeconds: round(withDictionary.training.cpuSeconds, 1) },
    tagging: {
      charsPerSecond: Math.round(speed.perSecond),
      charsPerCpuSecond: Math.round(speed.perCpuSecond),
      segmenterCharsPerSecond: Math.round(speed.segmenterPerSecond),
      withDictionaryCharsPerSecond: Math.round(appSpeed.perSecond),
    },
    modelBytes: bytes,
    otherWordOption: {
      words: !WORDS,
      f1: pct(other.scores.overall.f1),
      trainSeconds: round(other.training.seconds, 1),
      trainCpuSeconds: round(other.training.cpuSeconds, 1),
      charsPerSecond: Math.round(otherSpeed.perSecond),
      charsPerCpuSecond: Math.round(otherSpeed.perCpuSecond),
    },
    confidence: confidenceBands(lib, alone.pairs),
    load: { before: loadBefore, atTaggingSpeed: loadAtSpeed, after: load(), cores: cpus().length },
  };
  ctx.notes.push(
    `Held out: the last ${test.length.toLocaleString('en-US')} sentences of CLUENER 2020's train.json (lines ${pool.length + 1}–${examples.length}), not the official dev set; trained on the first ${top.sentences.toLocaleString('en-US')}. ${alone.model.stats.epochs} epochs, word boundaries ${WORDS ? 'on' : 'off'}.`,
    `Learning curve (F1 %, exact spans; tagger / with dictionary hits / memorizer): ${curve.map((c) => `${c.sentences} → ${c.f1} / ${c.f1WithDictionary} / ${c.memorizerF1}`).join('; ')}.`,
    `Published, for comparison (CLUENER 2020 paper and replications, on the dev set): BERT-base ≈ 78–80, BiLSTM-CRF ≈ 70, human ≈ 63, HMM ≈ 46.`,
    `The app trains its tagger as the dictionary-hits row does (TaggerOptions.dictionary: the training mentions as hits, jackknifed in 5 folds, kept in the model and found by tag() in each text): F1 ${top.f1WithDictionary}, trained in ${round(withDictionary.training.seconds, 1)} s, tagging ${Math.round(appSpeed.perSecond).toLocaleString('en-US')} characters/s finding its hits. The characters-alone rows are the tagger without them.`,
    `Load average ${loadBefore} before, ${loadAtSpeed} when tagging speed was measured, ${load()} after, on ${cpus().length} cores; training took ${alone.training.cpuSeconds.toFixed(1)} s of CPU; tagging ${Math.round(speed.perCpuSecond).toLocaleString('en-US')} characters per CPU second.`,
  );
  const vsMemorizer = { unit: '%', baselineName: 'memorizer of training mentions' };
  return [
    row({
      name: `F1 micro, exact spans, ${test.length} held-out sentences, characters alone`,
      value: top.f1,
      baseline: top.memorizerF1,
      ...vsMemorizer,
    }),
    row({
      name: "F1 micro, the app's tagger (training mentions as dictionary hits)",
      value: top.f1WithDictionary,
      baseline: top.memorizerF1,
      ...vsMemorizer,
      goal: full ? { op: '>=', value: 70 } : undefined,
    }),
    row({
      name: `training on ${top.sentences.toLocaleString('en-US')} sentences, the app's tagger (dictionary hits jackknifed)`,
      value: round(withDictionary.training.seconds, 1),
      unit: 's',
      baseline: null,
      baselineName: '',
      goal: full ? { op: '<=', value: 60 } : undefined,
    }),
    row({
      name: `training on ${top.sentences.toLocaleString('en-US')} sentences, characters alone`,
      value: round(alone.training.seconds, 1),
      unit: 's',
      baseline: null,
      baselineName: '',
    }),
    row({
      name: "tagging speed, the app's tagger (finds its dictionary hits)",
      value: Math.round(appSpeed.perSecond),
      unit: 'chars/s',
      baseline: Math.round(appSpeed.segmenterPerSecond),
      baselineName: 'Intl.Segmenter words, same text',
      goal: full ? { op: '>=', value: 200_000 } : undefined,
    }),
    row({
      name: 'tagging speed, characters alone',
      value: Math.round(speed.perSecond),
      unit: 'chars/s',
      baseline: Math.round(speed.segmenterPerSecond),
      baselineName: 'Intl.Segmenter words, same text',
    }),
    row({
      name: `tagging speed, word boundaries ${WORDS ? 'off' : 'on'} (F1 ${pct(other.scores.overall.f1)})`,
      value: Math.round(otherSpeed.perSecond),
      unit: 'chars/s',
      baseline: Math.round(otherSpeed.segmenterPerSecond),
      baselineName: 'Intl.Segmenter words, same text',
    }),
    row({ name: 'model size (serialized)', value: round(bytes / 1e6, 2), unit: 'MB', baseline: null, baselineName: '', goal: { op: '<=', value: 30 } }),
    ...curve.slice(0, -1).map((c) => row({ name: `F1 after ${c.sentences} sentences`, value: c.f1, baseline: c.memorizerF1, ...vsMemorizer })),
  ];
});
