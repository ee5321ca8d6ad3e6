// The core in its worker thread (core-host.ts), as the desktop shell and the browser mode run it:
// the same answers as the registry, a write waiting on SQLite does not hold up the server, jobs
// work across the thread, and a worker that dies answers with a clear error and comes back on
// the project it had open, holding it again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserServer } from '../../../electron/server/browser-server';
import { CoreHost } from '../../../electron/services/app/core-host';
import type { ApiOutput, Channel } from '../../../shared/api/index';
import type { ExportReport } from '../../../shared/api/export';
import type { JobStatus } from '../../../shared/api/jobs';
import type { Result } from '../../../shared/api/result';
import { tempDir } from '../helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startHost(startup: { createProject?: string; project?: string } = {}) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const projectPath = join(dir, 'project.biaozhu');
  const { host, ready } = await CoreHost.start({
    options: { mode: 'browser', userDataDir: join(dir, 'user') },
    startup: startup.project ? startup : { createProject: projectPath },
  });
  cleanups.push(() => host.dispose());
  const value = async <K extends Channel>(channel: K, input: unknown): Promise<ApiOutput<K>> => {
    const result = await host.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.value as ApiOutput<K>;
  };
  return { host, ready, dir, projectPath, value };
}

/** Another connection holding the project's write lock, so the core's next write waits (busy_timeout). */
function holdWriteLock(projectPath: string): () => void {
  const blocker = new Database(projectPath);
  blocker.prepare('BEGIN IMMEDIATE').run();
  return () => {
    blocker.prepare('ROLLBACK').run();
    blocker.close();
  };
}

const settled = <T>(promise: Promise<T>) => {
  const state = { done: false };
  void promise.finally(() => (state.done = true));
  return state;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitJob<R>(value: (channel: 'jobs:get', input: unknown) => Promise<JobStatus>, jobId: string): Promise<R> {
  for (;;) {
    const status = await value('jobs:get', { jobId });
    if (status.state !== 'running') {
      expect(status.state, status.error ?? '').toBe('done');
      return status.result as R;
    }
    await pause(30);
  }
}

describe('core worker', () => {
  it('answers as the registry does: values, invalid input and unknown channels', async () => {
    const { host, ready, projectPath, value } = await startHost();
    expect(ready).toMatchObject({ project: projectPath, readOnly: null, notice: null });
    expect((await value('labels:list', {})).map((label) => label.key)).toEqual(['PERSON', 'SLOGAN', 'PROJECT', 'TARGET']);
    const invalid = await host.dispatch('labels:reorder', { ids: 'no' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await host.dispatch('fs:read', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('says why it cannot start', async () => {
    const { dir } = tempDir();
    await expect(startHost({ project: join(dir, 'missing.biaozhu') })).rejects.toThrow(/No project file at/);
  });

  it('keeps the server answering while a write waits on SQLite', async () => {
    const { host, dir, projectPath, value } = await startHost();
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Biaozhu</title>');
    const server = await startBrowserServer({ registry: host, rendererDir });
    cleanups.push(() => server.close());
    const ids = (await value('labels:list', {})).map((label) => label.id).reverse();
    const release = holdWriteLock(projectPath);
    let released = false;
    try {
      const write = fetch(`http://127.0.0.1:${server.port}/api/labels:reorder`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-biaozhu-token': server.token },
        body: JSON.stringify({ ids }),
      }).then((response) => response.json() as Promise<Result<unknown>>);
      const writing = settled(write);
      await pause(300); // the write reaches SQLite and waits for the lock
      const page = await fetch(`http://127.0.0.1:${server.port}/`);
      expect(await page.text()).toContain('<title>Biaozhu</title>');
      expect(writing.done, 'the page was served while the write still waited').toBe(false);
      release();
      released = true;
      expect(await write).toMatchObject({ ok: true });
    } finally {
      if (!released) release();
    }
    expect((await value('labels:list', {})).map((label) => label.id)).toEqual(ids);
  });

  it('runs jobs across the thread: an import, an export, and its download from the server', async () => {
    const { host, dir, value } = await startHost();
    const file = join(dir, 'article.txt');
    writeFileSync(file, '北京市海淀区召开会议，张延昆出席。\n');
    const preview = await waitJob<{ previewId: string }>(
      value,
      (await value('import:preview', { sources: [{ kind: 'path', path: file }], options: {} })).jobId,
    );
    const imported = await waitJob<{ documentIds: number[] }>(value, (await value('import:commit', { previewId: preview.previewId })).jobId);
    expect(imported.documentIds).toHaveLength(1);
    const out = join(dir, 'out.jsonl');
    const { jobId } = await value('export:start', { format: 'biaozhu-jsonl', outPath: out });
    const report = await waitJob<ExportReport>(value, jobId);
    expect(report.files).toEqual([out]);
    expect(readFileSync(out, 'utf8')).toContain('张延昆');
    const server = await startBrowserServer({ registry: host, rendererDir: dir });
    cleanups.push(() => server.close());
    const download = await fetch(`http://127.0.0.1:${server.port}/download?job=${jobId}`, { headers: { 'x-biaozhu-token': server.token } });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(readFileSync(out, 'utf8'));
  });

  it('cancels a job from the host: an import commit cancelled while it waits writes nothing', async () => {
    const { dir, projectPath, value } = await startHost();
    const file = join(dir, 'article.txt');
    writeFileSync(file, '北京市海淀区召开会议，张延昆出席。\n');
    const preview = await waitJob<{ previewId: string }>(
      value,
      (await value('import:preview', { sources: [{ kind: 'path', path: file }], options: {} })).jobId,
    );
    const release = holdWriteLock(projectPath);
    let jobId: string;
    try {
      jobId = (await value('import:commit', { previewId: preview.previewId })).jobId;
      await pause(300); // the commit waits for the write lock
      expect((await value('jobs:cancel', { jobId })).state).toBe('running');
    } finally {
      release();
    }
    for (;;) {
      const status = await value('jobs:get', { jobId });
      if (status.state !== 'running') {
        expect(status.state).toBe('cancelled');
        break;
      }
      await pause(30);
    }
    expect((await value('documents:list', { filter: {} })).total).toBe(0);
  });

  it('answers a call the crash cut off, restarts, and holds the project again', async () => {
    const { host, projectPath, value } = await startHost();
    const ids = (await value('labels:list', {})).map((label) => label.id);
    const release = holdWriteLock(projectPath);
    const cutOff = host.dispatch('labels:reorder', { ids: [...ids].reverse() });
    await pause(300);
    const crash = host.simulateCrash();
    release();
    await crash;
    const answer = await cutOff;
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('internal');
      expect(answer.error.message).toMatch(/stopped unexpectedly .* labels:reorder; it was restarted and .*project\.biaozhu reopened/);
    }
    const info = await value('app:info', {});
    expect(info.project).toMatchObject({ path: projectPath, readOnly: null });
    const created = await value('labels:create', { key: 'AFTER', nameZh: '之后', nameEn: 'After', color: '#123456' });
    expect(created.key).toBe('AFTER');
  });

  it('gives up after repeated crashes and says so on every call', async () => {
    const { host } = await startHost();
    for (let crash = 0; crash < 4; crash++) {
      await host.dispatch('labels:list', {}); // waits for the restart
      await host.simulateCrash();
    }
    const answer = await host.dispatch('labels:list', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/stopped 4 times within a minute .* not restarted again/);
  });

  it('releases the project when disposed: the next core holds it for writing', async () => {
    const first = await startHost();
    await first.host.dispose();
    const second = await startHost({ project: first.projectPath });
    expect(second.ready).toMatchObject({ project: first.projectPath, readOnly: null });
  });
});
