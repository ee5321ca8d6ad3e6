// The export dialog exports every label unless the user unticks one, also when it opened before the
// project's labels had loaded (it used to keep the empty list it saw when it opened: every label unticked).
import { expect, importJsonl, test } from './fixtures';

test('labels that load after the export dialog opened are ticked', async ({ server, page }) => {
  await importJsonl(server, 'one.jsonl', `${JSON.stringify({ text: '区委书记王明远到回龙观社区调研。', title: '调研' })}\n`);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => decodeURIComponent(url.pathname) === '/api/labels:list',
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await page.reload();
  await expect(page.locator('.doc-row')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: /导出标注/ });
  await expect(dialog.getByRole('radio', { name: /CLUENER/ })).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: '人物' })).toHaveCount(0);

  release();
  for (const name of ['人物', '口号', '项目', '目标']) await expect(dialog.getByRole('checkbox', { name })).toBeChecked();
  // Unticking still leaves a label out, and a label that arrives later does not tick it again.
  await dialog.getByRole('checkbox', { name: '口号' }).uncheck();
  await expect(dialog.getByRole('checkbox', { name: '口号' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: '人物' })).toBeChecked();
  await expect(dialog.getByRole('button', { name: /^导出$/ })).toBeEnabled();
});
