// Corpus generator: realistic Beijing district-news articles from our own sentence templates,
// deterministic from a seed. Writes labelled JSONL files (biaozhu-jsonl and doccano, with spans)
// and raw files for the normalization pipeline (GB18030, Big5, traditional, pinyin, HTML…).
//
//   node --require tsx/cjs bench/generate.ts --small|--full [--seed 7] [--out DIR] [--articles N]
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeArticle, type Article } from './corpus/article';
import { DIRTY_KINDS, dirtyFile, type DirtyKind } from './corpus/dirty';
import { Rng } from './corpus/rng';
import { workDir } from './lib/paths';
import { sizeSpec, type SizeSpec } from './lib/sizes';

/** Share of articles that arrive as raw files (no spans) instead of labelled JSONL. */
export const RAW_SHARE = 0.15;
export const ARTICLES_PER_JSONL = 100;

export interface CorpusItem {
  index: number;
  article: Article;
  /** Set when the article is written as a raw file for the pipeline. */
  dirty: DirtyKind | null;
}

/** Every article of the corpus, in order, regenerated from the seed (nothing read from disk). */
export function* corpusItems(spec: SizeSpec): Generator<CorpusItem> {
  const root = new Rng(spec.seed);
  const labelledChars = spec.articles * spec.meanLength * (1 - RAW_SHARE);
  const spansPerChar = spec.spans / labelledChars;
  let dirtyCount = 0;
  for (let index = 0; index < spec.articles; index++) {
    const rng = root.fork(index + 1);
    const dirty = rng.chance(RAW_SHARE) ? DIRTY_KINDS[dirtyCount++ % DIRTY_KINDS.length] : null;
    const length = Math.round(spec.meanLength * (0.3 + rng.next() * 1.4));
    const article = makeArticle(rng, index + 1, { length, spanCount: dirty ? 0 : Math.round(length * spansPerChar) });
    yield { index, article, dirty };
  }
}

/** The reader benchmark's document: 100,000 characters, 5,000 spans, nested and crossing. */
export function readerDocument(seed: number): Article {
  const article = makeArticle(new Rng(seed ^ 0x5eed), 0, { length: 100_000, dense: true, spanCount: 5_000 });
  return { ...article, id: 'bench-reader', title: `基准长文档 ${article.title}` };
}

function biaozhuRecord(a: Article): string {
  return JSON.stringify({
    id: a.id,
    text: a.text,
    metadata: { title: a.title, date: a.date, source: a.source, district: a.district, url: null, reporters: a.reporters, externalId: a.id },
    status: 'todo',
    original_text: a.text,
    offset_map: [0, a.text.length, 0, a.text.length],
    spans: a.spans.map((s, i) => ({ id: i + 1, label: s.label, start: s.start, end: s.end, attributes: s.attributes ?? {}, annotator: 'bench' })),
  });
}

function doccanoRecord(a: Article): string {
  return JSON.stringify({
    id: a.id,
    text: a.text,
    label: a.spans.map((s) => [s.start, s.end, s.label]),
    title: a.title,
    date: a.date,
    source: a.source,
    district: a.district,
  });
}

/** Hash of the generator's own code: a corpus written by an older generator is rewritten. */
export function generatorHash(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(join(__dirname, 'corpus')).sort()) hash.update(f).update(readFileSync(join(__dirname, 'corpus', f)));
  return hash.update(readFileSync(__filename)).digest('hex').slice(0, 16);
}

export interface Manifest {
  generator: string;
  size: string;
  seed: number;
  articles: number;
  labelledArticles: number;
  rawFiles: number;
  jsonlFiles: number;
  /** UTF-16 units of article text (bodies), all articles. */
  chars: number;
  /** UTF-8 bytes of the same text: the MB in every MB/s of the report. */
  textBytes: number;
  /** Bytes of the files written (what the import reads). */
  fileBytes: number;
  spans: number;
  rawKinds: Record<string, number>;
  unencodable: number;
}

export function writeCorpus(spec: SizeSpec, outDir: string): Manifest {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'labelled'), { recursive: true });
  mkdirSync(join(outDir, 'raw'), { recursive: true });
  const m: Manifest = {
    generator: generatorHash(),
    size: spec.name,
    seed: spec.seed,
    articles: 0,
    labelledArticles: 0,
    rawFiles: 0,
    jsonlFiles: 0,
    chars: 0,
    textBytes: 0,
    fileBytes: 0,
    spans: 0,
    rawKinds: {},
    unencodable: 0,
  };
  let batch: Article[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const doccano = m.jsonlFiles % 2 === 1;
    const body = batch.map(doccano ? doccanoRecord : biaozhuRecord).join('\n') + '\n';
    const name = `part-${String(m.jsonlFiles).padStart(4, '0')}-${doccano ? 'doccano' : 'biaozhu'}.jsonl`;
    writeFileSync(join(outDir, 'labelled', name), body);
    m.fileBytes += Buffer.byteLength(body);
    m.jsonlFiles++;
    batch = [];
  };
  for (const { index, article, dirty } of corpusItems(spec)) {
    m.articles++;
    m.chars += article.text.length;
    m.textBytes += Buffer.byteLength(article.text);
    if (dirty) {
      const file = dirtyFile(article, dirty, new Rng(spec.seed + index), index + 1);
      writeFileSync(join(outDir, 'raw', file.name), file.bytes);
      m.fileBytes += file.bytes.length;
      m.rawFiles++;
      m.rawKinds[dirty] = (m.rawKinds[dirty] ?? 0) + 1;
      m.unencodable += file.unencodable;
    } else {
      m.labelledArticles++;
      m.spans += article.spans.length;
      batch.push(article);
      if (batch.length === ARTICLES_PER_JSONL) flush();
    }
  }
  flush();
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(m, null, 2));
  return m;
}

/** The corpus files of this size in `dir`, written unless a matching manifest is already there. */
export function ensureCorpus(spec: SizeSpec, dir: string): Manifest {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    if (m.generator === generatorHash() && m.size === spec.name && m.seed === spec.seed && m.articles === spec.articles) return m;
  } catch {
    // no corpus yet
  }
  return writeCorpus(spec, dir);
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      small: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      size: { type: 'string' },
      seed: { type: 'string' },
      articles: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const spec = sizeSpec(
    values.size ?? (values.small ? 'small' : 'full'),
    values.seed ? Number(values.seed) : undefined,
    values.articles ? Number(values.articles) : undefined,
  );
  const out = resolve(values.out ?? workDir(spec.name, 'corpus'));
  const started = Date.now();
  const manifest = writeCorpus(spec, out);
  console.log(
    `generated ${manifest.articles} articles (${(manifest.chars / 1e6).toFixed(1)} M chars, ${manifest.spans} spans, ${manifest.rawFiles} raw files) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${out}`,
  );
}
