// files:browse with extensions: the Suggestions panel picks a gazetteer (.txt or .csv) through the
// same server-side file browser; files of other kinds stay hidden, folders and projects still show.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../helpers';

let core: TestCore;
let root: string;

beforeAll(() => {
  core = testCore();
  root = join(core.dir, 'gazetteers');
  mkdirSync(join(root, '官员'), { recursive: true });
  writeFileSync(join(root, '领导.txt'), '蔡奇\n');
  writeFileSync(join(root, 'projects.CSV'), '城市副中心,PROJECT\n');
  writeFileSync(join(root, 'notes.docx'), 'x');
  writeFileSync(join(root, 'txt'), 'no extension');
  writeFileSync(join(root, '海淀.biaozhu'), 'x');
});
afterAll(() => core.dispose());

describe('files:browse with extensions', () => {
  it('lists files with those extensions (any case) as kind file, with their sizes, beside folders and projects', async () => {
    const listing = await core.call('files:browse', { path: root, extensions: ['txt', 'csv'] });
    const shown = listing.entries.map((e) => [e.kind, e.name]);
    expect(shown).toEqual([
      ['folder', '官员'],
      ['project', '海淀.biaozhu'],
      ['file', '领导.txt'],
      ['file', 'projects.CSV'],
    ]);
    expect(listing.entries.find((e) => e.name === '领导.txt')).toMatchObject({ path: join(root, '领导.txt'), size: 7 });
  });

  it('without extensions lists no plain files, as before', async () => {
    const listing = await core.call('files:browse', { path: root });
    expect(listing.entries.some((e) => e.kind === 'file')).toBe(false);
  });

  it('refuses an extension that is not a bare word, saying which', async () => {
    await expect(core.call('files:browse', { path: root, extensions: ['../x'] })).rejects.toThrow(/extensions/);
  });
});
