// Import and export dialogs through the browser mode: files picked in the page travel as bytes,
// previews show encodings and before/after text, commits and exports run as jobs with progress.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall, docScreenshot, expect, importJsonl, test } from './fixtures';

/** A short article encoded in GB18030 (made with Python's codec), as a legacy site would serve it. */
const GB18030_ARTICLE =
  'sbG+qcrQuqO17cf41dm/qjIwMjTE6tbYteO5pLPMzca9+LvhCgqxvrGo0bYgNNTCOMjVo6y6o7Xtx/jOr8rpvMfVxbjv1vez1tXZv6rW2LXjuaSzzM3Gvfi74aGju+HS6dKqx/OjrLzTv+y9qMno1tC52LTlv8bRp7PHsbHH+KOsyLexo6GwyP2zx9K7x/ihsdb3xr3MqL2oyejIobXD0MLNu8bGoaMKx/izpL2quePWx7Htyr6jrL3xxOq8xruuzeqzycDPvsnQocf4uMTU7DMwuPahowo=';

const HTML_ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><title>朝阳区推进亮马河二期工程</title></head><body>
<div class="nav">首页 | 要闻 | 区县 | 专题 | 联系我们</div>
<h1>朝阳区推进亮马河二期工程</h1>
<p>本报讯 5月6日，朝阳区区长文献调研亮马河国际风情水岸二期工程，要求坚持“以人民为中心”，力争年底前完工。</p>
<div class="footer">版权所有 北京朝阳 京ICP备000000号</div>
</body></html>`;

const UTF8_ARTICLE = '东城区推进“接诉即办”改革\n\n本报讯 东城区持续深化“每月一题”改革，确保全年民生实事项目按期完工。\n';

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    ),
  ).toEqual([]);
}

test('imports picked files after a preview with encodings and before/after text', async ({ server, page }) => {
  await page.getByRole('button', { name: /^(导入|Import)$/ }).click();
  const dialog = page.getByRole('dialog', { name: /导入文档|Import documents/ });
  await dialog.getByTestId('import-file-input').setInputFiles([
    { name: 'haidian-gb18030.txt', mimeType: 'text/plain', buffer: Buffer.from(GB18030_ARTICLE, 'base64') },
    { name: 'chaoyang.html', mimeType: 'text/html', buffer: Buffer.from(HTML_ARTICLE) },
    { name: 'dongcheng.txt', mimeType: 'text/plain', buffer: Buffer.from(UTF8_ARTICLE) },
  ]);
  await expect(dialog.locator('.picked-files li')).toHaveCount(3);
  await axe(page);
  await dialog.getByRole('button', { name: /^(预览|Preview)$/ }).click();
  const files = dialog.locator('.import-file');
  await expect(files).toHaveCount(3);
  await expect(files.filter({ hasText: 'haidian-gb18030.txt' })).toContainText(/gb18030/i);
  // The first file's detail shows its original and normalized text side by side.
  await expect(dialog.locator('.before-after .text-preview').nth(1)).toContainText('中关村科学城北区');
  await files.filter({ hasText: 'chaoyang.html' }).getByRole('button').click();
  await expect(dialog.locator('.before-after .text-preview').nth(1)).toContainText('亮马河国际风情水岸二期工程');
  await expect(dialog.locator('.before-after .text-preview').nth(0)).toContainText('<h1>');
  // Forcing another encoding re-decodes the file on the server; forcing it back restores the text.
  await files.filter({ hasText: 'haidian-gb18030.txt' }).getByRole('button').click();
  await dialog
    .getByLabel(/^(编码|Encoding)$/)
    .last()
    .selectOption('big5');
  await expect(files.filter({ hasText: 'haidian-gb18030.txt' })).toContainText('big5');
  await expect(dialog.locator('.before-after .text-preview').nth(1)).not.toContainText('中关村科学城北区');
  await dialog
    .getByLabel(/^(编码|Encoding)$/)
    .last()
    .selectOption('gb18030');
  await expect(dialog.locator('.before-after .text-preview').nth(1)).toContainText('中关村科学城北区');
  await files.filter({ hasText: 'chaoyang.html' }).getByRole('button').click();
  // Taking the text out of the page is listed with the steps, not shown as "none".
  await expect(dialog.locator('.facts dd').last()).toHaveText(/^(从 HTML 提取正文|text taken out of the HTML)/);
  await docScreenshot(page, 'import-preview');
  await axe(page);
  // Leave the UTF-8 file out.
  await files.filter({ hasText: 'dongcheng.txt' }).getByRole('checkbox').uncheck();
  await dialog.getByRole('button', { name: /导入 2 个文件|Import 2 files/ }).click();
  await expect(dialog.locator('.import-report')).toContainText(/已导入 2 篇文档|Imported 2 documents/);
  await dialog
    .getByRole('button', { name: /^(关闭|Close)$/ })
    .last()
    .click();
  await expect(page.locator('.doc-row')).toHaveCount(2);
  const list = await apiCall<{ total: number; items: { title: string; encoding: string | null }[] }>(server, 'documents:list', {});
  expect(list.total).toBe(2);
  expect(list.items.map((d) => d.encoding)).toContain('gb18030');
});

test('files dropped anywhere on the workbench open the import with them', async ({ server, page }) => {
  await expect(page.locator('.app-shell')).toBeVisible();
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dongcheng-dropped.txt', { type: 'text/plain' }));
    return transfer;
  }, UTF8_ARTICLE);
  await page.dispatchEvent('.reader-pane, .workbench', 'dragenter', { dataTransfer });
  await expect(page.locator('.drop-overlay')).toContainText(/导入|import/i);
  await page.screenshot({ path: 'test-results/drop-overlay.png' });
  await page.dispatchEvent('.workbench', 'drop', { dataTransfer });
  await expect(page.locator('.drop-overlay')).toHaveCount(0);
  const dialog = page.getByRole('dialog', { name: /导入文档|Import documents/ });
  await expect(dialog.locator('.picked-files li')).toHaveCount(1);
  await expect(dialog.locator('.picked-files')).toContainText('dongcheng-dropped.txt');
  await dialog.getByRole('button', { name: /^(预览|Preview)$/ }).click();
  await expect(dialog.locator('.import-file')).toHaveCount(1);
  await dialog.getByRole('button', { name: /导入 1 个文件|Import 1 file/ }).click();
  await expect(dialog.locator('.import-report')).toContainText(/已导入 1 篇文档|Imported 1 document/);
  await dialog
    .getByRole('button', { name: /^(关闭|Close)$/ })
    .last()
    .click();
  const list = await apiCall<{ items: { title: string; fileName: string }[] }>(server, 'documents:list', {});
  expect(list.items.map((d) => d.title)).toContain('东城区推进“接诉即办”改革');
});

test('exports with filters and a train/dev/test split, reporting files and dropped spans', async ({ server, page }) => {
  // Two documents with nested spans, so BIO has to drop some and say so.
  const text = '朝阳区委书记王灏强调，力争到2025年底完成老旧小区综合整治120个。';
  const body = [0, 1]
    .map((i) =>
      JSON.stringify({
        id: `e${i}`,
        text: `${text}${i}`,
        metadata: {
          title: `导出测试 ${i}`,
          date: '2024-05-0' + (i + 1),
          source: '北京日报',
          district: '朝阳区',
          url: null,
          reporters: [],
          externalId: `e${i}`,
        },
        status: 'todo',
        original_text: `${text}${i}`,
        offset_map: [0, text.length + 1, 0, text.length + 1],
        spans: [
          { id: 1, label: 'PERSON', start: 0, end: 8, attributes: {}, annotator: 'seed' },
          { id: 2, label: 'PERSON', start: 6, end: 8, attributes: {}, annotator: 'seed' },
          // Rejected in review in the second document: left out of the training data by default.
          { id: 3, label: 'TARGET', start: 11, end: 35, attributes: {}, annotator: 'seed', review_state: i === 1 ? 'rejected' : 'accepted' },
        ],
      }),
    )
    .join('\n');
  await importJsonl(server, 'e.jsonl', body);
  await page.reload();
  await expect(page.locator('.doc-row')).toHaveCount(2);
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: /导出标注|Export annotations/ });
  await dialog.getByRole('radio', { name: 'CoNLL BIO', exact: true }).check();
  // The imported documents were never opened: to-do, which exports leave out unless ticked.
  await dialog.getByRole('checkbox', { name: /待标注|To do/ }).check();
  await dialog.getByRole('checkbox', { name: /口号|Slogan/ }).uncheck();
  await dialog.getByRole('checkbox', { name: /划分训练|Split into train/ }).check();
  await dialog.getByLabel(/随机种子|Seed/).fill('7');
  await expect(dialog.getByRole('radio', { name: /去掉已拒绝的|Leave rejected out/ })).toBeChecked();
  await axe(page);
  await dialog.getByRole('button', { name: /^(导出|Export)$/ }).click();
  const report = dialog.locator('.export-report');
  await expect(report).toContainText(/已写出|Wrote/);
  await expect(report).toContainText(/训练|train/);
  await expect(report.locator('.file-list li').first()).toBeVisible();
  // Each document's 6–8 lies inside its 0–8: BIO keeps the longer one, and says why in words.
  await expect(report.locator('[data-reason="overlap"]')).toHaveText(/^2 (与保留的标注重叠|overlapping a span that was kept)/);
  await expect(report).not.toContainText(/写出时调整了边界|changed edges/);
  await expect(report.getByTestId('review-left-out')).toHaveText(/\b1\b/);
  await docScreenshot(page, 'export-dialog');
});

test('a brat export of many documents lists a few files and names the folder of the rest', async ({ server, page }) => {
  const documents = 12;
  const body = Array.from({ length: documents }, (_, i) => {
    // The first document's span takes the line break after the name: brat writes it without.
    const text = i === 0 ? '第0篇：区委书记王明远\n到回龙观社区调研。' : `第${i}篇：区委书记王明远到回龙观社区调研。`;
    const start = text.indexOf('王明远');
    return JSON.stringify({ text, title: `调研 ${i}`, label: [[start, start + (i === 0 ? 4 : 3), 'PERSON']] });
  }).join('\n');
  await importJsonl(server, 'many.jsonl', body);
  await page.reload();
  await expect(page.locator('.doc-row')).toHaveCount(documents);
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: /导出标注|Export annotations/ });
  await dialog.getByRole('radio', { name: 'brat standoff', exact: true }).check();
  await dialog.getByRole('checkbox', { name: /待标注|To do/ }).check();
  await dialog.getByRole('button', { name: /^(导出|Export)$/ }).click();
  const report = dialog.locator('.export-report');
  // A .txt and an .ann per document, plus annotation.conf and visual.conf.
  const files = documents * 2 + 2;
  await expect(report.locator('.report-headline')).toContainText(String(files));
  await expect(report.locator('.file-list li code')).toHaveCount(8);
  await expect(report.locator('.file-list li').last()).toHaveText(new RegExp(`另有 ${files - 8} 个文件，在 .*project-brat-`));
  await expect(report.locator('[data-reason="line-break-trimmed"]')).toHaveText('1 去掉了首尾的换行');
  await report.locator('.file-list').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/export-many-files.png' });
});
