// `biaozhu handout` and `biaozhu merge` as a user runs them: real processes and files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tempDir } from '../helpers';
import { disposeCores, label, openCoderFile, textOf } from './team';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('biaozhu-coders-cli-')));
afterAll(() => {
  disposeCores();
  cleanup();
});

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(dir, 'home') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('hand out with overlap, label, merge with a label mapping', async () => {
  const project = join(dir, 'corpus.biaozhu');
  const articles = join(dir, 'articles');
  mkdirSync(articles);
  for (let n = 1; n <= 6; n++) writeFileSync(join(articles, `${n}.txt`), textOf(n));
  expect(cli('init', project).code).toBe(0);
  expect(cli('import', project, articles).code).toBe(0);

  const handout = cli('handout', project, '--annotator', '王,李', '--overlap', '0.34', '--seed', '3', '--out', 'team/coder.biaozhu', '--json');
  expect(handout.stderr).toBe('');
  const report = JSON.parse(handout.stdout);
  expect(report).toMatchObject({ chosen: 6, shared: 2 });
  const paths = report.files.map((f: { path: string }) => f.path);
  expect(paths).toEqual([join(dir, 'team', 'coder-王.biaozhu'), join(dir, 'team', 'coder-李.biaozhu')]);
  const again = cli('handout', project, '--annotator', '王,李', '--out', 'team/coder.biaozhu');
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/coder-王\.biaozhu exists.*--force replaces it/);
  expect(cli('handout', project, '--annotator', 'x', '--overlap', 'lots', '--out', 'y').stderr).toMatch(
    /--overlap is a number, e\.g\. --overlap 0\.2 \(got lots\)/,
  );

  for (const [i, path] of paths.entries()) {
    const coder = openCoderFile(path);
    if (i === 1) {
      const person = (await coder.call('labels:list', {})).find((l) => l.key === 'PERSON')!;
      await coder.call('labels:update', { id: person.id, key: 'PER' });
    }
    for (const doc of (await coder.call('documents:list', {})).items) await label(coder, doc.id, '王明远', i === 1 ? 'PER' : 'PERSON');
    coder.session.close();
  }

  const unmapped = cli('merge', project, ...paths);
  expect(unmapped.code).toBe(1);
  expect(unmapped.stderr).toMatch(/PER → PERSON \(renamed, 4 spans\)/);
  expect(unmapped.stderr).toMatch(/confirm with --map PER=PERSON/);

  const merged = cli('merge', project, ...paths, '--map', 'PER=PERSON');
  expect(merged.stderr).toMatch(/王 \(.*\): 4 of 4 documents match, 4 spans/);
  expect(merged.stdout).toBe(
    '王: 4 documents matched, 4 spans added, 0 already present, 0 documents missing, 4 statuses moved forward\n李: 4 documents matched, 4 spans added, 0 already present, 0 documents missing, 2 statuses moved forward\n',
  );
  expect(merged.code).toBe(0);
  expect(cli('merge', project, ...paths, '--map', 'PER=PERSON').stdout).toMatch(/王: 4 documents matched, 0 spans added, 4 already present/);

  const agreement = JSON.parse(cli('agreement', project, '--json').stdout);
  expect(agreement).toMatchObject({ coders: ['李', '王'], documents: 2 });
  expect(cli('merge', project, project).stderr).toMatch(/is the project itself/);
}, 60_000);
