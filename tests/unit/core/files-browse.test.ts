// files:browse, the server-side file browser of the browser mode: folders and .biaozhu files only,
// names that are not UTF-8 shown as such, system folders and unreadable folders refused clearly.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../helpers';

let core: TestCore;
let root: string;

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected a failure');
};

beforeAll(() => {
  core = testCore();
  root = join(core.dir, 'browse');
  mkdirSync(join(root, '区县新闻'), { recursive: true });
  mkdirSync(join(root, 'archive'));
  mkdirSync(join(root, '.hidden'));
  writeFileSync(join(root, '海淀.biaozhu'), 'x'.repeat(10));
  writeFileSync(join(root, 'notes.txt'), 'not a project');
  // "北京.biaozhu" in GBK: bytes that are not valid UTF-8, as an old zip or Windows share leaves them.
  writeFileSync(Buffer.concat([Buffer.from(join(root, '/')), Buffer.from([0xb1, 0xb1, 0xbe, 0xa9]), Buffer.from('.biaozhu')]), '');
});
afterAll(() => core.dispose());

describe('files:browse', () => {
  it('lists folders, then .biaozhu files, with sizes and dates, and nothing else', async () => {
    const listing = await core.call('files:browse', { path: root });
    expect(listing.path).toBe(root);
    expect(listing.parent).toBe(core.dir);
    const shown = listing.entries.map((e) => [e.kind, e.name]);
    expect(shown.slice(0, 2).sort()).toEqual([
      ['folder', 'archive'],
      ['folder', '区县新闻'],
    ]);
    expect(shown.slice(2).every(([kind]) => kind === 'project')).toBe(true);
    expect(shown).toContainEqual(['project', '海淀.biaozhu']);
    expect(shown.some(([, name]) => name === 'notes.txt' || name === '.hidden')).toBe(false);
    const project = listing.entries.find((e) => e.name === '海淀.biaozhu')!;
    expect(project.size).toBe(10);
    expect(project.path).toBe(join(root, '海淀.biaozhu'));
    expect(Date.parse(project.modified!)).toBeGreaterThan(0);
  });

  it('shows a name that is not valid UTF-8 as such, not openable, instead of failing', async () => {
    const listing = await core.call('files:browse', { path: root });
    const gbk = listing.entries.find((e) => e.invalidName);
    expect(gbk).toBeDefined();
    expect(gbk!.name).toContain('\ufffd');
    expect(gbk!.path).toBeNull();
    expect(listing.entries.filter((e) => e.kind === 'project')).toHaveLength(2);
  });

  it('starts in the default projects folder (or home) and names both for shortcuts', async () => {
    const listing = await core.call('files:browse', {});
    expect(listing.home).toBe(homedir());
    expect(listing.projectsDir).toBe(core.projectsDir);
    expect([core.projectsDir, homedir()]).toContain(listing.path);
  });

  it('refuses /proc, /sys and /dev, also through a symbolic link', async () => {
    for (const path of ['/proc', '/proc/self', '/sys', '/dev']) {
      const error = await failure(core.call('files:browse', { path }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/system folder/);
    }
    symlinkSync('/proc', join(core.dir, 'sneaky'));
    expect((await failure(core.call('files:browse', { path: join(core.dir, 'sneaky') }))).message).toMatch(/system folder/);
  });

  it('says clearly what is wrong with a missing path, a file, or a folder it cannot read', async () => {
    expect((await failure(core.call('files:browse', { path: join(root, 'nope') }))).code).toBe('not_found');
    expect((await failure(core.call('files:browse', { path: join(root, 'notes.txt') }))).message).toMatch(/not a folder/);
    expect((await failure(core.call('files:browse', { path: 'relative/path' }))).message).toMatch(/absolute/);
    const locked = join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    try {
      // root reads any folder: the refusal is only observable for other users.
      if (process.getuid?.() !== 0) expect((await failure(core.call('files:browse', { path: locked }))).message).toMatch(/cannot be read/);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});
