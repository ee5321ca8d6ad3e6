// A brat export writes two files per document. Under a low open-file limit (macOS's default is 256)
// it must still finish: files are written and closed document by document, never all held open.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../helpers';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
const DOCUMENTS = 400;
let dir: string;
let cleanup: () => void;

beforeAll(() => ({ dir, cleanup } = tempDir('biaozhu-many-files-')));
afterAll(() => cleanup());

/** Runs the CLI in a shell whose open-file limit is `limit`. */
function cliWithFileLimit(limit: number, ...args: string[]) {
  const command = `ulimit -n ${limit} && exec "$0" "$@"`;
  const result = spawnSync('bash', ['-c', command, process.execPath, BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BIAOZHU_HOME: join(dir, 'home') },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

it(`exports ${DOCUMENTS} documents as brat (${DOCUMENTS * 2} files) with at most 128 files open`, () => {
  const records = Array.from({ length: DOCUMENTS }, (_, index) => {
    const text = `第${index}篇：区委书记王明远到回龙观社区调研，强调增强“四个意识”。`;
    const start = text.indexOf('王明远');
    // Every tenth document has no spans: brat still wants its (empty) .ann.
    return JSON.stringify({ text, title: `调研 ${index}`, label: index % 10 === 0 ? [] : [[start, start + 3, 'PERSON']] });
  });
  const input = join(dir, 'many.jsonl');
  writeFileSync(input, records.join('\n') + '\n');
  const project = join(dir, 'many.biaozhu');
  expect(cliWithFileLimit(128, 'init', project).code).toBe(0);
  const imported = cliWithFileLimit(128, 'import', project, input, '--json');
  expect(imported.stderr).toBe('');
  expect(JSON.parse(imported.stdout).imported).toBe(DOCUMENTS);

  const out = join(dir, 'brat');
  const exported = cliWithFileLimit(128, 'export', project, '--format', 'brat', '--out', out, '--status', 'todo');
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
  // One short line names the folder and the count, not 800 paths.
  expect(exported.stdout.trim()).toBe(`exported ${DOCUMENTS} documents, ${DOCUMENTS - DOCUMENTS / 10} spans to ${out} (${DOCUMENTS * 2 + 2} files)`);
  const files = readdirSync(out);
  expect(files.filter((name) => name.endsWith('.ann'))).toHaveLength(DOCUMENTS);
  expect(files.filter((name) => name.endsWith('.txt'))).toHaveLength(DOCUMENTS);
  const lastAnn = files
    .filter((name) => name.endsWith('.ann'))
    .sort()
    .at(-1)!;
  expect(readFileSync(join(out, lastAnn), 'utf8')).toMatch(/^T\d+\tPERSON \d+ \d+\t王明远$/m);
  const emptyAnns = files.filter((name) => name.endsWith('.ann') && readFileSync(join(out, name), 'utf8') === '');
  expect(emptyAnns).toHaveLength(DOCUMENTS / 10);

  // The folder imports back whole: documents without spans included.
  const again = join(dir, 'again.biaozhu');
  cliWithFileLimit(128, 'init', again);
  const reimported = JSON.parse(cliWithFileLimit(128, 'import', again, out, '--json').stdout);
  expect(reimported.imported).toBe(DOCUMENTS);
  expect(reimported.spansImported).toBe(DOCUMENTS - DOCUMENTS / 10);
});
