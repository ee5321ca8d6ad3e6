// Folders for projects and exports are checked before anything is made: Node 20's recursive mkdir
// spins forever under /proc, so a bad path must be refused at once, and a cancelled export must end.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFolder, planFolder, planFolderAsync, resolveUserPath, systemLocation } from '../../../electron/services/app/safe-folders';
import { addDocument, tempDir, testCore, type TestCore } from '../helpers';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
/** Far more than a refusal takes, far less than "forever". */
const BOUND_MS = 20_000;

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('biaozhu-safe-')));
afterAll(() => cleanup());

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('safe folders', () => {
  it('makes missing folders one level at a time and returns the outermost one it made', () => {
    const deep = join(dir, 'a', 'b', 'c');
    expect(ensureFolder(deep)).toBe(join(dir, 'a'));
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(ensureFolder(deep)).toBeUndefined();
    expect(planFolder(join(deep, 'x', 'y')).missing).toEqual([join(deep, 'x'), join(deep, 'x', 'y')]);
  });

  it('refuses /proc, /sys and /dev, also through a symbolic link, before making anything', async () => {
    for (const path of ['/proc/biaozhu-test/x', '/proc/self/x', '/sys/biaozhu/x', '/dev/biaozhu-test']) {
      expect(() => ensureFolder(path)).toThrow(/system folder/);
      await expect(planFolderAsync(path)).rejects.toThrow(/system folder/);
    }
    expect(existsSync('/dev/biaozhu-test')).toBe(false);
    const link = join(dir, 'to-proc');
    symlinkSync('/proc/self', link);
    expect(() => ensureFolder(join(link, 'exports', 'x'))).toThrow(/system folder/);
    await expect(planFolderAsync(join(link, 'exports'))).rejects.toThrow(/system folder/);
  });

  it('refuses a path through a file, a broken link and a folder it cannot write to', async () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    expect(codeOf(() => ensureFolder(join(file, 'sub')))).toBe('invalid_input');
    expect(() => ensureFolder(join(file, 'sub'))).toThrow(/is a file, not a folder/);
    await expect(planFolderAsync(join(file, 'sub'))).rejects.toThrow(/is a file, not a folder/);
    const dangling = join(dir, 'dangling');
    symlinkSync(join(dir, 'nowhere'), dangling);
    expect(() => ensureFolder(join(dangling, 'sub'))).toThrow(/broken symbolic link/);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked');
      mkdirSync(locked, { mode: 0o555 });
      chmodSync(locked, 0o555);
      expect(codeOf(() => ensureFolder(join(locked, 'sub')))).toBe('io');
    }
  });

  it('any folder under a system root is refused (property)', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9._-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.constantFrom('/proc', '/sys', '/dev'), fc.array(segment, { minLength: 1, maxLength: 5 }), (root, parts) => {
        expect(systemLocation(join(root, ...parts), 'linux')).not.toBeNull();
        expect(() => planFolder(join(root, ...parts))).toThrow(/system folder/);
      }),
      { numRuns: 200 },
    );
    expect(systemLocation('/home/u/procedures', 'linux')).toBeNull();
    expect(systemLocation('/devices', 'linux')).toBeNull();
  });

  it('knows the Windows and macOS equivalents', () => {
    expect(systemLocation('\\\\.\\PhysicalDrive0', 'win32')).toMatch(/device path/);
    expect(systemLocation('\\\\?\\GLOBALROOT\\Device\\x', 'win32')).toMatch(/device path/);
    expect(systemLocation('C:\\out\\NUL.txt', 'win32')).toMatch(/NUL/);
    expect(systemLocation('C:\\out\\com1\\x', 'win32')).toMatch(/com1/);
    expect(systemLocation('\\\\?\\C:\\corpus\\out', 'win32')).toBeNull();
    expect(systemLocation('C:\\corpus\\console.txt', 'win32')).toBeNull();
    expect(systemLocation('/dev/disk0', 'darwin')).not.toBeNull();
    expect(systemLocation('/Users/u/proc', 'darwin')).toBeNull();
  });

  it('resolves a relative path against the given folder, not the process cwd', () => {
    expect(resolveUserPath('out/x.jsonl', '/data/projects')).toBe('/data/projects/out/x.jsonl');
    expect(resolveUserPath('/abs/x.jsonl', '/data/projects')).toBe('/abs/x.jsonl');
  });
});

describe('no hang on a bad path', () => {
  it('`biaozhu init` of a project under /proc is refused at once, not spun on forever', () => {
    const started = Date.now();
    const result = spawnSync(process.execPath, [BIN, 'init', '/proc/biaozhu-test/deep/p.biaozhu'], {
      encoding: 'utf8',
      timeout: BOUND_MS,
      killSignal: 'SIGKILL',
      env: { ...process.env, BIAOZHU_HOME: join(dir, 'home') },
    });
    expect(result.signal, `still running after ${Date.now() - started} ms`).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\/proc.*system folder/);
  });

  describe('exports', () => {
    let core: TestCore;
    beforeAll(() => {
      core = testCore();
      for (let i = 0; i < 3; i++) addDocument(core, `第${i}篇：区委书记王明远到回龙观社区调研。`, `doc ${i}`);
    });
    afterAll(() => core.dispose());

    const settle = async (jobId: string) => {
      const deadline = Date.now() + BOUND_MS;
      for (;;) {
        const status = await core.call('jobs:get', { jobId });
        if (status.state !== 'running') return status;
        if (Date.now() > deadline) throw new Error(`job still running after ${BOUND_MS} ms: ${JSON.stringify(status)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    it('an export under /proc is refused before a job starts', async () => {
      for (const format of ['biaozhu-jsonl', 'brat'] as const) {
        const outPath = format === 'brat' ? '/proc/biaozhu-test/brat' : '/proc/biaozhu-test/deep/out.jsonl';
        const result = await core.registry.dispatch('export:start', { format, outPath });
        if (result.ok) {
          // The old way: the worker spins in mkdir; give it time to get there, then see the cancel end it.
          const { jobId } = result.value as { jobId: string };
          await new Promise((r) => setTimeout(r, 1000));
          await core.call('jobs:cancel', { jobId });
          await settle(jobId);
        }
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid_input');
          expect(result.error.message).toMatch(/system folder/);
        }
      }
    });

    it('a FIFO where an export file goes fails or cancels instead of blocking forever', async () => {
      const folder = join(dir, 'brat-with-fifo');
      mkdirSync(folder);
      const fifo = spawnSync('mkfifo', [join(folder, 'annotation.conf')]);
      if (fifo.status !== 0) return; // no mkfifo here (Windows): nothing to prove
      const single = join(dir, 'out-fifo.jsonl');
      spawnSync('mkfifo', [single]);
      for (const [format, outPath] of [
        ['brat', folder],
        ['biaozhu-jsonl', single],
      ] as const) {
        const result = await core.registry.dispatch('export:start', { format, outPath, overwrite: true });
        if (!result.ok) {
          expect(result.error.message).toMatch(/not a regular file|not a folder|exists/);
          continue;
        }
        const { jobId } = result.value as { jobId: string };
        await new Promise((r) => setTimeout(r, 200));
        await core.call('jobs:cancel', { jobId });
        const status = await settle(jobId);
        expect(['failed', 'cancelled']).toContain(status.state);
      }
    });
  });
});
