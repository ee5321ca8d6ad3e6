// Annotation timing (#24) in the real renderer: a span labelled a moment after opening the document
// gets a lead time (> 0 and no more than the wall time it took); after a pause of more than two
// minutes (Playwright's clock jumps it) the next span's lead time and the document's active time
// leave the pause out; setting the document done keeps its active time at done.
import { apiCall, expect, importArticle, test } from './fixtures';
import { dragSelect } from './selection';

const TEXT = '本报讯 3月12日，朝阳区委书记王灏主持召开区委常委会会议。会议强调，要坚持“以人民为中心”的发展思想。';
const PAUSE_MS = 3 * 60 * 1000;

interface Span {
  start: number;
  leadTimeMs?: number;
}
interface TimingRows {
  documents: { documentId: number; activeMs: number; activeMsToDone: number | null; doneAt: string | null }[];
  leadTimes: { labelId: number; spans: number }[];
}

test('lead times and the document’s active time are recorded, a pause over two minutes left out', async ({ server, page }) => {
  const docId = await importArticle(server, TEXT);
  await page.clock.install(); // time flows as usual until the test jumps it
  await page.reload();
  const wallStart = Date.now();
  await page.locator('.doc-row').first().click();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
  await page.waitForTimeout(1500); // the coder reads a moment
  const person = TEXT.indexOf('王灏');
  await dragSelect(page, person, person + 2);
  await page.keyboard.press('1');
  const spans = () => apiCall<Span[]>(server, 'annotations:list', { documentId: docId });
  await expect.poll(async () => (await spans()).length).toBe(1);
  const [first] = await spans();
  const firstWall = Date.now() - wallStart;
  expect(first!.leadTimeMs).toBeGreaterThan(1000);
  expect(first!.leadTimeMs).toBeLessThanOrEqual(firstWall);

  // The coder leaves for three minutes: the jump fires the once-a-minute report, which has nothing new to say.
  await page.clock.fastForward(PAUSE_MS);
  const slogan = TEXT.indexOf('以人民为中心');
  await dragSelect(page, slogan, slogan + 6);
  await page.keyboard.press('2');
  await expect.poll(async () => (await spans()).length).toBe(2);
  const second = (await spans()).find((s) => s.start === slogan)!;
  // Since the first span: the pause is left out, only the moments of selecting count.
  expect(second.leadTimeMs).toBeGreaterThanOrEqual(0);
  expect(second.leadTimeMs).toBeLessThan(Date.now() - wallStart - firstWall + 1000);

  await page.locator('.status-seg-done').click();
  await expect.poll(async () => (await apiCall<{ status: string }>(server, 'documents:get', { id: docId })).status).toBe('done');
  const timing = await apiCall<TimingRows>(server, 'dashboard:timing', {});
  const wall = Date.now() - wallStart;
  expect(timing.documents).toHaveLength(1);
  const [doc] = timing.documents;
  expect(doc!.documentId).toBe(docId);
  expect(doc!.doneAt).not.toBeNull();
  expect(doc!.activeMs).toBeGreaterThanOrEqual(first!.leadTimeMs! + second.leadTimeMs!);
  // At most the real time the test took: the three jumped minutes are not in it.
  expect(doc!.activeMs).toBeLessThanOrEqual(wall);
  expect(doc!.activeMsToDone).toBe(doc!.activeMs);
  expect(timing.leadTimes.map((row) => row.spans)).toEqual([1, 1]);
});
