// Importing a folder of thousands of distinct small articles through the real worker pool stores
// every one of them, every time: an import once dropped two of 2,000 when two preview workers
// staged files under the same name, and called the lost article a duplicate.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle } from '../../../bench/corpus/article';
import { Rng } from '../../../bench/corpus/rng';
import { previewWorkerCount } from '../../../electron/services/import/parallel-preview';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { tempDir, testCore } from '../helpers';

const FILES = 2_000;
const ROUNDS = 3;

let folder: string;
let totalBytes = 0;
let cleanup: () => void;
beforeAll(() => {
  const temp = tempDir('biaozhu-bulk-');
  cleanup = temp.cleanup;
  folder = join(temp.dir, 'articles');
  mkdirSync(folder);
  const rng = new Rng(20261203);
  for (let i = 0; i < FILES; i++) {
    const article = makeArticle(rng, i, { length: 1_000 });
    const content = `${article.title}\n${article.date}\n\n${article.text}`;
    totalBytes += Buffer.byteLength(content);
    writeFileSync(join(folder, `article-${String(i).padStart(5, '0')}.txt`), content);
  }
});
afterAll(() => cleanup());

describe(`importing ${FILES} distinct files`, () => {
  it('previews them in more than one worker', () => {
    expect(previewWorkerCount(totalBytes, FILES)).toBeGreaterThan(1);
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`stores every one of them (round ${round} of ${ROUNDS})`, async () => {
      const core = testCore();
      try {
        const { jobId } = await core.call('import:preview', { sources: [{ kind: 'path', path: folder }], options: {} });
        const previewed = await core.jobs.wait(jobId);
        expect(previewed.state).toBe('done');
        const preview = previewed.result as ImportPreview;
        expect(preview.files).toHaveLength(FILES);
        expect(preview.files.filter((f) => f.error !== null)).toEqual([]);
        expect(preview.files.flatMap((f) => f.documents).filter((d) => d.duplicate)).toEqual([]);

        const commit = await core.call('import:commit', { previewId: preview.previewId });
        const committed = await core.jobs.wait(commit.jobId);
        expect(committed.error ?? null).toBeNull();
        const report = committed.result as ImportReport;
        expect(report.skippedDuplicates).toEqual([]);
        expect(report.imported).toBe(FILES);
        expect((await core.call('documents:list', { limit: 1 })).total).toBe(FILES);
        expect((await core.call('projects:stats', {})).documents).toBe(FILES);
      } finally {
        core.dispose();
      }
    }, 120_000);
  }
});
