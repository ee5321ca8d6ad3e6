// A project the user cannot write (a read-only share, another user's file) opens read-only for
// reading and exporting. Tests run as root in CI, where chmod stops nothing: the file and its
// folder are made immutable (chattr +i), which refuses writes to root too, as a read-only mount does.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../helpers';
import { fingerprint, makeProject } from './project-file-helpers';

const locked: string[] = [];
let core: TestCore | null = null;

function makeReadOnly(...paths: string[]): void {
  for (const path of paths) {
    if (process.getuid?.() === 0) execFileSync('chattr', ['+i', path]);
    else chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
    locked.push(path);
  }
}

afterEach(() => {
  for (const path of locked.splice(0).reverse()) {
    if (process.getuid?.() === 0) execFileSync('chattr', ['-i', path]);
    else chmodSync(path, 0o755);
  }
  core?.dispose();
  core = null;
});

function projectIn(folderName: string): { c: TestCore; folder: string; path: string } {
  core = testCore({ create: false });
  const folder = join(core.dir, folderName);
  mkdirSync(folder);
  const path = join(folder, 'share.biaozhu');
  makeProject(path, 20);
  return { c: core, folder, path };
}

async function readsAndExports(c: TestCore, path: string): Promise<void> {
  const info = await c.call('projects:open', { path });
  expect(info.readOnly?.reason).toBe('file');
  expect(info.readOnly?.message).toMatch(/read-only/);
  expect(info.documentCount).toBe(20);
  const list = await c.call('documents:list', {});
  expect(list.total).toBe(20);

  const labels = await c.call('labels:list', {});
  const refused = await c.registry.dispatch('labels:update', { id: labels[0].id, nameZh: '新名字' });
  expect(refused).toEqual({ ok: false, error: { code: 'read_only', message: info.readOnly!.message } });

  const outPath = join(c.dir, 'out.jsonl');
  const { jobId } = await c.call('export:start', { format: 'biaozhu-jsonl', outPath });
  const status = await c.jobs.wait(jobId);
  expect(status.state).toBe('done');
  expect(readFileSync(outPath, 'utf8').trim().split('\n')).toHaveLength(20);
}

describe('a project that cannot be written', () => {
  it('opens read-only when neither the file nor its folder is writable (no -shm can be made)', async () => {
    const { c, folder, path } = projectIn('share');
    makeReadOnly(path, folder);
    const before = fingerprint(path);
    await readsAndExports(c, path);
    c.session.close();
    expect(fingerprint(path)).toEqual(before);
  });

  it('opens read-only when only the file is read-only', async () => {
    const { c, path } = projectIn('own');
    makeReadOnly(path);
    const before = fingerprint(path).sha256;
    await readsAndExports(c, path);
    c.session.close();
    expect(fingerprint(path).sha256).toBe(before);
  });
});
