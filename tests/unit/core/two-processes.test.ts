// Two real processes on one project: one writer holds it. A second server opens it read-only and
// says who holds it; a CLI import waits a bounded time, then fails naming the holder and writes
// nothing; once the holder is gone (closed, or killed with SIGKILL) the CLI imports. Inside the one
// writer, API writes made while an import commits in its worker thread all succeed.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { startServerProcess, importPaths, type ServerProcess } from './server-process';

const { dir, cleanup } = tempDir('biaozhu-two-');
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill('SIGKILL')));
  cleanup();
});

async function server(project: string, name: string, create = false): Promise<ServerProcess> {
  const started = await startServerProcess(project, join(dir, `user-${name}`), { create });
  servers.push(started);
  return started;
}

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, BIAOZHU_HOME: join(dir, 'cli-home') } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr, ms: Date.now() - started })));
}

function article(folder: string, name: string, n: number): string {
  const path = join(folder, `${name}.txt`);
  writeFileSync(path, `第${n}号通知\n\n昌平区${n}日召开会议，区长王明远第${n}次调研回龙观社区，强调落实“${n}号工程”。\n`);
  return path;
}

const countDocuments = (project: string): number => {
  const db = new Database(project, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('two processes on one project', () => {
  it('a second server opens it read-only, naming the holder; its writes are refused, its reads work', async () => {
    const project = join(dir, 'shared.biaozhu');
    const first = await server(project, 'first', true);
    const docs = join(dir, 'docs-a');
    mkdirSync(docs);
    const [documentId] = await importPaths(first, [article(docs, 'a', 1)]);
    const second = await server(project, 'second');

    const info = (await second.value('app:info', {})).project!;
    expect(info.readOnly?.reason).toBe('locked');
    expect(info.readOnly?.message).toContain(`pid ${first.pid}`);
    expect(info.documentCount).toBe(1);
    await expect.poll(() => second.output()).toContain(`read-only here. Open in another window or process: a Biaozhu browser-mode server (pid ${first.pid}`);
    expect((await first.value('app:info', {})).project!.readOnly).toBeNull();

    const labels = await second.value('labels:list', {});
    expect((await second.value('documents:get', { id: documentId })).text).toContain('回龙观');
    const refused = await second.call('annotations:create', { documentId, start: 0, end: 2, labelId: labels[0].id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(['read_only', 'locked']).toContain(refused.error.code);
      expect(refused.error.message).toContain(`pid ${first.pid}`);
    }
    // An import writes on its worker's own connection, so it is refused up front, not by SQLite.
    await expect(importPaths(second, [article(docs, 'b', 2)])).rejects.toThrow(`pid ${first.pid}`);
    expect((await first.value('annotations:create', { documentId, start: 0, end: 2, labelId: labels[0].id })).start).toBe(0);
    expect(countDocuments(project)).toBe(1);

    // Closed there, the project opens writable here.
    await first.kill('SIGTERM');
    const reopened = await second.value('projects:open', { path: project });
    expect(reopened.readOnly).toBeNull();
    expect((await second.value('annotations:create', { documentId, start: 2, end: 4, labelId: labels[0].id })).end).toBe(4);
    await second.kill('SIGTERM');
  }, 120_000);

  it('a CLI import waits a bounded time next to a holder, fails naming it and writes nothing; it imports once the holder is killed', async () => {
    const project = join(dir, 'cli.biaozhu');
    const holder = await server(project, 'holder', true);
    const docs = join(dir, 'docs-cli');
    mkdirSync(docs);
    const file = article(docs, 'c', 3);

    const refused = await cli('import', project, file, '--wait', '1');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`pid ${holder.pid}`);
    expect(refused.stderr).toMatch(/browser/);
    expect(refused.ms).toBeLessThan(30_000); // bounded: 1 s of waiting plus start-up, never an open-ended hang
    expect((await holder.value('app:info', {})).project!.documentCount).toBe(0);

    // Reading commands work next to the holder.
    const stats = await cli('stats', project, '--json');
    expect(stats.stderr).toBe('');
    expect(JSON.parse(stats.stdout).documents).toBe(0);
    const exported = await cli('export', project, '--format', 'biaozhu-jsonl', '--out', join(dir, 'cli-out.jsonl'));
    expect(exported.code).toBe(0);
    expect((await holder.value('app:info', {})).project!.readOnly).toBeNull();

    await holder.kill('SIGKILL'); // no exit handler runs: the lock must not outlive it
    const imported = await cli('import', project, file, '--json');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).imported).toBe(1);
    expect(countDocuments(project)).toBe(1);
  }, 120_000);

  it('inside the one writer, API writes made while an import commits in its worker all succeed', async () => {
    const project = join(dir, 'busy.biaozhu');
    const writer = await server(project, 'writer', true);
    const docs = join(dir, 'docs-busy');
    mkdirSync(docs);
    const long = join(docs, 'long.txt');
    writeFileSync(long, `长文\n\n${'北京市昌平区召开会议，强调落实“回天计划”。'.repeat(15)}\n`);
    const [documentId] = await importPaths(writer, [long]);
    const labelId = (await writer.value('labels:list', {}))[0].id;
    const bulk = join(dir, 'docs-bulk');
    mkdirSync(bulk);
    const FILES = 600;
    for (let n = 1; n <= FILES; n++) article(bulk, `bulk-${n}`, n);

    const waitJob = async (jobId: string) => {
      for (;;) {
        const status = await writer.value('jobs:get', { jobId });
        if (status.state !== 'running') return status;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const preview = await waitJob((await writer.value('import:preview', { sources: [{ kind: 'path', path: bulk }], options: {} })).jobId);
    expect(preview.state).toBe('done');
    const { jobId } = await writer.value('import:commit', { previewId: (preview.result as { previewId: string }).previewId });

    let committing = true;
    let attempted = 0;
    let duringCommit = 0;
    let slowestMs = 0;
    const failures: string[] = [];
    const writeLoop = async () => {
      for (let i = 0; committing || i < 20; i++) {
        const k = attempted++;
        if (committing) duringCommit++;
        // Every span distinct: creating a span that exists already returns the existing one.
        const start = k % 200;
        const sent = Date.now();
        const result = await writer.call('annotations:create', { documentId, start, end: start + 1 + Math.floor(k / 200), labelId });
        slowestMs = Math.max(slowestMs, Date.now() - sent);
        if (!result.ok) failures.push(`${result.error.code}: ${result.error.message}`);
      }
    };
    const lanes = [0, 1, 2, 3].map(() => writeLoop());
    const report = await waitJob(jobId);
    committing = false;
    await Promise.all(lanes);

    expect(report.error ?? null).toBeNull();
    expect(report.state).toBe('done');
    expect((report.result as { imported: number }).imported).toBe(FILES);
    expect(failures).toEqual([]);
    expect(duringCommit).toBeGreaterThan(0);
    expect((await writer.value('annotations:list', { documentId })).length).toBe(attempted);
    console.log(
      `two-processes: ${attempted} API writes, ${duringCommit} issued while the import of ${FILES} files committed; all succeeded, slowest ${slowestMs} ms`,
    );
  }, 120_000);
});
