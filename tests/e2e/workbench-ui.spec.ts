// The workbench around the reader: document list, review mode, attributes, metadata, label editor,
// language and theme, palette and help, and accessibility (axe) of the main screens.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Annotation } from '../../shared/model';
import { apiCall, docScreenshot, expect, importJsonl, test, type BiaozhuServer } from './fixtures';

type Span = Annotation;

const BODY = [
  '本报讯（记者 张伟）3月12日，朝阳区委书记王灏主持召开区委常委会会议，传达学习全国两会精神。会议强调，要坚持“以人民为中心”的发展思想，深入推进“疏解整治促提升”专项行动。',
  '会议指出，今年将重点推进CBD东扩区建设和亮马河国际风情水岸二期工程，力争到2025年底完成老旧小区综合整治120个，新增绿地面积50公顷。',
  '区长文献表示，要以“接诉即办”为抓手，持续深化“每月一题”改革，确保全年民生实事项目按期完工。',
].join('\n');

const ARTICLES = [
  { title: '朝阳区委常委会传达学习全国两会精神', date: '2024-03-12', source: '北京日报', status: 'in_progress' },
  { title: '海淀区推进中关村科学城北区建设', date: '2024-02-01', source: '海淀报', status: 'done' },
  { title: '东城区“接诉即办”改革综述', date: '2024-04-20', source: '东城时讯', status: 'todo' },
  { title: '西城区老旧小区改造提速', date: '2023-11-05', source: '北京日报', status: 'todo' },
];

const SPANS: [string, string][] = [
  ['朝阳区委书记王灏', 'PERSON'],
  ['王灏', 'PERSON'],
  ['以人民为中心', 'SLOGAN'],
  ['疏解整治促提升', 'SLOGAN'],
  ['亮马河国际风情水岸二期工程', 'PROJECT'],
  ['力争到2025年底完成老旧小区综合整治120个', 'TARGET'],
  ['老旧小区综合整治', 'PROJECT'],
  ['文献', 'PERSON'],
];

/** Imports the articles losslessly (biaozhu-jsonl) with spans on the first one. */
async function seed(server: BiaozhuServer) {
  const lines = ARTICLES.map((a, i) => {
    const text = i === 0 ? BODY : `${a.title}。\n${BODY.split('\n')[i % 3]}`;
    const spans =
      i === 0
        ? SPANS.map(([s, label], n) => ({ id: n + 1, label, start: text.indexOf(s), end: text.indexOf(s) + s.length, attributes: {}, annotator: 'seed' }))
        : [];
    return JSON.stringify({
      id: `doc-${i}`,
      text,
      metadata: { title: a.title, date: a.date, source: a.source, district: '朝阳区', url: null, reporters: ['张伟'], externalId: `doc-${i}` },
      status: a.status,
      original_text: text,
      offset_map: [0, text.length, 0, text.length],
      spans,
    });
  });
  await importJsonl(server, 'seed.jsonl', lines.join('\n'));
  // Statuses are work state, not file content: set them the way the reader does.
  const { items } = await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', { sort: 'id' });
  ids = ARTICLES.map((a) => items.find((d) => d.title === a.title)!.id);
  for (const [i, a] of ARTICLES.entries()) if (a.status !== 'todo') await apiCall(server, 'documents:update', { id: ids[i], status: a.status });
}

/** Server ids of ARTICLES, in order. */
let ids: number[] = [];

const spans = (server: BiaozhuServer) => apiCall<Span[]>(server, 'annotations:list', { documentId: ids[0] });

async function openDoc(page: Page, title: string) {
  await page.locator('.doc-row', { hasText: title }).click();
  await expect(page.locator('.reader-title')).toHaveText(title);
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    ),
  ).toEqual([]);
}

test.beforeEach(async ({ server, page, serverOptions }) => {
  if (serverOptions.project === 'none') return;
  await seed(server);
  await page.reload();
});

test('document list filters, sorts and jumps to the next unfinished document', async ({ page }) => {
  const rows = page.locator('.doc-row');
  await expect(rows).toHaveCount(4);
  await page.getByRole('combobox', { name: /状态|Status/ }).selectOption('todo');
  await expect(rows).toHaveCount(2);
  await page.getByRole('combobox', { name: /状态|Status/ }).selectOption('');
  await page.getByRole('searchbox', { name: /筛选标题|Filter titles/ }).fill('海淀');
  await expect(rows).toHaveCount(1);
  await page.getByRole('searchbox', { name: /筛选标题|Filter titles/ }).fill('');
  await expect(rows).toHaveCount(4);
  await page.getByRole('combobox', { name: /排序|Sort by/ }).selectOption('date');
  await expect(rows.first()).toContainText('西城区');
  await page.getByRole('button', { name: /升序|Ascending/ }).click();
  await expect(rows.first()).toContainText('东城区');
  // N opens the next document that is neither done nor reviewed, by id.
  await page.locator('body').press('n');
  await expect(page.locator('.reader-title')).toHaveText(ARTICLES[0].title);
  await page.keyboard.press('n');
  await expect(page.locator('.reader-title')).toHaveText(ARTICLES[2].title);
  // Status from the reader header shows in the list at once.
  await page.getByRole('radio', { name: /已完成|Done/ }).click();
  await expect(page.locator('.doc-row.is-current .status-badge')).toHaveText(/已完成|Done/);
});

test('review mode accepts and rejects spans and marks the document reviewed', async ({ server, page }) => {
  await openDoc(page, ARTICLES[0].title);
  await page.keyboard.press('Alt+r');
  await expect(page.getByRole('tab', { name: /审核|Review/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  await page.keyboard.press('r');
  await expect
    .poll(async () => (await spans(server)).map((s) => s.reviewState).sort())
    .toEqual(['accepted', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending', 'rejected']);
  await expect(page.locator('.review-card')).toBeVisible();
  await docScreenshot(page, 'review');
  await page.getByRole('button', { name: /标记文档为已审核|Mark document reviewed/ }).click();
  await expect.poll(async () => (await apiCall<{ status: string }>(server, 'documents:get', { id: ids[0] })).status).toBe('reviewed');
});

test('attributes of the selected span and document metadata are edited in place', async ({ server, page }) => {
  await openDoc(page, ARTICLES[0].title);
  await page
    .locator('.span-list')
    .getByRole('button', { name: /力争到2025年底/ })
    .click();
  await page.getByLabel(/^(数值|Value)$/).fill('120');
  await page.getByLabel(/^(单位|Unit)$/).fill('个');
  await page.getByLabel(/^(单位|Unit)$/).press('Enter');
  await page.getByLabel(/^(期限|Deadline)$/).fill('2025-12-31');
  // A date is saved when the field is left (Tab), not on every keystroke of a half-typed date.
  await page.getByLabel(/^(期限|Deadline)$/).press('Tab');
  await expect
    .poll(async () => (await spans(server)).find((s) => s.attributes.value)?.attributes)
    .toEqual({ value: '120', unit: '个', deadline: '2025-12-31' });
  await page.getByRole('tab', { name: /文档信息|Document/ }).click();
  await page.getByLabel(/^(区|District)$/).fill('朝阳');
  await page.getByLabel(/^(记者|Reporters)$/).fill('张伟，李娜');
  await page.getByLabel(/^(记者|Reporters)$/).press('Enter');
  await expect
    .poll(async () => (await apiCall<{ reporters: string[]; district: string }>(server, 'documents:get', { id: ids[0] })).reporters)
    .toEqual(['张伟', '李娜']);
  expect((await apiCall<{ district: string }>(server, 'documents:get', { id: ids[0] })).district).toBe('朝阳');
});

test('label editor renames, recolours and adds labels with attributes', async ({ server, page }) => {
  await openDoc(page, ARTICLES[0].title);
  await page.getByRole('button', { name: /^(标签|Labels)$/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/^(英文名|English name)$/).fill('Person (official)');
  await dialog.getByLabel(/颜色 hex|Colour hex/).fill('#c92a2a');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  await expect
    .poll(async () => (await apiCall<{ key: string; nameEn: string; color: string }[]>(server, 'labels:list')).find((l) => l.key === 'PERSON'))
    .toMatchObject({ nameEn: 'Person (official)', color: '#c92a2a' });
  await dialog.getByRole('button', { name: /添加标签|Add label/ }).click();
  await dialog.getByLabel(/^(中文名|Chinese name)$/).fill('机构');
  await dialog.getByLabel(/^(英文名|English name)$/).fill('Organization');
  await dialog.getByLabel(/^(键名|Key)$/).fill('ORG');
  await dialog.getByRole('button', { name: /添加属性|Add attribute/ }).click();
  await dialog.getByLabel(/^(属性键名|Attribute key)$/).fill('level');
  await dialog.getByLabel(/^(属性中文名|Attribute Chinese name)$/).fill('级别');
  await dialog.getByLabel(/^(属性英文名|Attribute English name)$/).fill('Level');
  await dialog.getByLabel(/^(类型|Type)$/).selectOption('choice');
  await dialog.getByLabel(/选项|Choices/).fill('市级, 区级');
  // Review's A belongs to review: the editor says so and will not save it.
  await dialog.getByLabel(/^(快捷键|Hotkey)$/).fill('a');
  await expect(dialog.getByRole('alert')).toContainText(/审核：接受|review: accept/);
  await expect(dialog.getByRole('button', { name: /^(保存|Save)$/ })).toBeDisabled();
  await dialog.getByLabel(/^(快捷键|Hotkey)$/).fill('o');
  await docScreenshot(page, 'label-editor');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  await expect
    .poll(async () => (await apiCall<{ key: string; attributes: unknown[] }[]>(server, 'labels:list')).find((l) => l.key === 'ORG')?.attributes)
    .toEqual([{ key: 'level', nameZh: '级别', nameEn: 'Level', type: 'choice', options: ['市级', '区级'] }]);
  await expect(dialog.locator('.label-list-item')).toHaveCount(5);
  await axe(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.label-chip')).toHaveCount(5);
});

test('language and theme switch and persist; palette and help list every key', async ({ page }) => {
  await openDoc(page, ARTICLES[0].title);
  await expect(page.getByRole('button', { name: '导入' })).toBeVisible();
  await docScreenshot(page, 'workbench-zh');
  await axe(page);
  await page.getByRole('button', { name: /语言|Language/ }).click();
  await expect(page.getByRole('button', { name: 'Import' })).toBeVisible();
  await page.getByRole('button', { name: /Dark theme/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Import' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.reader-title')).toHaveText(ARTICLES[0].title);
  await page.locator('mark[data-ids]').filter({ hasText: '以人民为中心' }).click();
  await docScreenshot(page, 'workbench-en-dark');
  await axe(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: /Type a command/ });
  await palette.getByRole('combobox').fill('theme');
  await palette.getByRole('combobox').press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.locator('body').press('?');
  const help = page.getByRole('dialog', { name: /Keyboard shortcuts/ });
  await expect(help).toContainText('Grow span start one char left');
  await expect(help).toContainText('Ctrl+Shift+Z');
  await axe(page);
});

test.describe('without a project', () => {
  test.use({ serverOptions: { project: 'none' } });

  test('the start screen creates a project and opens the workbench', async ({ server, page }) => {
    await expect(page.getByRole('heading', { name: /新建项目|Create project/ })).toBeVisible();
    await axe(page);
    await page.getByLabel(/项目文件路径|Project file path/).fill(`${server.dir}/fresh.biaozhu`);
    await page.getByLabel(/项目名称|Project name/).fill('区县新闻 2024');
    await page.getByRole('button', { name: /^(新建项目|Create project)$/ }).click();
    await expect(page.locator('.top-project-name')).toHaveText('区县新闻 2024');
    await expect(page.getByText(/项目里还没有文档|no documents yet/)).toBeVisible();
  });
});
