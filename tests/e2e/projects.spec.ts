// The first hour in browser mode: new and open project through the server-side file browser, recent
// projects, imports into the demo said so, exports as browser downloads, and a tab that keeps working
// without the token in its URL (the session cookie).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { apiCall, docScreenshot, expect, importJsonl, test } from './fixtures';

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

test.describe('without a project', () => {
  test.use({ serverOptions: { project: 'none' } });

  test('New project through the file browser opens the new project', async ({ server, page }) => {
    mkdirSync(join(server.dir, '区县新闻'));
    // Two recent projects, as a returning user sees the start screen.
    await apiCall(server, 'projects:create', { path: join(server.dir, '朝阳区新闻.biaozhu'), name: '朝阳区新闻 2023' });
    await apiCall(server, 'projects:create', { path: join(server.dir, '口号与目标.biaozhu'), name: '口号与目标（试标）' });
    await apiCall(server, 'projects:close', {});
    await page.reload();
    await expect(page.getByRole('heading', { name: /新建项目|Create project/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /朝阳区新闻 2023/ })).toBeVisible();
    await docScreenshot(page, 'project-start');
    await page.getByRole('button', { name: '浏览…（选择文件夹）' }).click();
    const browser = page.getByRole('dialog', { name: '选择文件夹' });
    await browser.getByLabel('文件夹', { exact: true }).fill(server.dir);
    await browser.getByRole('button', { name: '前往' }).click();
    await expect(browser.getByRole('button', { name: /区县新闻/ })).toBeVisible();
    await axe(page);
    await page.screenshot({ path: test.info().outputPath('file-browser.png') });
    await browser.getByRole('button', { name: /区县新闻/ }).click();
    await expect(browser.getByLabel('文件夹', { exact: true })).toHaveValue(join(server.dir, '区县新闻'));
    await browser.getByRole('button', { name: '选择此文件夹' }).click();
    await expect(page.getByLabel(/项目文件路径/)).toHaveValue(join(server.dir, '区县新闻', 'annotations.biaozhu'));
    await page.getByLabel(/项目名称/).fill('海淀 2024');
    await page.getByRole('button', { name: /^新建项目$/ }).click();
    await expect(page.locator('.top-project-name')).toHaveText('海淀 2024');
    await expect(page.locator('.top-project-path')).toHaveText(join(server.dir, '区县新闻', 'annotations.biaozhu'));
  });

  test('the file browser refuses /proc and says why, and Open picks a .biaozhu file', async ({ server, page }) => {
    await apiCall(server, 'projects:create', { path: join(server.dir, 'kept.biaozhu'), name: '留存' });
    await apiCall(server, 'projects:close', {});
    await page.reload();
    await page.getByRole('button', { name: '浏览…（选择项目）' }).click();
    const browser = page.getByRole('dialog', { name: '打开项目' });
    // The first listing fills the folder box when it arrives: type only after it, or it overwrites what was typed.
    await expect(browser.getByLabel('文件夹', { exact: true })).not.toHaveValue('');
    await browser.getByLabel('文件夹', { exact: true }).fill('/proc');
    await browser.getByRole('button', { name: '前往' }).click();
    await expect(browser.getByRole('alert')).toContainText('system folder');
    await browser.getByLabel('文件夹', { exact: true }).fill(server.dir);
    await browser.getByRole('button', { name: '前往' }).click();
    await browser.getByRole('button', { name: /kept\.biaozhu/ }).click();
    await browser.getByRole('button', { name: '打开项目' }).click();
    await expect(page.locator('.top-project-name')).toHaveText('留存');
  });
});

test('the project menu opens a recent project and a new one', async ({ server, page }) => {
  await apiCall(server, 'projects:create', { path: join(server.dir, 'second.biaozhu'), name: '第二个' });
  await page.reload();
  await expect(page.locator('.top-project-name')).toHaveText('第二个');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: /^项目 ▾$/ }).click();
  await page.screenshot({ path: test.info().outputPath('project-menu.png') });
  await page.getByRole('menuitem', { name: /project\.biaozhu/ }).click();
  await expect(page.locator('.top-project-name')).toHaveText('project');
  await page.getByRole('button', { name: /^项目 ▾$/ }).click();
  await page.getByRole('menuitem', { name: '新建项目…' }).click();
  const dialog = page.getByRole('dialog', { name: '新建项目' });
  await axe(page);
  await dialog.getByLabel('项目名称').fill('第三个');
  await dialog.getByLabel('文件夹', { exact: true }).fill(server.dir);
  await expect(dialog.getByText(join(server.dir, '第三个.biaozhu'))).toBeVisible();
  await dialog.getByRole('button', { name: '新建项目' }).click();
  await expect(page.locator('.top-project-name')).toHaveText('第三个');
});

test('an export arrives as a browser download: brat as a zip of its folder', async ({ server, page }) => {
  await importJsonl(server, 'one.jsonl', `${JSON.stringify({ text: '区委书记王明远到回龙观社区调研。', title: '调研' })}\n`);
  // A span on a worked-on document: to-do documents are left out of exports by default.
  const [doc] = (await apiCall<{ items: { id: number }[] }>(server, 'documents:list', {})).items;
  const person = (await apiCall<{ id: number; key: string }[]>(server, 'labels:list', {})).find((l) => l.key === 'PERSON')!;
  await apiCall(server, 'annotations:create', { documentId: doc.id, start: 4, end: 7, labelId: person.id });
  await apiCall(server, 'documents:update', { id: doc.id, status: 'done' });
  await page.reload();
  await expect(page.locator('.doc-row')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: /导出标注/ });
  await expect(dialog.getByRole('checkbox', { name: '人物' })).toBeChecked();
  await dialog.getByRole('radio', { name: /brat/ }).check();
  await expect(dialog.getByTestId('export-out-kind')).toContainText('文件夹');
  await dialog.getByRole('radio', { name: /CLUENER/ }).check();
  await expect(dialog.getByTestId('export-out-kind')).toContainText('一个文件（.json）');
  await dialog.getByRole('radio', { name: /brat/ }).check();
  await dialog.getByLabel(/输出路径|Output path/).fill('brat-out');
  await dialog.getByRole('button', { name: /^导出$/ }).click();
  const link = dialog.getByRole('link', { name: '下载 .zip' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('brat-out.zip');
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(entries)).toContain('brat-out/annotation.conf');
  const text = (name: string) => new TextDecoder().decode(entries[`brat-out/${name}`]);
  expect(text(`doc-${doc.id}.txt`)).toBe('区委书记王明远到回龙观社区调研。');
  expect(text(`doc-${doc.id}.ann`)).toMatch(/^T1\tPERSON 4 7\t王明远$/m);
});

test('the token leaves the URL and a reload or a new tab works by the session cookie alone', async ({ server, page, browser }) => {
  await expect(page.locator('.top-project-name')).toHaveText('project');
  expect(page.url()).not.toContain('token');
  await page.reload();
  await expect(page.locator('.top-project-name')).toHaveText('project');
  const tab = await page.context().newPage();
  await tab.goto(`${server.origin}/`);
  await expect(tab.locator('.top-project-name')).toHaveText('project');
  // Another browser profile (no cookie) without the token stays out.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(`${server.origin}/`);
  await expect(other.getByRole('alert')).toContainText('access token');
  await stranger.close();
});

test.describe('in the demo project', () => {
  test.use({ serverOptions: { project: 'demo' } });

  test('the import dialog says it imports into the demo and offers a new project first', async ({ server, page }) => {
    await page.getByRole('button', { name: /^导入$/ }).click();
    const notice = page.locator('.demo-import-notice');
    await expect(notice).toContainText('示例项目');
    await notice.getByRole('button', { name: '先新建项目' }).click();
    const dialog = page.getByRole('dialog', { name: '新建项目' });
    await dialog.getByLabel('项目名称').fill('我的语料');
    await dialog.getByLabel('文件夹', { exact: true }).fill(server.dir);
    await dialog.getByRole('button', { name: '新建项目' }).click();
    await expect(page.locator('.top-project-name')).toHaveText('我的语料');
    await page.getByRole('button', { name: /^导入$/ }).click();
    await expect(page.getByRole('dialog', { name: /导入文档/ })).toBeVisible();
    await expect(page.locator('.demo-import-notice')).toHaveCount(0);
  });
});
