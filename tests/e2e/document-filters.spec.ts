// The document list's span filters and the project overview tab, through the browser mode.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { docScreenshot, expect, importJsonl, SEEDS_DIR, test, type BiaozhuServer } from './fixtures';

const TEXT = '区委书记张延昆到温榆河公园调研，强调要增强“四个意识”，力争年底前完成120个小区整治。';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });
type Span = { label: string; annotator: string; review_state: string; text: string };

async function seed(server: BiaozhuServer) {
  const docs: { title: string; spans: Span[] }[] = [
    { title: '甲 海淀区调研', spans: [{ label: 'PERSON', annotator: '王老师', review_state: 'accepted', text: '张延昆' }] },
    { title: '乙 昌平区会议', spans: [{ label: 'SLOGAN', annotator: '李同学', review_state: 'pending', text: '四个意识' }] },
    {
      title: '丙 朝阳区整治',
      spans: [
        { label: 'PERSON', annotator: '李同学', review_state: 'pending', text: '张延昆' },
        { label: 'TARGET', annotator: '王老师', review_state: 'rejected', text: '120个小区' },
      ],
    },
    { title: '丁 通州区动态', spans: [] },
  ];
  const body = docs
    .map((d, i) => {
      const text = `${TEXT}（${i}）`;
      return JSON.stringify({
        id: `doc-${i}`,
        text,
        original_text: text,
        offset_map: [0, text.length, 0, text.length],
        status: 'todo',
        metadata: { title: d.title, date: '2024-03-12', source: '北京日报', district: null, url: null, reporters: [], externalId: `doc-${i}` },
        spans: d.spans.map((s) => ({ ...at(s.text), label: s.label, annotator: s.annotator, origin: 'manual', review_state: s.review_state })),
      });
    })
    .join('\n');
  await importJsonl(server, 'coded.jsonl', body);
  // A portal page: importing it strips its site chrome and says so in a warning.
  await importJsonl(server, 'portal.txt', readFileSync(join(SEEDS_DIR, '000_23b502aa0af0b749.txt'), 'utf8'));
}

async function openMoreFilters(page: Page) {
  const more = page.getByRole('button', { name: /更多筛选|More filters/ });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}

const rows = (page: Page) => page.locator('.doc-list .doc-row');
async function expectTitles(page: Page, titles: RegExp[]) {
  await expect(page.locator('.doc-list .pane-count')).toContainText(String(titles.length));
  await expect(rows(page)).toHaveCount(titles.length);
  for (const [i, title] of titles.entries()) await expect(rows(page).nth(i)).toContainText(title);
}

test('the document list filters by a label it lacks, by coder and by import warnings', async ({ server, page }) => {
  await seed(server);
  await page.reload();
  await expect(rows(page)).toHaveCount(5);
  await openMoreFilters(page);

  await page.getByLabel(/^(不含标签|Lacks label)$/).selectOption('PERSON');
  await expectTitles(page, [/乙 昌平区会议/, /丁 通州区动态/, /./]);
  await expect(page.locator('.doc-list')).not.toContainText('甲 海淀区调研');
  await page.screenshot({ path: 'test-results/document-filters-lacks-label.png' });
  await page.getByLabel(/^(不含标签|Lacks label)$/).selectOption('');

  await page.getByLabel(/^(标注人|Coder)$/).selectOption('李同学');
  await expectTitles(page, [/乙 昌平区会议/, /丙 朝阳区整治/]);
  // Combined with review progress: of 李同学's documents, those with every span reviewed — none.
  await page.getByLabel(/^(审核|Review)$/).selectOption('all_reviewed');
  await expect(rows(page)).toHaveCount(0);
  await page.getByRole('button', { name: /全部清除|Clear all/ }).click();
  await expect(rows(page)).toHaveCount(5);

  await openMoreFilters(page);
  await page.getByLabel(/^(警告|Warnings)$/).selectOption('yes');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).not.toContainText(/[甲乙丙丁] /);
  await page.getByLabel(/^(有无标注|Has spans)$/).selectOption('no');
  await expect(rows(page)).toHaveCount(1);
  await page.screenshot({ path: 'test-results/document-filters-warnings.png' });
});

test('the overview tab counts documents and spans, and a label row filters the list', async ({ server, page }) => {
  await seed(server);
  await page.reload();
  await page.getByRole('tab', { name: /概览|Overview/ }).click();
  const overview = page.getByTestId('overview');
  await expect(overview.locator('.overview-totals')).toHaveText(/5 篇文档 · 4 处标注|5 documents · 4 spans/);
  const count = (group: string, row: string) => overview.locator(`[aria-labelledby="overview-${group}"] li[data-row="${row}"] .overview-count`);
  await expect(count('status', 'todo')).toHaveText('5');
  await expect(count('labels', 'PERSON')).toHaveText('2');
  await expect(count('labels', 'SLOGAN')).toHaveText('1');
  await expect(count('labels', 'PROJECT')).toHaveText('0');
  await expect(count('coders', '王老师')).toHaveText('2');
  await expect(count('coders', '李同学')).toHaveText('2');
  await expect(count('review', 'pending')).toHaveText('2');
  await expect(count('review', 'accepted')).toHaveText('1');
  await expect(count('review', 'rejected')).toHaveText('1');
  await docScreenshot(page, 'overview');

  await overview.locator('[aria-labelledby="overview-labels"] li[data-row="PERSON"] button').click();
  await expectTitles(page, [/甲 海淀区调研/, /丙 朝阳区整治/]);
});
