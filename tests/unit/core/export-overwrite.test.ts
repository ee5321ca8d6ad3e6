// An export never replaces a file without being told to, and a relative path is taken from the
// project's folder, not from wherever the process happened to start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportReport } from '../../../shared/api/export';
import type { JobStatus } from '../../../shared/api/jobs';
import { endsWhenCancelled } from '../../../electron/services/export/service';
import { addDocument, tempDir, testCore, type TestCore } from '../helpers';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');

let core: TestCore;
beforeAll(async () => {
  core = testCore();
  for (let i = 0; i < 3; i++) {
    const documentId = addDocument(core, `第${i}篇：区委书记王明远到回龙观社区调研。`, `调研 ${i}`);
    const label = (await core.call('labels:list', {}))[0]!;
    await core.call('annotations:create', { documentId, start: 7, end: 10, labelId: label.id });
  }
});
afterAll(() => core.dispose());

async function exported(input: Parameters<TestCore['call']>[1] & object): Promise<ExportReport> {
  const { jobId } = await core.call('export:start', input as never);
  const status: JobStatus = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`export ${status.state}: ${status.error}`);
  return status.result as ExportReport;
}

async function refusal(input: object): Promise<{ code: string; message: string }> {
  const result = await core.registry.dispatch('export:start', input);
  if (result.ok) throw new Error('the export was started');
  return result.error;
}

describe('export targets', () => {
  it('refuses an existing file with conflict before any work, and replaces it only with overwrite', async () => {
    const outPath = join(core.dir, 'mine.jsonl');
    writeFileSync(outPath, 'my own notes\n');
    const error = await refusal({ format: 'biaozhu-jsonl', outPath });
    expect(error).toMatchObject({ code: 'conflict', message: `${outPath} exists; choose another name or allow replacing it` });
    expect(readFileSync(outPath, 'utf8')).toBe('my own notes\n');
    const report = await exported({ format: 'biaozhu-jsonl', outPath, overwrite: true });
    expect(report.files).toEqual([outPath]);
    expect(readFileSync(outPath, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('a folder export refuses a folder with files in it, but takes an empty one', async () => {
    const full = join(core.dir, 'full-brat');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'keep');
    expect((await refusal({ format: 'brat', outPath: full })).code).toBe('conflict');
    expect((await refusal({ format: 'conll-bio', outPath: full, split: { seed: 1, train: 0.5, dev: 0.25, test: 0.25 } })).code).toBe('conflict');
    expect(readdirSync(full)).toEqual(['keep.txt']);
    const empty = join(core.dir, 'empty-brat');
    mkdirSync(empty);
    expect((await exported({ format: 'brat', outPath: empty })).files).toHaveLength(3 * 2 + 2);
    const replaced = await exported({ format: 'brat', outPath: full, overwrite: true });
    expect(replaced.files).toHaveLength(3 * 2 + 2);
    expect(readFileSync(join(full, 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('refuses a folder where a file goes, and a file where a folder goes', async () => {
    expect(await refusal({ format: 'cluener', outPath: core.dir, overwrite: true })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/is a folder/),
    });
    const file = join(core.dir, 'a-file');
    writeFileSync(file, '');
    expect(await refusal({ format: 'brat', outPath: file, overwrite: true })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/is a file, not a folder/),
    });
    expect((await refusal({ format: 'cluener', outPath: 'bad\0name.json' })).code).toBe('invalid_input');
  });

  it('takes a relative path from the project file’s folder, and reports the absolute path written', async () => {
    const report = await exported({ format: 'cluener', outPath: join('relative', 'out.json') });
    const expected = join(dirname(core.projectPath), 'relative', 'out.json');
    expect(report.files).toEqual([expected]);
    expect(existsSync(expected)).toBe(true);
    expect(existsSync(resolve(process.cwd(), 'relative', 'out.json'))).toBe(false);
  });

  it('two default exports within one second get two files', async () => {
    const first = await exported({ format: 'mentions-csv' });
    const second = await exported({ format: 'mentions-csv' });
    expect(first.files[0]).not.toBe(second.files[0]);
    expect(first.files.every((f) => isAbsolute(f) && existsSync(f))).toBe(true);
    expect(second.files.every((f) => isAbsolute(f) && existsSync(f))).toBe(true);
  });

  it('a cancelled export whose worker never answers still ends, after the grace time', async () => {
    const control = { cancelled: false };
    const never = new Promise<never>(() => {});
    const ended = endsWhenCancelled(never, control, 200);
    control.cancelled = true;
    await expect(ended).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('CLI export', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir('biaozhu-cli-export-')));
  afterAll(() => cleanup());
  const cli = (...args: string[]) => {
    // Run from another folder: a relative --out must not land there.
    const cwd = join(dir, 'elsewhere');
    mkdirSync(cwd, { recursive: true });
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(dir, 'home') } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('refuses an existing file unless --force, and resolves --out against the project folder', () => {
    const project = join(dir, 'projects', 'p.biaozhu');
    expect(cli('init', project).code).toBe(0);
    const input = join(dir, 'one.jsonl');
    writeFileSync(input, `${JSON.stringify({ text: '区委书记王明远到回龙观社区调研。', title: '调研' })}\n`);
    expect(cli('import', project, input).code).toBe(0);
    const expected = join(dir, 'projects', 'out', 'x.jsonl');
    const first = cli('export', project, '--format', 'biaozhu-jsonl', '--out', 'out/x.jsonl');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(expected);
    expect(existsSync(join(dir, 'elsewhere', 'out'))).toBe(false);
    const again = cli('export', project, '--format', 'biaozhu-jsonl', '--out', 'out/x.jsonl');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${expected} exists; choose another name or allow replacing it`);
    expect(again.stderr).toContain('--force');
    const forced = cli('export', project, '--format', 'biaozhu-jsonl', '--out', 'out/x.jsonl', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(expected);
  });
});
