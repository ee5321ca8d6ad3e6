// The original text view (#18 cold open): documents:get no longer carries the original text, so the
// view asks for it (documents:original) when it is first shown — not when the document opens — and
// shows it as imported; toggling back and forth asks once.
import { apiCall, expect, importJsonl, test } from './fixtures';

const TEXT = '朝阳区委书记主持召开区委常委会会议。';
const ORIGINAL = '朝陽區(qū)委書記主持召開區委常委會會議。';

test('the original view fetches the imported text when shown, once, and shows it', async ({ server, page }) => {
  const line = {
    id: 'o1',
    text: TEXT,
    original_text: ORIGINAL,
    offset_map: [0, TEXT.length, 0, ORIGINAL.length],
    status: 'todo',
    spans: [],
    metadata: { title: '常委会', date: '2024-03-12', source: '北京日报', district: '朝阳区', url: null, reporters: [], externalId: 'o1' },
  };
  await importJsonl(server, 'one.jsonl', JSON.stringify(line));
  const docId = (await apiCall<{ items: { id: number }[] }>(server, 'documents:list', {})).items[0].id;
  const detail = await apiCall<Record<string, unknown>>(server, 'documents:get', { id: docId });
  expect(detail.text).toBe(TEXT);
  expect(detail).not.toHaveProperty('originalText');
  expect(detail).not.toHaveProperty('offsetMap');

  const sent: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) sent.push(decodeURIComponent(path.slice('/api/'.length)));
  });
  await page.reload();
  await page.locator('.doc-row').first().click();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toContainText('朝阳区委书记');
  expect(sent).not.toContain('documents:original');

  const toggle = page.getByRole('button', { name: /^(原文|Original text)$/ });
  await toggle.click();
  const view = page.locator('.original-view');
  await expect(view.locator('.original-text')).toHaveText(ORIGINAL);
  expect(sent.filter((c) => c === 'documents:original')).toHaveLength(1);

  await toggle.click();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toContainText('朝阳区委书记');
  await page.keyboard.press('Alt+o');
  await expect(view.locator('.original-text')).toHaveText(ORIGINAL);
  expect(sent.filter((c) => c === 'documents:original')).toHaveLength(1);
});
