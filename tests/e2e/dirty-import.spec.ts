// Real dirty articles through the import dialog: a traditional page with pinyin and byte-shifted
// GBK (seed 002) and a portal page with site chrome (seed 000). What the reader shows afterwards.
import { join } from 'node:path';
import { apiCall, expect, SEEDS_DIR, test } from './fixtures';

test('a traditional page with pinyin and mojibake imports clean, with its flagged runs banded in the reader', async ({ server, page }) => {
  await page.getByRole('button', { name: /^(导入|Import)$/ }).click();
  const dialog = page.getByRole('dialog', { name: /导入文档|Import documents/ });
  await dialog.getByTestId('import-file-input').setInputFiles([join(SEEDS_DIR, '002_988551e31636f347.txt'), join(SEEDS_DIR, '000_23b502aa0af0b749.txt')]);
  await dialog.getByRole('button', { name: /^(预览|Preview)$/ }).click();
  await expect(dialog.locator('.import-file')).toHaveCount(2);
  // Before/after: the original is traditional with pinyin, the normalized text is simplified.
  await dialog.locator('.import-file').filter({ hasText: '002_' }).getByRole('button').first().click();
  await expect(dialog.locator('.before-after .text-preview').nth(0)).toContainText('區(qū)');
  await expect(dialog.locator('.before-after .text-preview').nth(1)).toContainText('昌平区');
  await expect(dialog.locator('.before-after .text-preview').nth(1)).not.toContainText('(qū)');
  await dialog.getByRole('button', { name: /导入 2 个文件|Import 2 files/ }).click();
  await expect(dialog.locator('.import-report')).toContainText(/已导入 2 篇文档|Imported 2 documents/);
  await dialog
    .getByRole('button', { name: /^(关闭|Close)$/ })
    .last()
    .click();

  const list = await apiCall<{ items: { id: number; title: string; fileName: string }[] }>(server, 'documents:list', {});
  const changping = list.items.find((d) => d.fileName.includes('002_'))!;
  const doc = await apiCall<{ text: string; warnings: { kind: string; start?: number }[]; steps: string[] }>(server, 'documents:get', { id: changping.id });
  expect(doc.steps).toEqual(expect.arrayContaining(['traditional_to_simplified', 'strip_pinyin']));
  expect(doc.warnings.some((w) => w.kind === 'mojibake' && w.start !== undefined)).toBe(true);

  await page.locator('.doc-row').filter({ hasText: changping.title }).click();
  await expect(page.locator('.warning-banner')).toBeVisible();
  await page.locator('.warning-banner button').first().click();
  await expect(page.locator('.warning-list li').first()).toBeVisible();
  // Each warning's kind is a word in the user's language, not the importer's key.
  await expect(page.locator('.warning-list [data-kind="mojibake"]').first()).toHaveText(/^(疑似乱码|Possibly garbled text)$/);
  await page
    .locator('.warning-list li')
    .filter({ has: page.getByRole('button', { name: /查看|Show/ }) })
    .first()
    .getByRole('button')
    .click();
  await expect(page.locator('[data-testid="reader"] .bz-has-warning').first()).toBeVisible();

  // The portal page: its 相关阅读 list is gone from the text but still viewable with the document.
  const portal = list.items.find((d) => d.fileName.includes('000_'))!;
  await page.locator('.doc-row').filter({ hasText: portal.title }).click();
  await expect(page.locator('[data-testid="reader"]')).not.toContainText('相关阅读');
  await page.getByRole('tab', { name: /文档信息|Document/ }).click();
  await expect(page.locator('.removed-block').filter({ hasText: '相关阅读' })).toBeVisible();
  await expect(page.locator('.warning-list [data-kind="chrome_removed"]').first()).toHaveText(/^(已去除网站框架文字|Site chrome removed)$/);
});
