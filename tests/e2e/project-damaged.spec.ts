// A damaged project opens read-only: the top bar says so and why, "Check project" in the palette
// runs the full check, and "Recover…" copies what is readable into a new project and opens it.
import { join } from 'node:path';
import { apiCall, expect, test } from './fixtures';
import { makeProject, overwritePages } from '../unit/core/project-file-helpers';

test('a damaged project shows the read-only banner, fails the check and recovers', async ({ page, server }) => {
  const damaged = join(server.dir, 'damaged.biaozhu');
  makeProject(damaged, 200);
  overwritePages(damaged, 3);
  await apiCall(server, 'projects:open', { path: damaged });
  await page.reload();

  const banner = page.locator('.read-only-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('只读 · 已损坏');
  await expect(banner.locator('.read-only-message')).toContainText('damaged');
  await page.screenshot({ path: test.info().outputPath('damaged-banner.png') });

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: /命令|command/i });
  await palette.getByRole('combobox').fill('检查项目');
  await palette.getByRole('combobox').press('Enter');
  await expect(page.locator('.toast').filter({ hasText: '项目检查发现' })).toBeVisible({ timeout: 20_000 });

  await banner.getByRole('button', { name: '恢复…' }).click();
  await expect(page.locator('.toast').filter({ hasText: '篇文档恢复到' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.read-only-banner')).toHaveCount(0);
  await expect(page.locator('.top-project-path')).toContainText('damaged-recovered.biaozhu');
});
