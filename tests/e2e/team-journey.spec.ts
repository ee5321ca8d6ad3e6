// A team's whole round (#20), through the UI wherever a user would use it: hand out every document
// to two coders, each coder opens their file and labels by mouse and key, the files are merged back
// from the project menu, the Agreement tab reports on the shared document, the disagreements are
// adjudicated by keyboard, and an export of the gold layer holds exactly what was decided.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addCoderFiles, apiCall, expect, importJsonl, test, waitForJob, type BiaozhuServer } from './fixtures';
import { dragSelect } from './selection';

const TEXT = '区委书记王明远在回龙观调研“智慧社区”建设，要求年底前完成改造。';
const record = (n: number) =>
  `${JSON.stringify({ title: `团队文章${n}`, text: n === 1 ? TEXT : `第${n}篇：${TEXT}`, date: '2024-05-06', source: '北京日报' })}\n`;
// Both coders tag 王明远; only 王 tags 智慧社区, only 李 tags 回龙观: two disagreements.
const WORK: Record<string, [mention: string, key: string][]> = {
  王: [
    ['王明远', '1'],
    ['智慧社区', '3'],
  ],
  李: [
    ['王明远', '1'],
    ['回龙观', '3'],
  ],
};

async function openDocument(page: Page, title: string) {
  await page.locator('.doc-row', { hasText: title }).click();
  await expect(page.locator('.reader-title')).toHaveText(title);
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
}

const firstDocumentId = async (server: BiaozhuServer, title: string) =>
  (await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', {})).items.find((d) => d.title === title)!.id;

test('hand out, label in each coder file, merge, read agreement, adjudicate and export gold', async ({ server, page }) => {
  test.setTimeout(120_000);
  await importJsonl(server, 'team.jsonl', [1, 2].map(record).join(''));
  await page.reload();

  // Hand out: every document to both coders.
  await page.getByRole('button', { name: /^项目/ }).click();
  await page.getByRole('menuitem', { name: '分发给标注员…' }).click();
  const handout = page.getByRole('dialog', { name: '分发给标注员' });
  await handout.getByLabel('标注员（名字，用逗号分隔）').fill('王，李');
  await handout.getByLabel(/每位标注员都拿到的文档比例/).fill('100');
  const team = join(server.dir, 'team');
  await handout.getByLabel('文件所在文件夹').fill(team);
  await handout.getByRole('button', { name: '写出文件' }).click();
  await expect(handout.getByRole('list', { name: '已写出的文件' })).toContainText(`王：2 篇文档，位于 ${team}/project-王.biaozhu`);
  await handout.getByRole('button', { name: '关闭' }).last().click();

  // Each coder opens their own file and labels the first article by mouse and key.
  for (const coder of ['王', '李']) {
    await apiCall(server, 'projects:open', { path: join(team, `project-${coder}.biaozhu`) });
    await page.reload();
    await openDocument(page, '团队文章1');
    for (const [mention, key] of WORK[coder]) {
      const start = TEXT.indexOf(mention);
      await dragSelect(page, start, start + mention.length);
      await page.keyboard.press(key);
    }
    const documentId = await firstDocumentId(server, '团队文章1');
    await expect
      .poll(async () => (await apiCall<{ annotator: string }[]>(server, 'annotations:list', { documentId })).map((s) => s.annotator))
      .toEqual([coder, coder]);
    // 王 finishes the article; 李's stays in progress (their first span moved it there).
    if (coder === '王') await page.getByRole('radio', { name: '已完成' }).click();
    await expect
      .poll(async () => (await apiCall<{ status: string }>(server, 'documents:get', { id: documentId })).status)
      .toBe(coder === '王' ? 'done' : 'in_progress');
  }

  // Merge both files back into the main project from the project menu.
  await apiCall(server, 'projects:open', { path: server.projectPath });
  await page.reload();
  const merge = await addCoderFiles(page, 'team', ['王.biaozhu', '李.biaozhu']);
  await merge.getByRole('button', { name: '合并', exact: true }).click();
  await expect(merge.getByRole('list', { name: '合并结果' })).toContainText('王：匹配 2 篇文档，新增 2 个标注，已有 0 个');
  await merge.getByRole('button', { name: '关闭' }).last().click();

  // Agreement: the one document both coders labelled, as agreement:compute reports it.
  const report = await apiCall<{ coders: string[]; documents: number; overall: { kappa: number | null } }>(server, 'agreement:compute', {});
  expect(report.coders).toEqual(['李', '王']);
  expect(report.documents).toBe(1);
  await page.reload();
  await page.getByRole('tab', { name: /一致性|Agreement/ }).click();
  const overall = page.locator('[data-testid="agreement-figures"] tr[data-label="overall"]');
  await expect(overall.locator('[data-figure="kappa"]')).toHaveText(report.overall.kappa!.toFixed(3));
  // The document list says what each coder's file said of each article: spans and status.
  const coderCounts = (title: string) => page.locator('.doc-row', { hasText: title }).getByTestId('doc-coder-counts');
  await expect(coderCounts('团队文章1').getByLabel('王 · 2 处标注 · 已完成')).toBeVisible();
  await expect(coderCounts('团队文章1').getByLabel('李 · 2 处标注 · 标注中')).toBeVisible();
  await expect(coderCounts('团队文章2').getByLabel('王 · 0 处标注 · 待标注')).toBeVisible();

  // Adjudicate by keyboard: take 李's 回龙观, then 王's 智慧社区; 王明远 was agreed.
  await openDocument(page, '团队文章1');
  await page.getByTestId('adjudicate').click();
  const panel = page.getByTestId('adjudication');
  const progress = panel.getByTestId('adjudication-progress');
  await expect(progress).toHaveText('0 / 2');
  await expect(panel).toBeFocused();
  const unit = panel.getByTestId('adjudication-unit');
  await expect(unit).toHaveAttribute('data-start', String(TEXT.indexOf('回龙观')));
  await page.keyboard.press(String(report.coders.indexOf('李') + 1));
  await page.keyboard.press('Enter');
  await expect(progress).toHaveText('1 / 2');
  await expect(unit).toHaveAttribute('data-start', String(TEXT.indexOf('智慧社区')));
  await page.keyboard.press(String(report.coders.indexOf('王') + 1));
  await page.keyboard.press('Enter');
  await expect(progress).toHaveText('2 / 2');

  // Export the gold layer: exactly the three decided spans, nothing of the coders' own.
  const { jobId } = await apiCall<{ jobId: string }>(server, 'export:start', {
    format: 'cluener',
    outPath: 'gold.json',
    annotator: 'gold',
    statuses: ['todo', 'in_progress', 'done', 'reviewed'],
  });
  await waitForJob(server, jobId);
  const lines = readFileSync(join(server.dir, 'gold.json'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; label?: Record<string, Record<string, number[][]>> });
  const first = lines.find((l) => l.text === TEXT)!;
  const at = (m: string) => [[TEXT.indexOf(m), TEXT.indexOf(m) + m.length - 1]];
  expect(first.label).toEqual({ person: { 王明远: at('王明远') }, project: { 回龙观: at('回龙观'), 智慧社区: at('智慧社区') } });
  expect(lines.filter((l) => l.text !== TEXT).every((l) => !l.label || Object.keys(l.label).length === 0)).toBe(true);
});
