// "Restore from backup…" from the command palette: the dialog lists the backups taken before each
// import with what they hold, asks once more, and the workbench then shows the restored documents.
import AxeBuilder from '@axe-core/playwright';
import { apiCall, docScreenshot, expect, importJsonl, test } from './fixtures';

const record = (title: string, text: string) => `${JSON.stringify({ title, text, date: '2024-05-06', source: '北京日报' })}\n`;

test('restores the backup taken before an import', async ({ server, page }) => {
  await importJsonl(
    server,
    'first.jsonl',
    record('海淀区推进中关村科学城建设', '本报讯 海淀区召开会议，推进中关村科学城北区建设。') +
      record('昌平区推进回天行动计划', '本报讯 昌平区推进回天地区行动计划，年底前完工。'),
  );
  await importJsonl(server, 'second.jsonl', record('朝阳区推进亮马河二期工程', '本报讯 朝阳区调研亮马河国际风情水岸二期工程。'));
  await page.reload();
  await expect(page.locator('.doc-row')).toHaveCount(3);

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: /命令|command/i });
  await palette.getByRole('combobox').fill('从备份恢复');
  await palette.getByRole('combobox').press('Enter');

  const dialog = page.getByRole('dialog', { name: '从备份恢复' });
  const rows = dialog.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  // Newest first: the backup before the second import holds the first import's two documents.
  await expect(rows.nth(0)).toContainText('导入前');
  await expect(rows.nth(0).locator('td.num').first()).toHaveText('2');
  await expect(rows.nth(1).locator('td.num').first()).toHaveText('0');
  const serious = (await new AxeBuilder({ page }).include('.backup-dialog').analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => v.id)).toEqual([]);

  await rows.nth(0).getByRole('button', { name: /^恢复/ }).click();
  await expect(dialog.locator('.backup-confirm')).toContainText('2 篇文档');
  await docScreenshot(page, 'backups');
  await dialog.getByRole('button', { name: '恢复这份备份' }).click();

  await expect(page.locator('.toast').filter({ hasText: '已恢复' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: '从备份恢复' })).toHaveCount(0);
  await expect(page.locator('.doc-row')).toHaveCount(2);
  await expect(page.locator('.doc-row').filter({ hasText: '亮马河' })).toHaveCount(0);
  expect((await apiCall<{ documents: number }>(server, 'projects:stats')).documents).toBe(2);

  // The state that was replaced is listed now, as a backup taken before the restore.
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox').fill('从备份恢复');
  await palette.getByRole('combobox').press('Enter');
  await expect(dialog.locator('tbody tr').first()).toContainText('恢复前');
  await expect(dialog.locator('tbody tr').first().locator('td.num').first()).toHaveText('3');
});
