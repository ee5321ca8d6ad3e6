// Staged previews: names unique across worker threads, a commit that writes only what was previewed,
// and leftovers of killed imports removed at the next start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { workerBundle } from '../../../electron/services/app/worker-bundle';
import { commitPrepared } from '../../../electron/services/import/commit';
import { sha256, type PreparedFile } from '../../../electron/services/import/preview';
import {
  createStagingDir,
  fromStaging,
  loadStagedFile,
  removeStaleStagingDirs,
  removeStagingDir,
  stageFile,
  STAGING_PREFIX,
  type StagedFile,
} from '../../../electron/services/import/staging';
import { countDocuments } from '../../../electron/services/db/documents';
import { tempDir, testCore, type TestCore } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function prepared(sourceIndex: number, text: string): PreparedFile {
  return {
    fileName: `${sourceIndex}.txt`,
    sourceIndex,
    rawSha256: null,
    encoding: 'utf-8',
    textHashes: [sha256(text)],
    duplicates: [false],
    drafts: [
      {
        metadata: { title: `第${sourceIndex}篇`, date: null, source: null, district: null, url: null, reporters: [], externalId: null },
        originalText: text,
        text,
        offsetMap: [0, text.length, 0, text.length],
        steps: [],
        warnings: [],
        removed: [],
        spans: [],
      },
    ],
  };
}

describe('staged file names', () => {
  it('stay distinct when four worker threads stage 500 files each at once', async () => {
    const dir = createStagingDir();
    cleanups.push(() => removeStagingDir(dir));
    const script = workerBundle(resolve(__dirname, 'fixtures', 'stage-many.worker.ts'));
    const count = 500;
    const results = await Promise.all(
      [0, 1, 2, 3].map(
        (worker) =>
          new Promise<StagedFile[]>((done, fail) => {
            const thread = new Worker(script, { workerData: { dir, worker, count } });
            thread.once('message', done);
            thread.once('error', fail);
          }),
      ),
    );
    const staged = results.flat();
    expect(new Set(staged.map((s) => s.path)).size).toBe(4 * count);
    expect(readdirSync(dir)).toHaveLength(4 * count);
    // Each file holds the file its worker staged, not a neighbour's.
    for (const file of staged) expect(loadStagedFile(file).sourceIndex).toBe(file.sourceIndex);
  });

  it('never overwrites a file already staged', () => {
    const dir = createStagingDir();
    cleanups.push(() => removeStagingDir(dir));
    const first = stageFile(dir, prepared(0, '甲'));
    const second = stageFile(dir, prepared(0, '乙'));
    expect(second.path).not.toBe(first.path);
    expect(loadStagedFile(first).drafts[0].text).toBe('甲');
  });
});

describe('a commit checks what it writes against the preview', () => {
  let core: TestCore;
  afterEach(() => core?.dispose());

  it('refuses a staged file whose article is not the one previewed, and writes nothing', () => {
    core = testCore();
    const db = core.session.requireDb();
    const dir = createStagingDir();
    cleanups.push(() => removeStagingDir(dir));
    const a = stageFile(dir, prepared(0, '区委书记王明远到第一社区调研。'));
    const b = stageFile(dir, prepared(1, '区长李华到第二社区调研。'));
    // What a name collision did: b's file now holds a's article.
    writeFileSync(b.path, readFileSync(a.path));
    expect(() =>
      commitPrepared(
        db,
        { files: [a, b].map(fromStaging), annotator: 'tester' },
        () => {},
        () => {},
      ),
    ).toThrow(/Nothing was imported: 0\.txt .* is not what was previewed \(document 1 has other text\)/);
    expect(countDocuments(db)).toBe(0);
  });

  it('refuses a staged file with fewer documents than previewed', () => {
    core = testCore();
    const db = core.session.requireDb();
    const dir = createStagingDir();
    cleanups.push(() => removeStagingDir(dir));
    const a = stageFile(dir, prepared(0, '区委书记王明远到第一社区调研。'));
    expect(() =>
      commitPrepared(
        db,
        { files: [{ ...fromStaging(a), draftCount: 2 }], annotator: 'tester' },
        () => {},
        () => {},
      ),
    ).toThrow(/1 documents, the preview had 2/);
    expect(countDocuments(db)).toBe(0);
  });

  it('commits staged files that match their preview', () => {
    core = testCore();
    const db = core.session.requireDb();
    const dir = createStagingDir();
    cleanups.push(() => removeStagingDir(dir));
    const files = [stageFile(dir, prepared(0, '区委书记王明远到第一社区调研。')), stageFile(dir, prepared(1, '区长李华到第二社区调研。'))];
    const report = commitPrepared(
      db,
      { files: files.map(fromStaging), annotator: 'tester' },
      () => {},
      () => {},
    );
    expect(report.imported).toBe(2);
    expect(countDocuments(db)).toBe(2);
  });
});

describe('leftovers of killed imports', () => {
  it('are removed at start, while live imports and recent unowned folders stay', async () => {
    const { dir: parent, cleanup } = tempDir('biaozhu-staging-parent-');
    cleanups.push(cleanup);
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(exited.stdout);
    const folder = (name: string) => {
      const path = join(parent, name);
      mkdirSync(path);
      writeFileSync(join(path, '0-x.v8'), 'drafts');
      return path;
    };
    const killed = folder(`${STAGING_PREFIX}${deadPid}-AbC123`);
    const live = folder(`${STAGING_PREFIX}${process.pid}-XyZ789`);
    const oldUnowned = folder(`${STAGING_PREFIX}q1W2e3`);
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(oldUnowned, hourAgo, hourAgo);
    const recentUnowned = folder(`${STAGING_PREFIX}r4T5y6`);
    const unrelated = folder('someone-else');

    const removed = await removeStaleStagingDirs(parent);
    expect(removed.sort()).toEqual([killed, oldUnowned].sort());
    expect([killed, live, oldUnowned, recentUnowned, unrelated].map(existsSync)).toEqual([false, true, false, true, true]);
  });
});
