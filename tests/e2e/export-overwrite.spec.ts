// The export dialog never replaces a file unasked: an existing target is refused before any work,
// the dialog asks, and only "Replace" writes over it. A relative path lands beside the project.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, importJsonl, test } from './fixtures';

test('exporting onto an existing file asks before replacing it', async ({ server, page }) => {
  await importJsonl(server, 'one.jsonl', `${JSON.stringify({ text: '区委书记王明远到回龙观社区调研。', title: '调研' })}\n`);
  const target = join(server.dir, 'corpus.jsonl');
  writeFileSync(target, 'my own notes\n');
  await page.reload();
  await expect(page.locator('.doc-row')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: /导出标注|Export annotations/ });
  await dialog.getByRole('radio', { name: /Biaozhu JSONL/ }).check();
  // Relative: taken from the project file's folder, not from where the server was started.
  await dialog.getByLabel(/输出路径|Output path/).fill('corpus.jsonl');
  await dialog.getByRole('button', { name: /^(导出|Export)$/ }).click();
  const ask = dialog.locator('.export-conflict');
  await expect(ask).toContainText(`${target} 已存在。要替换吗？`);
  expect(readFileSync(target, 'utf8')).toBe('my own notes\n');
  // Keeping it leaves the file alone and the dialog open for another name.
  await ask.getByRole('button', { name: /保留原文件/ }).click();
  await expect(ask).toHaveCount(0);
  await dialog.getByRole('button', { name: /^(导出|Export)$/ }).click();
  await dialog
    .locator('.export-conflict')
    .getByRole('button', { name: /^替换$/ })
    .click();
  const report = dialog.locator('.export-report');
  await expect(report).toContainText(target);
  expect(JSON.parse(readFileSync(target, 'utf8').trim()).text).toBe('区委书记王明远到回龙观社区调研。');
});
