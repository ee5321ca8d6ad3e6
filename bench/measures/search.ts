// Measure: corpus search (#21) over the fixture corpus, through the registry as the app calls it.
// Queries are strings of 1, 2, 3 and 8 characters cut from random places of random documents (so
// each occurs at least once; frequent strings are drawn more often, as users search what is there),
// plus a label filter. Per query: the first page (search:hits, 50 hits, 30 characters of context)
// and the exact count (search:counts). Side by side, in the same run and on the same texts: a plain
// SQLite instr scan (the documents holding the string: the first 50, then all) and ripgrep counting
// every match over the texts written one file per document. Also: building the trigram index over
// the whole corpus (what migration 010 does for an existing project) against the import's time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { indexPendingTexts } from '../../electron/services/db/search-index';
import { INDEX_BATCH } from '../../electron/services/search/indexer';
import { benchCore, type BenchCore } from '../lib/core';
import { fixture, fixtureCopy } from '../lib/fixture';
import { RESULTS_DIR, workDir } from '../lib/paths';
import { percentile, round, row, runMeasure, type Row } from '../lib/result';
import { random } from '../corpus/rng';

const LENGTHS = [1, 2, 3, 8] as const;
const PAGE = 50;

const ms = (started: number) => performance.now() - started;

/** `count` strings of `length` characters from random places, without line breaks or spaces. */
function sampleQueries(texts: readonly string[], length: number, count: number, seed: number): string[] {
  const rnd = random(seed * 31 + length);
  const found = new Set<string>();
  for (let tries = 0; found.size < count && tries < count * 200; tries++) {
    const text = texts[Math.floor(rnd() * texts.length)];
    const chars = [...text.slice(0, 20_000)];
    if (chars.length < length) continue;
    const at = Math.floor(rnd() * (chars.length - length + 1));
    const q = chars.slice(at, at + length).join('');
    if (!/[\s]/.test(q)) found.add(q);
  }
  return [...found];
}

/** One file per document for ripgrep, written once per fixture. */
function writeTextFiles(path: string, dir: string, key: string): string {
  const out = join(dir, 'texts');
  const marker = join(dir, 'texts.key');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === key) return out;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const db = new Database(path, { readonly: true });
  try {
    for (const [id, text] of db.prepare('SELECT document_id, text FROM document_texts').raw().iterate() as Iterable<[number, string]>) {
      writeFileSync(join(out, `${id}.txt`), text);
    }
  } finally {
    db.close();
  }
  writeFileSync(marker, key);
  return out;
}

function ripgrepCount(dir: string, query: string): { ms: number; hits: number } | null {
  const started = performance.now();
  const result = spawnSync('rg', ['--fixed-strings', '--count-matches', '--no-filename', '--no-messages', '--', query, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.error) return null;
  const hits = result.stdout.split('\n').reduce((sum, line) => sum + (Number(line) || 0), 0);
  return { ms: ms(started), hits };
}

/**
 * Time to fill the trigram index with every text, as the core does in the background for a project
 * migrated from before the index or just imported (migration 016): batches of INDEX_BATCH.
 */
function indexBuildSeconds(path: string): number {
  const db = new Database(path);
  try {
    const started = performance.now();
    while (indexPendingTexts(db, INDEX_BATCH) > 0);
    return ms(started) / 1000;
  } finally {
    db.close();
  }
}

/** The whole-corpus import's seconds from this size's import result, when the import measure ran. */
function importSeconds(size: string): number | null {
  try {
    const result = JSON.parse(readFileSync(join(RESULTS_DIR, 'import.json'), 'utf8'));
    if (result.size !== size || result.status !== 'ok') return null;
    const mbPerSecond = result.rows.find((r: Row) => r.name.startsWith('import MB/s (whole corpus)'))?.value;
    return mbPerSecond ? result.details.manifest.textBytes / 1e6 / mbPerSecond : null;
  } catch {
    return null;
  }
}

interface Timing {
  query: string;
  pageMs: number;
  countMs: number;
  hits: number;
  instrPageMs: number;
  instrAllMs: number;
  rg: { ms: number; hits: number } | null;
}

async function timeQuery(bench: BenchCore, plain: Database.Database, textsDir: string, query: string, label?: string): Promise<Timing> {
  const search = label ? { query, label } : { query };
  let started = performance.now();
  await bench.call('search:hits', { search, limit: PAGE, context: 30 });
  const pageMs = ms(started);
  started = performance.now();
  const counts = await bench.call('search:counts', { search });
  const countMs = ms(started);
  started = performance.now();
  plain.prepare('SELECT document_id FROM document_texts WHERE instr(text, ?) > 0 LIMIT 50').all(query || '\u0000');
  const instrPageMs = ms(started);
  started = performance.now();
  plain.prepare('SELECT count(*) FROM document_texts WHERE instr(text, ?) > 0').get(query || '\u0000');
  const instrAllMs = ms(started);
  return { query, pageMs, countMs, hits: counts.hits, instrPageMs, instrAllMs, rg: label || !query ? null : ripgrepCount(textsDir, query) };
}

const p = (timings: Timing[], pick: (t: Timing) => number | null | undefined, q: number) => {
  const values = timings.map(pick).filter((v): v is number => typeof v === 'number');
  return values.length ? round(percentile(values, q), 1) : null;
};

runMeasure('search', 'Corpus search', async (ctx) => {
  const { spec, log } = ctx;
  const full = spec.name.startsWith('full');
  const fx = fixture(spec, log);
  const dir = workDir(spec.name, 'search');
  const path = fixtureCopy(fx, dir);
  log('filling the trigram index with every text…');
  const buildSeconds = indexBuildSeconds(path);
  const textsDir = writeTextFiles(path, dir, JSON.stringify({ path: fx.projectPath, documents: fx.documents, chars: fx.chars }));
  const plain = new Database(path, { readonly: true });
  const texts = plain.prepare('SELECT text FROM document_texts ORDER BY document_id').pluck().all() as string[];
  const bench = benchCore(dir, path, false);
  const perLength: Record<number, Timing[]> = {};
  const rows: Row[] = [];
  try {
    // One untimed search warms the statement cache and the page cache, as a session would be.
    await bench.call('search:hits', { search: { query: '区' }, limit: PAGE });
    const count = full ? 20 : 8;
    let started = 0;
    for (const length of LENGTHS) {
      perLength[length] = [];
      for (const query of sampleQueries(texts, length, count, spec.seed)) perLength[length].push(await timeQuery(bench, plain, textsDir, query));
      log(`${length} characters: page p95 ${p(perLength[length], (t) => t.pageMs, 95)} ms, count p95 ${p(perLength[length], (t) => t.countMs, 95)} ms`);
    }
    // The fixture's spans were all just written: the first search inside a label computes every
    // document's span text digests (migration 015) once; timed on its own, as after an import.
    started = performance.now();
    await bench.call('search:hits', { search: { query: '区', label: 'PERSON' }, limit: PAGE });
    const digestRefreshMs = ms(started);
    const labelled = [await timeQuery(bench, plain, textsDir, '', 'PERSON')];
    for (const query of sampleQueries(texts, 2, full ? 10 : 4, spec.seed + 1)) labelled.push(await timeQuery(bench, plain, textsDir, query, 'PERSON'));
    for (const length of LENGTHS) {
      const t = perLength[length];
      rows.push(
        row({
          name: `first page (${PAGE} hits), ${length}-character query, p95`,
          value: p(t, (x) => x.pageMs, 95),
          unit: 'ms',
          baseline: p(t, (x) => x.instrPageMs, 95),
          baselineName: 'SQLite instr scan: first 50 documents holding it',
          goal: { op: '<=', value: 50 },
          note: `p50 ${p(t, (x) => x.pageMs, 50)} ms; ${t.length} queries, ${t.map((x) => x.hits).sort((a, b) => a - b)[0]}–${Math.max(...t.map((x) => x.hits))} hits each`,
        }),
        row({
          name: `exact count, ${length}-character query, p95`,
          value: p(t, (x) => x.countMs, 95),
          unit: 'ms',
          baseline: p(t, (x) => x.rg?.ms, 95),
          baselineName: 'ripgrep --count-matches, one file per document',
          goal: { op: '<=', value: 500 },
          note: `p50 ${p(t, (x) => x.countMs, 50)} ms; SQLite instr over every text p95 ${p(t, (x) => x.instrAllMs, 95)} ms; ripgrep counts agree: ${t.every((x) => !x.rg || x.rg.hits === x.hits)}`,
        }),
      );
    }
    rows.push(
      row({
        name: 'first page, label filter (PERSON; alone and with 2-character queries), p95',
        value: p(labelled, (x) => x.pageMs, 95),
        unit: 'ms',
        baseline: p(labelled, (x) => x.instrPageMs, 95),
        baselineName: 'SQLite instr scan: first 50 documents holding it',
        goal: { op: '<=', value: 50 },
        note: `p50 ${p(labelled, (x) => x.pageMs, 50)} ms; count p95 ${p(labelled, (x) => x.countMs, 95)} ms; every PERSON span: ${labelled[0].hits} hits`,
      }),
    );
    rows.push(
      row({
        name: 'first search inside a label after the whole corpus was written (span text digests built)',
        value: round(digestRefreshMs, 1),
        unit: 'ms',
        baseline: null,
        baselineName: '',
        note: 'once per import; later edits refresh only their documents',
      }),
    );
    // The 1L sort needs every hit with its context: the query nearest 100,000 hits.
    const all = Object.values(perLength).flat();
    const big = all.reduce((best, t) => (Math.abs(t.hits - 100_000) < Math.abs(best.hits - 100_000) ? t : best));
    started = performance.now();
    await bench.call('search:hits', { search: { query: big.query }, sort: 'left', limit: PAGE });
    rows.push(
      row({
        name: `first page sorted by left context (${big.hits.toLocaleString('en-US')} hits)`,
        value: round(ms(started), 1),
        unit: 'ms',
        baseline: round(big.pageMs, 1),
        baselineName: 'the same query in document order',
      }),
    );
    started = performance.now();
    const first = await bench.call('search:hits', { search: { query: '(两个|四个)[\\u4e00-\\u9fff]{2}', regex: true }, limit: PAGE });
    const regexPageMs = ms(started);
    rows.push(
      row({
        name: 'first page, regex (两个|四个)[\\u4e00-\\u9fff]{2}',
        value: round(regexPageMs, 1),
        unit: 'ms',
        baseline: null,
        baselineName: '',
        note: `${first.hits.length} hits on the page`,
      }),
    );
  } finally {
    bench.close();
    plain.close();
  }
  const imported = importSeconds(spec.name);
  rows.push(
    row({
      name: 'trigram index filled over the corpus (in the background after migration 010 or an import)',
      value: round(buildSeconds, 2),
      unit: 's',
      baseline: imported === null ? null : round(imported, 1),
      baselineName: 'whole-corpus import (bench/results/import.json, this size)',
      goalRatio: imported === null ? undefined : { op: '<=', value: 0.3 },
    }),
  );
  ctx.details = { perLength, buildSeconds, importSeconds: imported };
  ctx.notes.push(
    `${fx.documents.toLocaleString('en-US')} documents, ${fx.chars.toLocaleString('en-US')} characters. Load average when measured: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${cpus().length} cores.`,
  );
  return rows;
});
