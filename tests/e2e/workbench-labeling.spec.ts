// Labeling in the reader through the browser mode: keyboard and mouse selection, overlapping and
// cross-paragraph spans, relabel, resize, delete, undo/redo, reload persistence, the span list.
import type { Page } from '@playwright/test';
import type { Annotation, Label } from '../../shared/model';
import { apiCall, expect, importJsonl, test, type BiaozhuServer } from './fixtures';
import { charPoints, dragSelect } from './selection';

type Span = Annotation;

const P1 = '本报讯 3月12日，朝阳区委书记王灏主持召开区委常委会会议。会议强调，要坚持“以人民为中心”的发展思想。';
const P2 = '会议指出，力争到2025年底完成老旧小区综合整治120个，新增绿地面积50公顷。';
const TEXT = [P1, '', P2].join('\n');

async function importArticles(server: BiaozhuServer, articles: { id: string; title: string; text: string; date?: string; source?: string }[]) {
  const body = articles
    .map((a) =>
      JSON.stringify({
        id: a.id,
        text: a.text,
        metadata: {
          title: a.title,
          date: a.date ?? '2024-03-12',
          source: a.source ?? '北京日报',
          district: '朝阳区',
          url: null,
          reporters: [],
          externalId: a.id,
        },
        status: 'todo',
        original_text: a.text,
        offset_map: [0, a.text.length, 0, a.text.length],
        spans: [],
      }),
    )
    .join('\n');
  await importJsonl(server, 'seed.jsonl', body);
}

/** Id of the imported document (ids are the server's business, not assumed). */
let docId = 0;
const spans = (server: BiaozhuServer) => apiCall<Span[]>(server, 'annotations:list', { documentId: docId });
const labels = (server: BiaozhuServer) => apiCall<Label[]>(server, 'labels:list', {});

async function openFirstDocument(page: Page) {
  await page.locator('.doc-row').first().click();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
}

test.beforeEach(async ({ server, page }) => {
  await importArticles(server, [{ id: 'a1', title: '朝阳区委常委会传达学习全国两会精神', text: TEXT }]);
  docId = (await apiCall<{ items: { id: number }[] }>(server, 'documents:list', {})).items[0].id;
  // The offsets below assume the text arrived unchanged (biaozhu-jsonl imports are lossless).
  expect((await apiCall<{ text: string }>(server, 'documents:get', { id: docId })).text).toBe(TEXT);
  await page.reload();
  await openFirstDocument(page);
});

test('tags a mouse selection with a number key at exact offsets', async ({ server, page }) => {
  const start = TEXT.indexOf('朝阳区委书记王灏');
  await dragSelect(page, start, start + 8);
  await page.keyboard.press('1');
  await expect(page.locator('mark[data-ids]')).toHaveCount(1);
  await expect.poll(async () => (await spans(server)).length).toBe(1);
  const [span] = await spans(server);
  const person = (await labels(server)).find((l) => l.key === 'PERSON')!;
  expect(TEXT.slice(span.start, span.end)).toBe('朝阳区委书记王灏');
  expect(span.labelId).toBe(person.id);
});

test('selects with Shift+arrows and trims punctuation from the selection', async ({ server, page }) => {
  const start = TEXT.indexOf('“以人民为中心”') - 1;
  await dragSelect(page, start, start + 1);
  // Collapse to the selection's end, then extend over the quotes and the slogan with the keyboard.
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < '“以人民为中心”'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('2');
  await expect.poll(async () => (await spans(server)).length).toBe(1);
  const [span] = await spans(server);
  expect(TEXT.slice(span.start, span.end)).toBe('“以人民为中心”');
});

test('trimming keeps a quote pair whole and says which marks it left out', async ({ server, page }) => {
  const selected = '“以人民为中心”的发展思想。';
  const start = TEXT.indexOf(selected);
  await dragSelect(page, start, start + selected.length);
  await page.keyboard.press('2');
  await expect.poll(async () => (await spans(server)).length).toBe(1);
  const [span] = await spans(server);
  expect(TEXT.slice(span.start, span.end)).toBe('“以人民为中心”的发展思想');
  await expect(page.locator('.toast-message').filter({ hasText: '。' })).toBeVisible();
});

test('pressing a label key again on the same selection selects the span instead of doubling it', async ({ server, page }) => {
  const start = TEXT.indexOf('王灏');
  await dragSelect(page, start, start + 2);
  await page.keyboard.press('1');
  await expect.poll(async () => (await spans(server)).length).toBe(1);
  await dragSelect(page, start, start + 2);
  await page.keyboard.press('1');
  await expect(page.locator('.toast-message').filter({ hasText: '王灏' })).toBeVisible();
  await expect(page.locator('.span-detail-text')).toHaveText('王灏');
  await expect(page.locator('mark[data-ids]')).toHaveCount(1);
  expect(await spans(server)).toHaveLength(1);
});

test('overlapping and nested spans each keep their own mark id', async ({ server, page }) => {
  const outer = TEXT.indexOf('力争到2025年底完成老旧小区综合整治120个');
  const inner = TEXT.indexOf('老旧小区综合整治');
  await dragSelect(page, outer, outer + '力争到2025年底完成老旧小区综合整治120个'.length);
  await page.keyboard.press('4');
  await dragSelect(page, inner, inner + 8);
  await page.keyboard.press('3');
  await expect.poll(async () => (await spans(server)).length).toBe(2);
  const overlap = page.locator('mark[data-ids*=" "]');
  await expect(overlap).toHaveText('老旧小区综合整治');
  // A click on the overlap selects the innermost span; a second click cycles to the outer one.
  await page.keyboard.press('Escape');
  await overlap.click();
  await expect(page.locator('.span-detail-text')).toHaveText('老旧小区综合整治');
  await overlap.click();
  await expect(page.locator('.span-detail-text')).toHaveText('力争到2025年底完成老旧小区综合整治120个');
});

test('a drag still selects what it covered when the text is redrawn under it', async ({ server, page }) => {
  const outer = TEXT.indexOf('力争到2025年底完成老旧小区综合整治120个');
  const inner = TEXT.indexOf('老旧小区综合整治');
  await dragSelect(page, outer, outer + '力争到2025年底完成老旧小区综合整治120个'.length);
  const from = await charPoints(page, inner, inner + 8);
  await page.mouse.move(from.x1, from.y1);
  await page.mouse.down();
  // A fast coder's key for the previous selection lands while the button is already down for the
  // next: the new mark redraws the paragraph the drag began in.
  await page.keyboard.press('4');
  await expect(page.locator('mark[data-ids]')).toHaveCount(1);
  const to = await charPoints(page, inner, inner + 8);
  await page.mouse.move(to.x2, to.y2, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.press('3');
  await expect.poll(async () => (await spans(server)).length).toBe(2);
  const byKey = new Map((await labels(server)).map((l) => [l.id, l.key]));
  const tagged = (await spans(server)).map((s) => [TEXT.slice(s.start, s.end), byKey.get(s.labelId)]).sort();
  expect(tagged).toEqual([
    ['力争到2025年底完成老旧小区综合整治120个', 'TARGET'],
    ['老旧小区综合整治', 'PROJECT'],
  ]);
});

test('a span may cross a paragraph break and is drawn in both paragraphs', async ({ server, page }) => {
  const start = TEXT.indexOf('发展思想');
  const end = TEXT.indexOf('会议指出') + 4;
  await dragSelect(page, start, end);
  await page.keyboard.press('2');
  await expect.poll(async () => (await spans(server)).length).toBe(1);
  const [span] = await spans(server);
  expect([span.start, span.end]).toEqual([start, end]);
  const marks = page.locator(`mark[data-ids~="${span.id}"]`);
  await expect(marks).toHaveCount(2);
});

test('relabel, resize and delete the selected span from the keyboard', async ({ server, page }) => {
  const start = TEXT.indexOf('王灏');
  await dragSelect(page, start, start + 2);
  await page.keyboard.press('1');
  await expect.poll(async () => (await spans(server)).length).toBe(1);
  const slogan = (await labels(server)).find((l) => l.key === 'SLOGAN')!;
  await page.keyboard.press('2');
  await expect.poll(async () => (await spans(server))[0].labelId).toBe(slogan.id);
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await expect.poll(async () => (await spans(server))[0].start).toBe(start - 2);
  await page.keyboard.press(']');
  await expect.poll(async () => (await spans(server))[0].end).toBe(start + 3);
  await page.keyboard.press('Shift+BracketRight');
  await page.keyboard.press('Shift+BracketLeft');
  await expect
    .poll(async () => {
      const [s] = await spans(server);
      return TEXT.slice(s.start, s.end);
    })
    .toBe('记王灏');
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await spans(server)).length).toBe(0);
  await expect(page.locator('mark[data-ids]')).toHaveCount(0);
});

test('undo and redo go through the persistent history', async ({ server, page }) => {
  const start = TEXT.indexOf('区委常委会');
  await dragSelect(page, start, start + 5);
  await page.keyboard.press('3');
  await expect.poll(async () => (await spans(server)).length).toBe(1);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await spans(server)).length).toBe(0);
  await expect(page.locator('mark[data-ids]')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await spans(server)).length).toBe(1);
  await expect(page.locator('mark[data-ids]')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+y');
  await expect(page.locator('mark[data-ids]')).toHaveCount(1);
  await expect.poll(async () => (await spans(server)).length).toBe(1);
});

test('spans survive a reload and the span list selects and scrolls to them', async ({ server, page }) => {
  const a = TEXT.indexOf('王灏');
  const b = TEXT.indexOf('新增绿地面积50公顷');
  await dragSelect(page, a, a + 2);
  await page.keyboard.press('1');
  await dragSelect(page, b, b + '新增绿地面积50公顷'.length);
  await page.keyboard.press('4');
  await expect.poll(async () => (await spans(server)).length).toBe(2);
  await page.reload();
  await expect(page.locator('mark[data-ids]')).toHaveCount(2);
  const list = page.locator('.span-list');
  await expect(list.locator('.span-group')).toHaveCount(2);
  await list.getByRole('button', { name: /新增绿地面积50公顷/ }).click();
  await expect(page.locator('.span-detail-text')).toHaveText('新增绿地面积50公顷');
  await expect(page.locator('mark.is-selected')).toHaveText('新增绿地面积50公顷');
  // J/K walk the spans in reading order; Escape deselects.
  await page.keyboard.press('k');
  await expect(page.locator('.span-detail-text')).toHaveText('王灏');
  await page.keyboard.press('Escape');
  await expect(page.locator('mark.is-selected')).toHaveCount(0);
});

test('find highlights matches and Enter steps through them', async ({ page }) => {
  await page.keyboard.press('Control+f');
  const input = page.getByRole('searchbox', { name: /查找|Find/ });
  await input.fill('会议');
  await expect(page.locator('.find-count')).toHaveText(/1 \/ 3|1 of 3/);
  await input.press('Enter');
  await expect(page.locator('.find-count')).toHaveText(/2 \/ 3|2 of 3/);
  await input.press('Escape');
  await expect(page.locator('.find-bar')).toHaveCount(0);
});

test('word snapping widens a mouse selection to whole words', async ({ server, page }) => {
  await page.keyboard.press('w');
  await expect(page.getByRole('button', { name: /按词吸附|Word snapping/ })).toHaveAttribute('aria-pressed', 'true');
  // Whatever the segmenter's words are, the snapped span starts and ends on its word boundaries.
  const start = TEXT.indexOf('常委会') + 1;
  const bounds = await page.evaluate((line) => {
    const out = [0];
    for (const s of new Intl.Segmenter('zh', { granularity: 'word' }).segment(line)) out.push(s.index + s.segment.length);
    return out;
  }, P1);
  await dragSelect(page, start, start + 1);
  await page.keyboard.press('3');
  await expect.poll(async () => (await spans(server)).length).toBe(1);
  const [span] = await spans(server);
  expect(bounds).toContain(span.start);
  expect(bounds).toContain(span.end);
  expect(span.start).toBeLessThanOrEqual(start);
  expect(span.end).toBeGreaterThanOrEqual(start + 1);
  expect(span.end - span.start).toBeGreaterThan(1);
});

test('Tab steps through spans while the text has focus, and the label bar tags with a click', async ({ server, page }) => {
  const a = TEXT.indexOf('王灏');
  const b = TEXT.indexOf('以人民为中心');
  await dragSelect(page, a, a + 2);
  await page.getByRole('button', { name: /人物|Person/ }).click();
  await dragSelect(page, b, b + 6);
  await page.keyboard.press('2');
  await expect.poll(async () => (await spans(server)).length).toBe(2);
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid="reader"]')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('.span-detail-text')).toHaveText('王灏');
  await page.keyboard.press('Tab');
  await expect(page.locator('.span-detail-text')).toHaveText('以人民为中心');
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('.span-detail-text')).toHaveText('王灏');
});
