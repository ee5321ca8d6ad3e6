// The CLI as a user runs it: a real process, real files, real project file on disk.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../electron/services/db/project-file';
import { SEEDS_DIR, tempDir } from '../helpers';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
let dir: string;
let cleanup: () => void;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(dir, 'home') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => ({ dir, cleanup } = tempDir('biaozhu-cli-')));
afterAll(() => cleanup());

describe('biaozhu CLI', () => {
  it('init → import the seed folder → stats → export JSONL', () => {
    const project = join(dir, 'seeds.biaozhu');
    expect(cli('init', project).code).toBe(0);
    expect(existsSync(project)).toBe(true);

    const imported = cli('import', project, SEEDS_DIR, '--json');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout);
    // Seed 001 is a newspaper page holding several articles: more documents than files.
    expect(report.imported).toBeGreaterThan(5);
    expect(report.rejected).toEqual([]);

    const again = JSON.parse(cli('import', project, SEEDS_DIR, '--json').stdout);
    expect(again.imported).toBe(0);
    expect(again.skippedDuplicates.length).toBe(report.imported);

    const stats = JSON.parse(cli('stats', project, '--json').stdout);
    expect(stats.documents).toBe(report.imported);
    expect(stats.byStatus.todo).toBe(report.imported);

    const out = join(dir, 'out.jsonl');
    const exported = cli('export', project, '--format', 'biaozhu-jsonl', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`exported ${report.imported} documents`);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(report.imported);
    expect(lines.some((l) => l.text.includes('昌平区'))).toBe(true);
  });

  it('reports every span an export dropped or wrote with changed edges, by reason', () => {
    const project = join(dir, 'edges.biaozhu');
    cli('init', project);
    // 0-4 "王明远\n" ends in a line break; 3-4 is the line break alone; 5-9 and 6-8 overlap.
    const text = '王明远\n调研回龙观社区。';
    const spans = [
      { label: 'PERSON', start: 0, end: 4 },
      { label: 'PERSON', start: 3, end: 4 },
      { label: 'PROJECT', start: 6, end: 9 },
      { label: 'PROJECT', start: 7, end: 9 },
    ];
    writeFileSync(join(dir, 'edges.jsonl'), `${JSON.stringify({ text, metadata: { title: '边界' }, spans })}\n`);
    expect(cli('import', project, join(dir, 'edges.jsonl')).code).toBe(0);
    const brat = cli('export', project, '--format', 'brat', '--out', join(dir, 'edges-brat'), '--status', 'todo');
    expect(brat.code).toBe(0);
    expect(brat.stdout).toContain('dropped 1 spans (line-break-only)');
    expect(brat.stdout).toContain('adjusted 1 spans (line-break-trimmed)');
    const conll = cli('export', project, '--format', 'conll-bio', '--out', join(dir, 'edges.conll'), '--status', 'todo');
    expect(conll.stdout).toContain('dropped 1 spans (whitespace-only)');
    expect(conll.stdout).toContain('dropped 1 spans (overlap)');
    expect(conll.stdout).not.toContain('adjusted');
  });

  it('imports what is valid, names every rejected file and line, and exits non-zero', () => {
    const project = join(dir, 'bad.biaozhu');
    cli('init', project);
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0]));
    writeFileSync(join(dir, 'records.jsonl'), '{"text":"区委书记王明远调研回龙观社区。","title":"调研"}\n{"text": broken\n{"title":"没有正文"}\n');
    const result = cli('import', project, join(dir, 'empty.txt'), join(dir, 'binary.txt'), join(dir, 'records.jsonl'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('imported 1 documents');
    expect(result.stdout).toMatch(/empty\.txt — .*empty/);
    expect(result.stdout).toMatch(/binary\.txt — .*binary/i);
    expect(result.stdout).toMatch(/records\.jsonl:2 — /);
    expect(result.stdout).toMatch(/records\.jsonl:3 — /);
  });

  it('fails clearly on a missing project, an unknown format and a project from a newer app', () => {
    const missing = cli('stats', join(dir, 'nope.biaozhu'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No project file at/);

    const project = join(dir, 'fmt.biaozhu');
    cli('init', project);
    const badFormat = cli('export', project, '--format', 'xml');
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toMatch(/format/);

    const future = join(dir, 'future.biaozhu');
    const db = new Database(future);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 999');
    db.close();
    const newer = cli('stats', future);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toMatch(/newer Biaozhu/);

    const foreign = join(dir, 'other-app.sqlite');
    const other = new Database(foreign);
    other.pragma('user_version = 999');
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    const refused = cli('stats', foreign);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not a Biaozhu project/);
  });
});
