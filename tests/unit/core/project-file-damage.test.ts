// A project with pages overwritten mid-file: it opens read-only and damaged, refuses writes and
// imports with a message saying why, still exports, fails the full check, and recovers into a new
// project that opens clean with most documents.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../helpers';
import { fingerprint, makeProject, overwritePages } from './project-file-helpers';

const DOCUMENTS = 300; // ~2 MB

let core: TestCore | null = null;
afterEach(() => {
  core?.dispose();
  core = null;
});

async function failure(c: TestCore, promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

function damagedProject(): TestCore {
  core = testCore({ create: false });
  makeProject(core.projectPath, DOCUMENTS);
  expect(statSync(core.projectPath).size).toBeGreaterThan(1_500_000);
  overwritePages(core.projectPath, 3);
  return core;
}

describe('a project with pages overwritten in the middle', () => {
  it('opens read-only as damaged, refuses writes and imports, and still exports', async () => {
    const c = damagedProject();
    const before = fingerprint(c.projectPath);
    const info = await c.call('projects:open', { path: c.projectPath });
    expect(info.readOnly?.reason).toBe('damaged');
    expect(info.readOnly?.message).toMatch(/damaged.*read-only.*Recover/s);

    const labels = await c.call('labels:list', {});
    const write = await failure(c, c.call('labels:update', { id: labels[0].id, nameZh: '新名字' }));
    expect(write.code).toBe('read_only');
    expect(write.message).toBe(info.readOnly?.message);

    const source = join(c.dir, 'new.txt');
    writeFileSync(source, '北京市海淀区召开会议。');
    const imported = await failure(c, c.call('import:preview', { sources: [{ kind: 'path', path: source }], options: {} }));
    expect(imported.code).toBe('read_only');
    expect(imported.message).toBe(info.readOnly?.message);

    const outPath = join(c.dir, 'out.jsonl');
    const { jobId } = await c.call('export:start', { format: 'biaozhu-jsonl', outPath });
    const status = await c.jobs.wait(jobId);
    // The damaged pages may hold documents the export cannot read; what it can read, it writes.
    if (status.state === 'done') expect(existsSync(outPath)).toBe(true);
    else expect(status.error).toMatch(/malformed|damaged/);

    c.session.close();
    expect(fingerprint(c.projectPath).sha256).toBe(before.sha256);
  });

  it('fails the full check, and recovers into a new project that opens clean with most documents', async () => {
    const c = damagedProject();
    await c.call('projects:open', { path: c.projectPath });
    const check = await c.call('projects:check', {});
    expect(check.ok).toBe(false);
    expect(check.problems.length).toBeGreaterThan(0);
    expect(check.project?.readOnly?.reason).toBe('damaged');

    const report = await c.call('projects:recover', {});
    expect(report.path).toBe(join(c.dir, 'project-recovered.biaozhu'));
    const documents = report.tables.find((t) => t.table === 'documents')!;
    const texts = report.tables.find((t) => t.table === 'document_texts')!;
    expect(documents.copied).toBeGreaterThan(DOCUMENTS * 0.8);
    expect(report.tables.reduce((n, t) => n + t.lost, 0)).toBeGreaterThan(0);
    expect(texts.copied).toBe(documents.copied);

    // A second recovery never overwrites the first.
    const again = await c.call('projects:recover', {});
    expect(again.path).toBe(join(c.dir, 'project-recovered-2.biaozhu'));

    const recovered = await c.call('projects:open', { path: report.path });
    expect(recovered.readOnly).toBeNull();
    expect(recovered.documentCount).toBe(documents.copied);
    expect(recovered.annotationCount).toBeGreaterThan(0);
    const full = await c.call('projects:check', {});
    expect(full).toMatchObject({ ok: true, problems: [] });
    // Writable again.
    const labels = await c.call('labels:list', {});
    await c.call('labels:update', { id: labels[0].id, nameZh: '新名字' });
    expect(
      readdirSync(c.dir)
        .filter((f) => f.endsWith('.biaozhu'))
        .sort(),
    ).toEqual(['project-recovered-2.biaozhu', 'project-recovered.biaozhu', 'project.biaozhu']);
  });

  it('switches an open, writable project to read-only when the full check finds damage', async () => {
    core = testCore({ create: false });
    const c = core;
    makeProject(c.projectPath, DOCUMENTS);
    const info = await c.call('projects:open', { path: c.projectPath });
    expect(info.readOnly).toBeNull();
    overwritePages(c.projectPath, 3, 7);
    const check = await c.call('projects:check', {});
    expect(check.ok).toBe(false);
    expect(c.session.info()?.readOnly?.reason).toBe('damaged');
    const labels = await c.call('labels:list', {});
    expect((await failure(c, c.call('labels:update', { id: labels[0].id, nameZh: '新名字' }))).code).toBe('read_only');
  });
});

describe('biaozhu recover', () => {
  it('writes the readable rows of a damaged project to --out and never overwrites a file', () => {
    core = testCore({ create: false });
    const c = core;
    makeProject(c.projectPath, 60);
    overwritePages(c.projectPath, 2);
    const bin = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(c.dir, 'home') } });
    const out = join(c.dir, 'saved.biaozhu');
    const run = cli('recover', c.projectPath, '--out', out, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { path: string; tables: { table: string; copied: number; lost: number }[] };
    expect(report.path).toBe(out);
    expect(report.tables.find((t) => t.table === 'documents')!.copied).toBeGreaterThan(40);
    const again = cli('recover', c.projectPath, '--out', out);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists.*never overwrites/);
  });
});
