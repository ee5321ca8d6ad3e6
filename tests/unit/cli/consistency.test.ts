// `biaozhu consistency` as a user runs it: a real process on a real project file.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
const TEXTS = ['蔡奇同志强调“两个维护”。蔡奇指出。', '蔡奇调研，两个维护。', '殷勇出席。'];
let core: TestCore;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(core.dir, 'home') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  core = testCore();
  const ids = TEXTS.map((text, i) => addDocument(core, text, `doc${i}`));
  const labels = await core.call('labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  const mark = (doc: number, s: string, key: string) =>
    core.call('annotations:create', { documentId: ids[doc], start: TEXTS[doc].indexOf(s), end: TEXTS[doc].indexOf(s) + s.length, labelId: label(key) });
  await core.call('projects:setAnnotator', { name: '王' });
  await mark(0, '蔡奇', 'PERSON');
  await mark(1, '蔡奇', 'PERSON');
  await mark(0, '两个维护', 'SLOGAN');
  await mark(1, '两个维护', 'PROJECT');
  await mark(2, '殷勇', 'PERSON');
  core.session.close();
});
afterAll(() => core.dispose());

// Each run starts a process (seconds on a busy 2-core machine): few runs, each checking much.
describe('biaozhu consistency', () => {
  it('prints a table of the mentions with problems, problems first, mentions in one column', () => {
    const out = cli('consistency', core.projectPath);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout.trimEnd().split('\n')).toEqual([
      // One problem each (an unlabelled 蔡奇; a 两个维护 off its most frequent label): more occurrences first.
      '蔡奇      PERSON 2  unlabelled 1  documents 2',
      '两个维护  PROJECT 1, SLOGAN 1  unlabelled 0  documents 2',
      '2 mentions with unlabelled occurrences or more than one label',
    ]);
  });

  it('--all --json lists every labelled mention; --limit cuts and says so', () => {
    const json = JSON.parse(cli('consistency', core.projectPath, '--all', '--json', '--annotator', '王').stdout);
    expect(json.total).toBe(3);
    expect(json.rows.map((r: { mention: string }) => r.mention)).toEqual(['蔡奇', '两个维护', '殷勇']);
    expect(json.rows[2]).toEqual({ mention: '殷勇', labels: [{ label: 'PERSON', count: 1 }], unlabelled: 0, documents: 1 });
    const limited = cli('consistency', core.projectPath, '--limit', '1', '--label', 'PERSON');
    expect(limited.stdout.trimEnd().split('\n')).toEqual([
      '蔡奇  PERSON 2  unlabelled 1  documents 2',
      '1 mentions with unlabelled occurrences or more than one label',
    ]);
    const bad = cli('consistency', core.projectPath, '--limit', 'many');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--limit is a whole number/);
  });
});
