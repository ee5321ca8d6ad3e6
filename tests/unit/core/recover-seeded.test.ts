// Recovery copies the source's rows over what the new project's migrations seed: a project whose
// shipped patterns were edited keeps its edits, and no seeded row collides with the source's.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { recoverProject } from '../../../electron/services/db/recover';
import { testCore, type TestCore } from '../helpers';

let core: TestCore;
let recovered: TestCore;
beforeEach(() => (core = testCore()));
afterEach(() => {
  recovered?.dispose();
  core.dispose();
});

test('a recovered project keeps its edited shipped patterns, losing no row', async () => {
  const patterns = await core.call('patterns:list', {});
  const first = patterns.find((p) => p.builtIn)!;
  await core.call('patterns:update', { id: first.id, changes: { name: '口号（改过）', enabled: false } });
  core.session.close();

  const out = join(core.dir, 'recovered.biaozhu');
  const report = recoverProject(core.projectPath, out);
  expect(report.tables.filter((t) => t.lost > 0)).toEqual([]);

  recovered = testCore({ create: false });
  await recovered.call('projects:open', { path: out });
  const after = await recovered.call('patterns:list', {});
  expect(after.find((p) => p.id === first.id)).toMatchObject({ name: '口号（改过）', enabled: false });
  expect(after).toHaveLength(patterns.length);
});
