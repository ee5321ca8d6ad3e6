// Import fuzz: hundreds of damaged files of every kind Biaozhu imports (truncated, bit-flipped,
// spliced, deeply nested, zipped, zip bombs, past the size limit, empty, the wrong kind) imported
// through the real CLI and its worker pool, in batches. Every run must end within a bounded time
// with a meaningful exit code and no stack trace, every file must be in the report, and every
// file that is not imported must be named with a reason.
// BIAOZHU_FUZZ_SEED=<n> reproduces a run; BIAOZHU_FUZZ_FILES=<n> sizes it (default 520).
import { spawnSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { loadCorpus, makeFile, mutate, prng, type FuzzFile } from './fuzz-files';

const SEED = Number(process.env.BIAOZHU_FUZZ_SEED ?? 20261203);
const FILES = Number(process.env.BIAOZHU_FUZZ_FILES ?? 520);
const BATCHES = 4;
/** A run that takes longer than this is a hang (a healthy batch takes a few seconds). */
const RUN_TIMEOUT_MS = 60_000;
const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('biaozhu-import-fuzz-')));
afterAll(() => cleanup());

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
    maxBuffer: 64 << 20,
    env: { ...process.env, BIAOZHU_HOME: join(dir, 'home') },
  });
  return { code: result.status, signal: result.signal, error: result.error, stdout: result.stdout, stderr: result.stderr };
}

// Messages that leak a JavaScript failure instead of saying what is wrong with the file.
const INTERNAL =
  /\bat .+:\d+:\d+|Cannot read propert|is not a function|is not defined|undefined|\[object Object\]|Maximum call stack|Invalid (array|string) length|out of memory|RangeError|TypeError|ReferenceError/;

interface CliReport {
  imported: number;
  rejected: { fileName: string; line?: number; message: string }[];
  files: { fileName: string; error: string | null; format: string; encoding: string | null }[];
}

describe('import fuzz through the CLI', () => {
  it(
    `survives ${FILES} damaged files (seed ${SEED})`,
    () => {
      console.log(`import fuzz: seed ${SEED}, ${FILES} files in ${BATCHES} batches (BIAOZHU_FUZZ_SEED=${SEED} reproduces it)`);
      const rng = prng(SEED);
      const corpus = loadCorpus();
      expect(corpus.paragraphs.length).toBeGreaterThan(20);
      expect(corpus.labelled.length).toBeGreaterThan(20);
      const project = join(dir, 'fuzz.biaozhu');
      expect(cli('init', project).code).toBe(0);

      const perBatch = Math.ceil(FILES / BATCHES);
      let written = 0;
      let importedFiles = 0;
      const mutations = new Map<string, number>();
      for (let batch = 0; batch < BATCHES; batch++) {
        const folder = join(dir, `batch-${batch}`);
        mkdirSync(folder);
        const files: FuzzFile[] = [];
        while (files.filter((f) => !f.companion).length < perBatch) {
          const stem = `${batch}-${files.length}`;
          const other = makeFile(rng, corpus, `${stem}-other`)[0];
          files.push(...makeFile(rng, corpus, stem).map((f) => mutate(rng, f, other)));
        }
        for (const file of files) {
          const path = join(folder, file.name);
          writeFileSync(path, file.bytes);
          if (file.sparseSize) truncateSync(path, file.sparseSize);
          mutations.set(file.mutation, (mutations.get(file.mutation) ?? 0) + 1);
        }
        written += files.filter((f) => !f.companion).length;

        const run = cli('import', project, folder, '--json');
        const where = `batch ${batch} (seed ${SEED})`;
        expect(run.error, `${where}: the CLI did not finish within ${RUN_TIMEOUT_MS / 1000} s`).toBeUndefined();
        expect(run.signal, where).toBeNull();
        expect(run.stderr, `${where}: stderr`).not.toMatch(/^\s+at /m);
        expect([0, 1], `${where}: exit code ${run.code}; stderr: ${run.stderr}`).toContain(run.code);
        const report = JSON.parse(run.stdout) as CliReport;

        const listed = new Map(report.files.map((f) => [f.fileName, f]));
        for (const file of files) {
          const path = join(folder, file.name);
          const preview = listed.get(path);
          if (file.companion) continue; // read with its .ann (or alone, when the .ann is gone)
          expect(preview, `${where}: ${file.name} (${file.kind}, ${file.mutation}) is missing from the report`).toBeDefined();
          if (!preview!.error) importedFiles++;
          // A UTF-8 file cut short or with one flipped bit is still UTF-8 (not UTF-16 or GB18030 nonsense).
          if (file.utf8 && (file.mutation === 'truncate' || file.flips === 1) && preview!.encoding !== null) {
            expect(preview!.encoding, `${where}: ${file.name} (${file.kind}, ${file.mutation})`).toBe('utf-8');
          }
        }
        // Every file that was not imported is named with a reason, and no reason is a leaked exception.
        for (const file of report.files.filter((f) => f.error)) {
          expect(report.rejected, `${where}: ${file.fileName} failed (${file.error}) but is not in rejected`).toContainEqual(
            expect.objectContaining({ fileName: file.fileName, message: file.error }),
          );
        }
        for (const rejected of report.rejected) {
          expect(rejected.message.trim().length, `${where}: ${rejected.fileName} rejected without a reason`).toBeGreaterThan(0);
          expect(rejected.message, `${where}: ${rejected.fileName}`).not.toMatch(INTERNAL);
        }
        expect(run.code, `${where}: exit code says whether anything was rejected`).toBe(report.rejected.length > 0 ? 1 : 0);
      }
      console.log(`import fuzz: ${written} files, ${importedFiles} imported; mutations ${JSON.stringify(Object.fromEntries(mutations))}`);
      expect(written).toBeGreaterThanOrEqual(FILES);
      // Not vacuous: undamaged files and many damaged ones still import.
      expect(importedFiles).toBeGreaterThan(written / 4);
    },
    5 * 60_000,
  );
});
