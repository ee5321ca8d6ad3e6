// "Hand out to coders…" and "Merge coder files…" from the project menu: two coders' files are written,
// each coder labels in theirs (one renames a label), the files are picked in the file browser, the
// renamed label is confirmed, and their spans come back.
import { addCoderFiles, apiCall, docScreenshot, expect, importJsonl, test } from './fixtures';

const record = (n: number) =>
  `${JSON.stringify({ title: `文章${n}`, text: `第${n}篇：区委书记王明远在回龙观调研“智慧社区”建设。`, date: '2024-05-06', source: '北京日报' })}\n`;

test('hands out to two coders and merges their files back, with a renamed label', async ({ server, page }) => {
  await importJsonl(server, 'articles.jsonl', [1, 2, 3, 4, 5].map(record).join(''));
  await page.reload();
  await page.getByRole('button', { name: /^项目/ }).click();
  await page.getByRole('menuitem', { name: '分发给标注员…' }).click();
  const handoutDialog = page.getByRole('dialog', { name: '分发给标注员' });
  await handoutDialog.getByLabel('标注员（名字，用逗号分隔）').fill('王，李');
  await handoutDialog.getByLabel(/每位标注员都拿到的文档比例/).fill('40');
  const team = `${server.dir}/team`;
  await handoutDialog.getByLabel('文件所在文件夹').fill(team);
  await handoutDialog.getByRole('button', { name: '写出文件' }).click();
  const written = handoutDialog.getByRole('list', { name: '已写出的文件' });
  await expect(written).toContainText(`王：4 篇文档，位于 ${team}/project-王.biaozhu`);
  await expect(written).toContainText(`李：3 篇文档，位于 ${team}/project-李.biaozhu`);
  await handoutDialog.getByRole('button', { name: '关闭' }).last().click();
  const handout = { files: [{ path: `${team}/project-王.biaozhu` }, { path: `${team}/project-李.biaozhu` }] };
  // Each coder labels in their own file (through the same API the workbench uses).
  for (const [i, file] of handout.files.entries()) {
    await apiCall(server, 'projects:open', { path: file.path });
    const labels = await apiCall<{ id: number; key: string }[]>(server, 'labels:list');
    if (i === 1) await apiCall(server, 'labels:update', { id: labels[0]!.id, key: 'PER' });
    for (const doc of (await apiCall<{ items: { id: number }[] }>(server, 'documents:list', {})).items) {
      const { text } = await apiCall<{ text: string }>(server, 'documents:get', { id: doc.id });
      const start = text.indexOf('王明远');
      await apiCall(server, 'annotations:create', { documentId: doc.id, start, end: start + 3, labelId: labels[0]!.id });
    }
  }
  await apiCall(server, 'projects:open', { path: server.projectPath });
  await page.reload();
  await expect(page.locator('.doc-row')).toHaveCount(5);

  const dialog = await addCoderFiles(page, 'team', ['王.biaozhu', '李.biaozhu']);
  await expect(dialog.getByText(/王：\d 篇中 \d 篇匹配/)).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'PER 的标注归入' })).toHaveValue('PERSON');
  await expect(dialog.getByText(/李：\d 篇中 \d 篇匹配/)).toBeVisible();
  await docScreenshot(page, 'merge-coder-files');
  await dialog.getByRole('button', { name: '合并', exact: true }).click();
  await expect(dialog.getByRole('list', { name: '合并结果' })).toContainText(/王：匹配 \d 篇文档，新增 \d 个标注，已有 0 个/);
  await dialog.getByRole('button', { name: '关闭' }).last().click();
  await expect(dialog).toHaveCount(0);

  const stats = await apiCall<{ annotations: number; annotators: { name: string; count: number }[]; byLabel: { labelKey: string; count: number }[] }>(
    server,
    'projects:stats',
  );
  expect(stats.annotations).toBe(7); // 2 shared documents for both, 3 split between them
  expect(stats.byLabel.find((l) => l.labelKey === 'PERSON')!.count).toBe(7);
  expect(
    stats.annotators
      .filter((a) => a.count > 0)
      .map((a) => [a.name, a.count])
      .sort(),
  ).toEqual([
    ['李', 3],
    ['王', 4],
  ]);
});
