// Handing out: which documents each coder gets (seeded, with a shared share), what a coder file
// holds, and that files are never replaced unasked nor left half-written.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { splitDocuments } from '../../../electron/services/coders/split';
import { disposeCores, fileState, openCoderFile, project, teamDir } from './team';

afterEach(disposeCores);

describe('splitDocuments', () => {
  test('every chosen document goes to someone, the shared ones to everyone, the rest to exactly one; same seed, same split', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.nat(400), { nil: undefined }),
        fc.nat(),
        (ids, coders, overlap, sample, seed) => {
          const split = splitDocuments(ids, coders, { overlap, sample, seed });
          expect(split).toEqual(splitDocuments([...ids].reverse(), coders, { overlap, sample, seed }));
          expect(split.chosen).toHaveLength(sample === undefined ? ids.length : Math.min(sample, ids.length));
          expect(split.chosen.every((id) => ids.includes(id))).toBe(true);
          if (coders === 1) {
            expect(split.perCoder).toEqual([split.chosen]);
            return;
          }
          expect(split.shared).toHaveLength(Math.round(overlap * split.chosen.length));
          const counts = new Map<number, number>();
          for (const list of split.perCoder) for (const id of list) counts.set(id, (counts.get(id) ?? 0) + 1);
          for (const id of split.chosen) expect(counts.get(id)).toBe(split.shared.includes(id) ? coders : 1);
          expect([...counts.keys()].every((id) => split.chosen.includes(id))).toBe(true);
          const own = split.perCoder.map((l) => l.length - split.shared.length);
          expect(Math.max(...own) - Math.min(...own)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

test('a coder file holds the chosen documents, the schema, the coder and its origin; the project is unchanged', async () => {
  const main = project(6);
  await main.call('documents:update', { id: 2, status: 'done', note: '请重点看' });
  await main.call('documents:update', { id: 4, status: 'done' });
  const before = fileState(main.projectPath);
  const report = await main.call('coders:handout', { annotators: ['coder a'], documents: { filter: { status: 'done' } }, outPath: 'team/a' });
  expect(report.files).toEqual([{ annotator: 'coder a', path: teamDir(main, 'a.biaozhu'), documents: 2 }]);
  expect(fileState(main.projectPath)).toBe(before);
  expect(readdirSync(teamDir(main))).toEqual(['a.biaozhu']); // no temp, -wal or -shm files

  const coder = openCoderFile(report.files[0]!.path);
  const docs = (await coder.call('documents:list', {})).items;
  expect(docs.map((d) => [d.title, d.status, d.spanCount])).toEqual([
    ['文章2', 'done', 0],
    ['文章4', 'done', 0],
  ]);
  expect((await coder.call('documents:get', { id: docs[0]!.id })).note).toBe('请重点看');
  expect(await coder.call('labels:list', {})).toEqual(await main.call('labels:list', {}));
  const db = coder.session.requireDb();
  const meta = Object.fromEntries(db.prepare('SELECT key, value FROM project_meta').raw(true).all() as [string, string][]);
  expect(meta).toMatchObject({ origin_project_id: report.originId, origin_project_name: 'project', handout_annotator: 'coder a', annotator: 'coder a' });
  expect(coder.session.info()!.annotator).toBe('coder a');
  // The coder can put their own name right; it is the file's coder from then on.
  expect((await coder.call('projects:setAnnotator', { name: 'coder A' })).annotator).toBe('coder A');
});

test('a sample is reproducible by its seed', async () => {
  const main = project(12);
  const titles = async (seed: number, name: string) => {
    const { files } = await main.call('coders:handout', { annotators: ['x'], sample: 5, seed, outPath: `team/${name}` });
    const coder = openCoderFile(files[0]!.path);
    const list = (await coder.call('documents:list', {})).items.map((d) => d.title);
    coder.session.close();
    return list;
  };
  const first = await titles(42, 'one');
  expect(first).toHaveLength(5);
  expect(await titles(42, 'two')).toEqual(first);
  expect(await titles(43, 'three')).not.toEqual(first);
});

test('an existing file is replaced only when asked; nothing is written when one target is taken', async () => {
  const main = project(4);
  await main.call('coders:handout', { annotators: ['b'], outPath: 'team/x-b.biaozhu' });
  const taken = fileState(teamDir(main, 'x-b.biaozhu'));
  const refused = await main.registry.dispatch('coders:handout', { annotators: ['a', 'b'], overlap: 0.5, outPath: 'team/x.biaozhu' });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/x-b\.biaozhu exists/) });
  expect(readdirSync(teamDir(main))).toEqual(['x-b.biaozhu']);
  expect(fileState(teamDir(main, 'x-b.biaozhu'))).toBe(taken);

  const replaced = await main.call('coders:handout', { annotators: ['a', 'b'], overlap: 0.5, outPath: 'team/x.biaozhu', overwrite: true });
  expect(replaced.files.map((f) => f.documents)).toEqual([3, 3]);
  expect(readdirSync(teamDir(main)).sort()).toEqual(['x-a.biaozhu', 'x-b.biaozhu']);
  const none = await main.registry.dispatch('coders:handout', { annotators: ['a'], documents: { filter: { status: 'reviewed' } }, outPath: 'team/y' });
  expect(!none.ok && none.error.message).toMatch(/No document of the project matches/);
});
