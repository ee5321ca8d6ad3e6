// A reload reopens the last document with each first-screen request sent once (#18 cold open): the
// app info, labels and the document's text and spans leave together before the workbench's code is
// loaded, and the workbench takes those answers instead of asking again; the list's first page once.
import { apiCall, expect, importArticle, test } from './fixtures';

const TEXT = '本报讯 3月12日，朝阳区委书记王灏主持召开区委常委会会议。';

test('a reload asks for each first-screen answer once, the document before the workbench code is in', async ({ server, page }) => {
  const docId = await importArticle(server, TEXT);
  await page.reload();
  await page.locator('.doc-row').first().click();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();

  const sent: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) sent.push(decodeURIComponent(path.slice('/api/'.length)));
    else if (/\/assets\/mount-[^/]+\.js$/.test(path)) sent.push('(workbench code)');
  });
  await page.reload();
  await expect(page.locator(`.doc-row.is-current[data-doc-id="${docId}"]`)).toBeVisible();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toContainText('朝阳区委书记');
  await page.waitForTimeout(800); // anything still to be asked would have gone out by now
  // Suggestions are not a first-screen answer: they are asked after the workbench code is in, and drawn when idle.
  const suggestionsAt = sent.indexOf('suggestions:forDocument');
  expect(suggestionsAt).toBeGreaterThan(sent.indexOf('(workbench code)'));
  sent.splice(0, sent.length, ...sent.filter((name) => name !== 'suggestions:forDocument'));

  expect([...sent].sort()).toEqual(
    ['(workbench code)', 'annotations:list', 'app:info', 'documents:get', 'documents:list', 'history:state', 'labels:list'].sort(),
  );
  const before = sent.slice(0, sent.indexOf('(workbench code)'));
  expect(before.sort()).toEqual(['annotations:list', 'app:info', 'documents:get', 'labels:list']);
});
