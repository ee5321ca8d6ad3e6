// Suggestions (#22) through the real browser mode: label 蔡奇 once, Tab to its suggestion elsewhere,
// Enter accepts it (stored with origin 'suggested'), the shipped pattern proposes “两个维护”,
// Backspace rejects a suggestion (not proposed again after a reload); in another document
// Shift+Enter accepts every suggestion above the threshold and one Ctrl+Z takes them all back.
import type { Page } from '@playwright/test';
import type { Annotation } from '../../shared/model';
import { apiCall, docScreenshot, expect, importJsonl, test, type BiaozhuServer } from './fixtures';
import { dragSelect } from './selection';

interface Suggestion {
  start: number;
  end: number;
  labelId: number;
  source: string;
  confidence: number;
  text: string;
}

const A = [
  '本报讯 3月12日，市委书记蔡奇到朝阳区调研城市更新工作。',
  '',
  '蔡奇指出，要增强“四个意识”，坚决做到“两个维护”，把接诉即办抓实抓细。',
  '',
  '调研中，蔡奇还察看了老旧小区综合整治情况。',
].join('\n');
const B = '蔡奇在通州区调研时强调，要做到“两个维护”。随后蔡奇主持召开座谈会。';

async function importArticles(server: BiaozhuServer) {
  const body = [
    { id: 'a', title: '蔡奇调研城市更新', text: A },
    { id: 'b', title: '蔡奇到通州调研', text: B },
  ]
    .map((a) =>
      JSON.stringify({
        id: a.id,
        text: a.text,
        metadata: { title: a.title, date: '2024-03-12', source: '北京日报', district: '朝阳区', url: null, reporters: [], externalId: a.id },
        status: 'todo',
        original_text: a.text,
        offset_map: [0, a.text.length, 0, a.text.length],
        spans: [],
      }),
    )
    .join('\n');
  await importJsonl(server, 'suggest.jsonl', body);
}

async function docIds(server: BiaozhuServer): Promise<Record<string, number>> {
  const { items } = await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', { sort: 'id' });
  return Object.fromEntries(items.map((d) => [d.title, d.id]));
}

const spansOf = (server: BiaozhuServer, documentId: number) => apiCall<Annotation[]>(server, 'annotations:list', { documentId });
const suggestionsOf = (server: BiaozhuServer, documentId: number) => apiCall<Suggestion[]>(server, 'suggestions:forDocument', { documentId });

async function openDoc(page: Page, title: string) {
  await page.locator('.doc-row', { hasText: title }).click();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
}

const nth = (text: string, needle: string, n: number) => {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  return at;
};

test('label 蔡奇 once, accept its suggestion by keyboard, reject another, accept all and undo', async ({ server, page }) => {
  await importArticles(server);
  const ids = await docIds(server);
  const a = ids['蔡奇调研城市更新'];
  const b = ids['蔡奇到通州调研'];
  await page.reload();
  await openDoc(page, '蔡奇调研城市更新');

  // The pattern proposes “两个维护” before anything is labelled.
  const before = await suggestionsOf(server, a);
  const formula = before.find((s) => s.text.includes('两个维护'));
  expect(formula?.source).toBe('pattern');
  const bar = page.getByRole('region', { name: '建议' });
  await expect(bar.getByTestId('suggestion-count')).toHaveText(`${before.length} 条建议`);

  // Label the first 蔡奇 by mouse and key: the other two become suggestions.
  const first = A.indexOf('蔡奇');
  await dragSelect(page, first, first + 2);
  await page.keyboard.press('1');
  await expect.poll(async () => (await spansOf(server, a)).length).toBe(1);
  const second = nth(A, '蔡奇', 1);
  const third = nth(A, '蔡奇', 2);
  await expect.poll(async () => (await suggestionsOf(server, a)).filter((s) => s.text === '蔡奇').map((s) => s.start)).toEqual([second, third]);
  await expect(bar.getByTestId('suggestion-count')).toHaveText(`${before.length + 2} 条建议`);

  // Tab from the labelled span goes to the next suggestion; Enter accepts it.
  await expect(page.getByTestId('reader')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(bar.getByTestId('suggestion-current')).toContainText('蔡奇 → 人物');
  await expect(bar.getByTestId('suggestion-current')).toContainText('词典 · 100%');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await spansOf(server, a)).find((s) => s.start === second)?.origin).toBe('suggested');
  expect((await spansOf(server, a)).find((s) => s.start === second)).toMatchObject({ end: second + 2, annotator: expect.any(String) });
  await expect(page.locator(`[data-testid="reader"] mark`)).toHaveCount(2);

  // Enter moved on to the next suggestion, “四个意识” / “两个维护” from the pattern; Tab on to the third 蔡奇.
  await expect(bar.getByTestId('suggestion-current')).toContainText('规则');
  for (let i = 0; i < 5; i++) {
    if ((await bar.getByTestId('suggestion-current').textContent())?.startsWith('蔡奇')) break;
    await page.keyboard.press('Tab');
  }
  await expect(bar.getByTestId('suggestion-current')).toContainText('蔡奇 → 人物');
  await page.keyboard.press('Backspace');
  await expect.poll(async () => (await suggestionsOf(server, a)).some((s) => s.start === third)).toBe(false);
  await page.reload();
  await openDoc(page, '蔡奇调研城市更新');
  await expect(bar.getByTestId('suggestion-count')).toHaveText(`${before.length} 条建议`);
  expect((await spansOf(server, a)).length).toBe(2);

  // The Suggestions tab counts this document's proposals by source.
  await bar.getByRole('button', { name: '来源…' }).click();
  const counts = (await suggestionsOf(server, a)).filter((s) => s.source === 'pattern').length;
  await expect(page.getByTestId('suggest-count-pattern')).toHaveText(String(counts));
  await expect(page.getByTestId('suggest-count-dictionary')).toHaveText('0');
  await expect(page.getByTestId('model-state')).toHaveText(/尚未训练|就绪|已过期|训练中/);
  await page.getByRole('tab', { name: /^标注/ }).click();

  // Another document: Shift+Enter accepts every suggestion at or above 90 %, one Ctrl+Z removes them all.
  await openDoc(page, '蔡奇到通州调研');
  const proposed = await suggestionsOf(server, b);
  expect(proposed.filter((s) => s.text === '蔡奇')).toHaveLength(2);
  expect(proposed.some((s) => s.text.includes('两个维护'))).toBe(true);
  await expect(bar.getByTestId('suggestion-count')).toHaveText(`${proposed.length} 条建议`);
  await bar.getByRole('button', { name: '来源…' }).click();
  await expect(page.getByTestId('suggest-count-dictionary')).toHaveText('2');
  await page.getByTestId('reader').focus();
  await page.keyboard.press('Tab');
  await expect(bar.getByTestId('suggestion-current')).toContainText('蔡奇 → 人物');
  await docScreenshot(page, 'suggestions');
  await page.keyboard.press('Shift+Enter');
  const above = proposed.filter((s) => s.confidence >= 0.9).length;
  await expect.poll(async () => (await spansOf(server, b)).length).toBe(above);
  expect((await spansOf(server, b)).every((s) => s.origin === 'suggested')).toBe(true);
  await expect(bar.getByTestId('suggestion-count')).toHaveText('没有建议');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await spansOf(server, b)).length).toBe(0);
  await expect(page.locator(`[data-testid="reader"] mark`)).toHaveCount(0);
  await expect(bar.getByTestId('suggestion-count')).toHaveText(`${proposed.length} 条建议`);
});

test('opening a document asks for its suggestions once', async ({ server, page }) => {
  await importArticles(server);
  await page.reload();
  const asked: string[] = [];
  page.on('request', (request) => {
    const path = decodeURIComponent(new URL(request.url()).pathname);
    if (path === '/api/suggestions:forDocument') asked.push(request.postData() ?? '');
  });
  await openDoc(page, '蔡奇调研城市更新');
  const bar = page.getByRole('region', { name: '建议' });
  await expect(bar.getByTestId('suggestion-count')).toHaveText(/条建议/);
  // Stepping with Tab changes the selection, not the spans: nothing to ask again either.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(1000); // a second request would have gone out by now (the refresh waits 150 ms)
  expect(asked).toHaveLength(1);
  await openDoc(page, '蔡奇到通州调研');
  await expect(bar.getByTestId('suggestion-count')).toHaveText(/条建议/);
  await page.waitForTimeout(1000);
  expect(asked).toHaveLength(2);
});
