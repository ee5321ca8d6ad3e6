// brat with a train/dev/test split writes each document's files into its split's folder: every
// split folder is made, not only the first (the folder of the first file used to be the only one).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ExportReport } from '../../../shared/api/export';
import { testCore } from '../helpers';
import { buildGoldenProject } from './golden-fixture';

const core = testCore();
afterAll(() => core.dispose());

it('brat split export writes train, dev and test folders', async () => {
  buildGoldenProject(core.session.requireDb(), 0);
  const outPath = join(core.dir, 'brat');
  const { jobId } = await core.call('export:start', {
    format: 'brat',
    outPath,
    statuses: ['todo', 'in_progress', 'done', 'reviewed'],
    split: { seed: 7, train: 0.6, dev: 0.2, test: 0.2 },
  });
  const status = await core.jobs.wait(jobId);
  expect(status.error ?? null).toBeNull();
  expect(status.state).toBe('done');
  const folders = readdirSync(outPath)
    .filter((name) => !name.endsWith('.conf'))
    .sort();
  expect(folders.length).toBeGreaterThan(1);
  const files = folders.flatMap((folder) => readdirSync(join(outPath, folder)));
  expect(files.filter((name) => name.endsWith('.txt'))).toHaveLength((status.result as ExportReport).documents);
});
