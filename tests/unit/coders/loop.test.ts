// The whole loop: hand out to two coders with overlap, each labels in their own file through the
// API (as the workbench does), merge both back, measure agreement on the shared documents, export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { ExportReport } from '../../../shared/api/export';
import { cores, dataOf, disposeCores, fileState, label, openCoderFile, project, teamDir } from './team';

afterEach(disposeCores);

async function finished<R>(core: (typeof cores)[number], jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

test('hand out to two coders, label, merge, agreement over the overlap, export with annotators', async () => {
  const main = project(10);
  const labels = await main.call('labels:list', {});
  await main.call('labels:update', { id: labels[0]!.id, color: '#123456', descriptionZh: '只标人名' });
  const before = fileState(main.projectPath);

  const handout = await main.call('coders:handout', { annotators: ['王', '李'], overlap: 0.2, seed: 7, outPath: 'team/{annotator}.biaozhu' });
  expect(handout).toMatchObject({ chosen: 10, shared: 2 });
  expect(handout.files.map((f) => [f.path, f.documents])).toEqual([
    [teamDir(main, '王.biaozhu'), 6],
    [teamDir(main, '李.biaozhu'), 6],
  ]);
  expect(fileState(main.projectPath)).toBe(before);

  const wang = openCoderFile(handout.files[0]!.path);
  const li = openCoderFile(handout.files[1]!.path);
  expect(wang.session.info()!.annotator).toBe('王');
  expect(li.session.info()!.annotator).toBe('李');
  expect(await wang.call('labels:list', {})).toEqual(await main.call('labels:list', {}));
  const wangDocs = (await wang.call('documents:list', {})).items;
  const liDocs = (await li.call('documents:list', {})).items;
  const shared = wangDocs.filter((d) => liDocs.some((o) => o.title === d.title)).map((d) => d.title);
  expect(shared).toHaveLength(2);
  // Every document went to someone, the shared ones to both.
  expect(new Set([...wangDocs, ...liDocs].map((d) => d.title)).size).toBe(10);

  for (const doc of wangDocs) {
    await label(wang, doc.id, '王明远', 'PERSON');
    await label(wang, doc.id, '“智慧社区”', 'SLOGAN');
    await wang.call('documents:update', { id: doc.id, status: 'done', note: '王：已完成' });
  }
  for (const doc of liDocs) {
    await label(li, doc.id, '王明远', 'PERSON');
    await label(li, doc.id, '“共建共享”', 'SLOGAN');
  }
  wang.session.close();
  li.session.close();
  const paths = handout.files.map((f) => f.path);

  const preview = await main.call('coders:mergePreview', { paths });
  expect(preview.problems).toEqual([]);
  expect(preview.coders.map((c) => [c.coder, c.documentsMatched, c.documentsMissing.length, c.spans])).toEqual([
    ['王', 6, 0, 12],
    ['李', 6, 0, 12],
  ]);
  expect(preview.labels.every((l) => l.kind === 'same')).toBe(true);

  const report = await main.call('coders:merge', { paths });
  // 王 finished all six; 李's own four moved from to-do to in progress when labelled (the shared two are done already).
  expect(report.coders.map((c) => [c.coder, c.documentsMatched, c.spansAdded, c.spansAlreadyPresent, c.statusesAdvanced])).toEqual([
    ['王', 6, 12, 0, 6],
    ['李', 6, 12, 0, 4],
  ]);
  const afterFirst = dataOf(main);
  const again = await main.call('coders:merge', { paths });
  expect(again.coders.map((c) => [c.spansAdded, c.spansAlreadyPresent])).toEqual([
    [0, 12],
    [0, 12],
  ]);
  expect(dataOf(main)).toBe(afterFirst);

  const agreement = await main.call('agreement:compute', { annotators: ['王', '李'] });
  expect(agreement.documents).toBe(2);
  expect(agreement.byLabel.find((l) => l.label === 'PERSON')!.f1Exact).toBe(1);
  expect(agreement.byLabel.find((l) => l.label === 'SLOGAN')!.f1Exact).toBe(0);

  const out = join(main.dir, 'merged.jsonl');
  await finished<ExportReport>(main, (await main.call('export:start', { format: 'biaozhu-jsonl', outPath: out })).jobId);
  const annotators = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .flatMap((line) => (JSON.parse(line) as { spans: { annotator: string }[] }).spans.map((s) => s.annotator));
  expect(annotators.filter((a) => a === '王')).toHaveLength(12);
  expect(annotators.filter((a) => a === '李')).toHaveLength(12);
}, 60_000);
