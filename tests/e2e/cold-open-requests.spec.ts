// A reload reopens the last document with each first-screen request sent once (#18 cold open): the
// app info, labels and the document's text and spans leave together before the workbench's code is
// loaded, and the workbench takes those answers instead of asking again; the list's first page once.
import { apiCall, expect, importArticle, test } from './fixtures';

const TEXT = '本报讯 3月12日，朝阳区委书记王灏主持召开区委常委会会议。';

test('a reload asks for each first-screen answer once, the document before the workbench code is in', async ({ server, page }) => {
  const docId = await importArticle(server, TEXT);
  await page.reload();
  // The first open's idle fetch (relations) must be out before counting starts, or it counts twice.
  const idleFetch = (name: string) => page.waitForRequest((request) => decodeURIComponent(request.url()).includes(`/api/${name}`));
  const firstIdleFetch = Promise.all([idleFetch('relations:forDocument'), idleFetch('relationTypes:list')]);
  await page.locator('.doc-row').first().click();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
  await firstIdleFetch;

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
  // Suggestions and relations are not first-screen answers: they are asked after the workbench code is in, when idle, once.
  const idleAnswers = ['suggestions:forDocument', 'relations:forDocument', 'relationTypes:list'];
  for (const name of idleAnswers) {
    expect(
      sent.filter((sentName) => sentName === name),
      name,
    ).toHaveLength(1);
    expect(sent.indexOf(name), name).toBeGreaterThan(sent.indexOf('(workbench code)'));
  }
  sent.splice(0, sent.length, ...sent.filter((name) => !idleAnswers.includes(name)));

  expect([...sent].sort()).toEqual(
    ['(workbench code)', 'annotations:list', 'app:info', 'documents:get', 'documents:list', 'history:state', 'labels:list'].sort(),
  );
  const before = sent.slice(0, sent.indexOf('(workbench code)'));
  expect(before.sort()).toEqual(['annotations:list', 'app:info', 'documents:get', 'labels:list']);
});
