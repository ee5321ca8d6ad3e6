// The foundation journey of a researcher, through the browser mode in Chromium: import a real
// scraped article through the preview, label it from the keyboard, undo and redo, reload and find
// the labels still there, export — and check the exported file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { apiCall, expect, SEEDS_DIR, test } from './fixtures';

const SEED_004 = join(SEEDS_DIR, '004_dfc4012b420ba70e.txt');

/** Puts the caret before character `offset` of the document by clicking there, as a user would. */
async function clickBefore(page: Page, offset: number) {
  const point = await page.evaluate((target) => {
    for (const p of document.querySelectorAll<HTMLElement>('[data-testid="reader"] p[data-start]')) {
      let rest = target - Number(p.dataset.start);
      if (rest < 0) continue;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        if (rest < n.data.length) {
          const range = document.createRange();
          range.setStart(n, rest);
          range.setEnd(n, rest + 1);
          const rect = range.getClientRects()[0];
          return { x: rect.left + 1, y: (rect.top + rect.bottom) / 2 };
        }
        rest -= n.data.length;
      }
    }
    throw new Error(`offset ${target} is not rendered`);
  }, offset);
  await page.mouse.click(point.x, point.y);
}

test('import → label from the keyboard → undo/redo → reload → export', async ({ server, page }) => {
  // Import through the dialog with its preview.
  await page.getByRole('button', { name: /^(导入|Import)$/ }).click();
  const dialog = page.getByRole('dialog', { name: /导入文档|Import documents/ });
  await dialog.getByTestId('import-file-input').setInputFiles(SEED_004);
  await dialog.getByRole('button', { name: /^(预览|Preview)$/ }).click();
  await expect(dialog.locator('.import-file')).toHaveCount(1);
  await expect(dialog).toContainText('蔡奇:把方向谋大事抓党建保平安');
  await dialog.getByRole('button', { name: /导入 1 个文件|Import 1 file/ }).click();
  await expect(dialog.locator('.import-report')).toContainText(/已导入 1 篇文档|Imported 1 document/);
  await dialog
    .getByRole('button', { name: /^(关闭|Close)$/ })
    .last()
    .click();

  // Open it and tag 蔡奇 with Shift+→ twice and the PERSON key.
  await page.locator('.doc-row').first().click();
  const doc = await apiCall<{ id: number; text: string; source: string }>(server, 'documents:get', { id: 1 });
  expect(doc.source).toBe('新京报');
  const start = doc.text.indexOf('市委书记蔡奇') + 4;
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
  await clickBefore(page, start);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('1');
  await expect
    .poll(async () =>
      (await apiCall<{ start: number; end: number }[]>(server, 'annotations:list', { documentId: 1 })).map((a) => doc.text.slice(a.start, a.end)),
    )
    .toEqual(['蔡奇']);
  const mark = page.locator('[data-testid="reader"] mark, [data-testid="reader"] [data-span-ids]').filter({ hasText: '蔡奇' }).first();
  await expect(mark).toBeVisible();

  // Undo and redo from the keyboard.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await apiCall<unknown[]>(server, 'annotations:list', { documentId: 1 })).length).toBe(0);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await apiCall<unknown[]>(server, 'annotations:list', { documentId: 1 })).length).toBe(1);

  // Reload: the label is still there, drawn in the reader.
  await page.reload();
  await page.locator('.doc-row').first().click();
  await expect(page.locator('[data-testid="reader"] mark, [data-testid="reader"] [data-span-ids]').filter({ hasText: '蔡奇' }).first()).toBeVisible();

  // Export Biaozhu JSONL from the UI and read what was written.
  await page.keyboard.press('Control+Shift+E');
  const exportDialog = page.getByRole('dialog', { name: /导出标注|Export annotations/ });
  await exportDialog.getByRole('radio', { name: /Biaozhu JSONL/ }).check();
  await exportDialog.getByRole('button', { name: /^(导出|Export)$/ }).click();
  const report = exportDialog.locator('.export-report');
  await expect(report).toContainText(/已写出|Wrote/);
  const file = (await report.locator('.file-list li').first().innerText()).trim();
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(1);
  const [span] = lines[0].spans;
  expect(lines[0].text.slice(span.start, span.end)).toBe('蔡奇');
  expect(span.label).toBe('PERSON');
  // Provenance: the same span in the raw file.
  expect(lines[0].original_text.slice(span.source_start, span.source_end)).toBe('蔡奇');
});
