// A bad labelled file through the import dialog: its problems are listed in the user's language in
// the preview (line and text) and in the report, worded from their codes, not the importer's English.
import { expect, test } from './fixtures';

const file = (name: string, text: string) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(text) });

test('a malformed CLUENER line and a brat offset past the text are explained in Chinese', async ({ page }) => {
  await page.getByRole('button', { name: /^(导入|Import)$/ }).click();
  const dialog = page.getByRole('dialog', { name: /导入文档|Import documents/ });
  await dialog
    .getByTestId('import-file-input')
    .setInputFiles([
      file('news.json', '{"text": "王明远调研回龙观", "label": {"person": {"王明远": [[0, 2]]}}}\n{"text": "王明远", "label": \n'),
      file('a.txt', '王明远调研回龙观'),
      file('a.ann', 'T1\tPERSON 0 3\t王明远\nT2\tPERSON 5 40\t回龙观\n'),
    ]);
  await dialog.getByRole('button', { name: /^(预览|Preview)$/ }).click();
  await dialog.locator('.import-file').filter({ hasText: 'news.json' }).getByRole('button').first().click();
  const problems = dialog.locator('.import-file-problems');
  await expect(problems).toContainText('问题: 1');
  await expect(problems.locator('li')).toHaveText([/^第 2 行：\s*不是有效的 JSON：/]);

  await dialog.locator('.import-file').filter({ hasText: 'a.ann' }).getByRole('button').first().click();
  await expect(problems.locator('li')).toHaveText(['第 2 行： 标注 T2 的位置 5 40 顺序颠倒或超出了正文（8 个字）；已跳过。']);

  await dialog.getByRole('button', { name: /^导入 \d+ 个文件$/ }).click();
  const report = dialog.locator('.import-report');
  await expect(report).toContainText('2 条被拒绝');
  await expect(report).toContainText(/news\.json:2 — 不是有效的 JSON：/);
  await expect(report).toContainText('a.ann:2 — 标注 T2 的位置 5 40 顺序颠倒或超出了正文（8 个字）；已跳过。');
  await expect(report).not.toContainText('past the end');
});
