// Where the bench keeps its corpora and projects (outside the repository: they are large) and
// where it writes results.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
export const DOC_PATH = join(ROOT, 'docs', 'benchmarks.md');

/** Corpus, fixture project and scratch files of one size; BIAOZHU_BENCH_DIR overrides the base. */
export function workDir(sizeName: string, ...parts: string[]): string {
  const dir = join(process.env.BIAOZHU_BENCH_DIR ?? join(tmpdir(), 'biaozhu-bench'), sizeName, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
