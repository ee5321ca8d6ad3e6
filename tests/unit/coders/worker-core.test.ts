// Hand out and merge through the core in its worker thread, as the desktop shell and the browser
// mode run it. (The browser-mode e2e, tests/e2e/merge-coder-files.spec.ts, is what found a first
// hand-out failing there: it attached the project by a file: URI, which SQLite takes only where it
// was loaded with URIs on — as it is in this test process, so this test alone would not have.)
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { CoreHost } from '../../../electron/services/app/core-host';
import type { ApiOutput, Channel } from '../../../shared/api/index';
import type { JobStatus } from '../../../shared/api/jobs';
import { tempDir } from '../helpers';
import { textOf } from './team';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

test('hand out, label in the coder file and merge back, all in the worker core', async () => {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const projectPath = join(dir, 'project.biaozhu');
  const { host } = await CoreHost.start({ options: { mode: 'browser', userDataDir: join(dir, 'user') }, startup: { createProject: projectPath } });
  cleanups.push(() => host.dispose());
  const call = async <K extends Channel>(channel: K, input: unknown): Promise<ApiOutput<K>> => {
    const result = await host.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.value as ApiOutput<K>;
  };
  const job = async (jobId: string) => {
    for (;;) {
      const status = (await call('jobs:get', { jobId })) as JobStatus;
      if (status.state === 'done') return status;
      if (status.state !== 'running') throw new Error(`job ${status.state}: ${status.error}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const jsonl = [1, 2, 3].map((n) => JSON.stringify({ title: `文章${n}`, text: textOf(n) })).join('\n');
  const preview = await job(
    (await call('import:preview', { sources: [{ kind: 'bytes', name: 'a.jsonl', dataBase64: Buffer.from(jsonl).toString('base64') }], options: {} })).jobId,
  );
  await job((await call('import:commit', { previewId: (preview.result as { previewId: string }).previewId })).jobId);

  const handout = await call('coders:handout', { annotators: ['王'], outPath: 'team/王.biaozhu' });
  expect(handout.files[0]!.documents).toBe(3);
  await call('projects:open', { path: handout.files[0]!.path });
  expect((await call('app:info', {})).project!.annotator).toBe('王');
  const person = (await call('labels:list', {}))[0]!;
  await call('annotations:create', { documentId: 1, start: 0, end: 3, labelId: person.id });
  await call('projects:open', { path: projectPath });
  const report = await call('coders:merge', { paths: [handout.files[0]!.path] });
  expect(report.coders[0]).toMatchObject({ coder: '王', documentsMatched: 3, spansAdded: 1 });
}, 60_000);
