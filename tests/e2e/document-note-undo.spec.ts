// Editing a document's note is undoable like a span edit: Ctrl+Z takes it back with a toast that
// names the step, Ctrl+Shift+Z puts it again, and the note field follows.
import { apiCall, expect, importJsonl, test } from './fixtures';

test('a document note edit is undone and redone with a named toast', async ({ server, page }) => {
  await importJsonl(server, 'one.jsonl', `${JSON.stringify({ text: '区委书记王明远到回龙观社区调研。', title: '调研' })}\n`);
  await page.reload();
  await page.locator('.doc-row', { hasText: '调研' }).click();
  await page.getByRole('tab', { name: /^(文档|Document)/ }).click();
  const docNote = page.getByLabel(/^(文档备注|Document note)$/);
  await docNote.fill('原网页已删除，取自存档');
  await docNote.blur();
  const stored = async () => (await apiCall<{ note: string }>(server, 'documents:get', { id: 1 })).note;
  await expect.poll(stored).toBe('原网页已删除，取自存档');

  await page.keyboard.press('Control+z');
  await expect(page.locator('.toast-message').filter({ hasText: '撤销：编辑文档备注' })).toBeVisible();
  await expect(docNote).toHaveValue('');
  await expect.poll(stored).toBe('');

  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.toast-message').filter({ hasText: '重做：编辑文档备注' })).toBeVisible();
  await expect(docNote).toHaveValue('原网页已删除，取自存档');
  await expect.poll(stored).toBe('原网页已删除，取自存档');
});
