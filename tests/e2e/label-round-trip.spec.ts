// Pressing a label key is one request (issue #19): annotations:create answers with the span, the
// document's new status and the undo state, so the renderer asks for nothing else — and the
// document list, the undo button and the span itself still show what the server did; the mark drawn
// at the press is kept and given the server's id instead of its paragraph being rebuilt.
import type { Page } from '@playwright/test';
import { apiCall, expect, importArticle, test } from './fixtures';
import { dragSelect } from './selection';

const TEXT = '本报讯 3月12日，朝阳区委书记王灏主持召开区委常委会会议。会议强调，要坚持“以人民为中心”的发展思想。';

test('one label key press sends one request and updates the list, the undo state and the mark', async ({ server, page }) => {
  const docId = await importArticle(server, TEXT);
  await page.reload();
  await page.locator('.doc-row').first().click();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
  // Let the open's own requests (history state, list pages) finish before counting.
  await page.waitForTimeout(500);

  const requests: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) requests.push(decodeURIComponent(path.slice('/api/'.length)));
  });
  await dragSelect(page, TEXT.indexOf('王灏'), TEXT.indexOf('王灏') + 2);
  // The first mark the press puts in the DOM: it should stay, renamed to the server's id, not be rebuilt.
  await page.evaluate(() => {
    const w = window as unknown as { firstMark?: Element };
    new MutationObserver((records, observer) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof Element && (n.matches('mark') ? n : n.querySelector('mark'))) {
            w.firstMark = n.matches('mark') ? n : n.querySelector('mark')!;
            observer.disconnect();
            return;
          }
    }).observe(document.querySelector('[data-testid="reader"]')!, { subtree: true, childList: true });
  });
  await page.keyboard.press('1');

  const stored = () => apiCall<{ id: number }[]>(server, 'annotations:list', { documentId: docId });
  await expect.poll(async () => (await stored()).length).toBe(1);
  const [span] = await stored();
  // The mark carries the server's id, the list row says in progress, undo is offered.
  await expect(page.locator(`mark[data-ids="${span.id}"]`)).toHaveCount(1);
  await expect(page.locator('.doc-row').first().locator('.status-badge')).toHaveClass(/status-in_progress/);
  await expect(page.getByRole('button', { name: '撤销', exact: true })).toBeEnabled();
  const first = await page.evaluate(() => {
    const mark = (window as unknown as { firstMark?: HTMLElement }).firstMark;
    return mark ? { connected: mark.isConnected, ids: mark.dataset.ids } : null;
  });
  expect(first).toEqual({ connected: true, ids: String(span.id) });
  await page.waitForTimeout(800); // anything the press still sends would have gone out by now
  // The label is one request. After it, at idle time, the selected new span's panels ask for their own
  // small answers (the suggestions' refresh, its entity proposal, the document's relations, asked for once the pointer moved over the text); nothing
  // scans the corpus (search:*), which would hold the next key press back on the core.
  const followUps = new Set(['suggestions:forDocument', 'entities:propose', 'relations:forDocument', 'relationTypes:list']);
  expect(requests.filter((name) => !followUps.has(name))).toEqual(['annotations:create']);
});
