// `biaozhu search` as a user runs it: a real process on a real project file.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../helpers';
import { addSearchDocument, labelIds, mark } from '../search/fixture';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
const TEXTS = ['区委书记张延昆强调，做到“两个维护”。', '蔡奇指出，坚决做到“两个维护”，\t推进协同发展。'];
let core: TestCore;
let ids: number[];

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(core.dir, 'home') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  core = testCore();
  ids = TEXTS.map((text, i) => addSearchDocument(core, { text, title: `第${i + 1}篇`, date: `202${i}-03-01`, source: '人民网' }));
  await mark(core, ids[0], TEXTS[0], '两个维护', (await labelIds(core)).SLOGAN, 'alice');
  core.session.close();
});
afterAll(() => core.dispose());

// Each run starts a process (a few seconds on a busy 2-core machine): few runs, each checking much.
describe('biaozhu search', () => {
  it('prints keyword-in-context lines aligned on the hit (a regex here), and the total', () => {
    const out = cli('search', core.projectPath, '蔡奇|张延昆', '--regex', '--context', '4');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout.trimEnd().split('\n')).toEqual([
      `#${ids[0]}:4\t区委书记 【张延昆】 强调，做`,
      // No left context: eight columns of spaces, the width of 区委书记.
      `#${ids[1]}:0\t${' '.repeat(8)} 【蔡奇】 指出，坚`,
      '2 hits in 2 documents',
    ]);
  });

  it('filters by label, limits the lines, and writes JSON', () => {
    expect(cli('search', core.projectPath, '两个维护', '--label', 'SLOGAN', '--limit', '0').stdout).toContain(
      '1 hits in 1 documents (the first 0; --limit shows more)',
    );
    const json = JSON.parse(cli('search', core.projectPath, '两个维护', '--unlabelled', '--json').stdout);
    expect(json).toMatchObject({ total: 1, documents: 1, more: false });
    expect(json.hits).toEqual([expect.objectContaining({ documentId: ids[1], text: '两个维护', title: '第2篇', date: '2021-03-01', source: '人民网' })]);
  });

  it('writes TSV for scripts, tabs in the context as spaces', () => {
    const tsv = cli('search', core.projectPath, '两个维护', '--tsv', '--context', '3').stdout.split('\n');
    expect(tsv[0]).toBe('left\thit\tright\tlabel\tdocument\ttitle\tdate\tsource\tdistrict\tstart\tend');
    expect(tsv[1].split('\t').slice(0, 5)).toEqual(['做到“', '两个维护', '”。', 'SLOGAN', String(ids[0])]);
    expect(tsv[2].split('\t').slice(0, 3)).toEqual(['做到“', '两个维护', '”， ']);
    expect(tsv).toHaveLength(4);
  });

  it('says what is wrong with a bad regex or a bad option', () => {
    const bad = cli('search', core.projectPath, '两个(维护', '--regex');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/search\.query: .*Unterminated group/);
    expect(cli('search', core.projectPath, '两个', '--context', 'wide')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--context is a whole number'),
    });
  });
});
