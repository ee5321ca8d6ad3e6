// The document list's filters a dashboard drill (#24) lands on, through the real browser mode on the
// demo project: the district picker, a chip per filter (each removable) and "clear all"; then a month
// bar of the dashboard, and a co-occurrence cell, open the list under the chart's filter narrowed to
// the bar or cell, named by its chips, listing exactly the documents the chart counted.
import type { Locator, Page } from '@playwright/test';
import type { Cooccurrence, MentionsPerMonth } from '../../shared/api/dashboard';
import { apiCall, expect, test, type BiaozhuServer } from './fixtures';

test.use({ serverOptions: { project: 'demo' } });

const rows = (page: Page) => page.locator('.doc-list [data-doc-id]');
const chips = (page: Page) => page.getByRole('group', { name: /当前筛选|Active filters/ });
const count = (page: Page) => page.locator('.doc-list .pane-count');

async function listed(server: BiaozhuServer, filter: object): Promise<number[]> {
  const page = await apiCall<{ total: number; items: { id: number }[] }>(server, 'documents:list', { filter, limit: 1000 });
  return page.items.map((d) => d.id);
}

async function shownIds(page: Page): Promise<number[]> {
  return rows(page).evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-doc-id'))).sort((a, b) => a - b));
}

/** The count says how many; the rows are those documents (a long list draws only the rows in view: those are among them). */
async function expectListed(page: Page, ids: number[]) {
  await expect(count(page)).toHaveText(new RegExp(`(^|\\D)${ids.length}(\\D|$)`));
  if (ids.length <= 8) {
    await expect(rows(page)).toHaveCount(ids.length);
    expect(await shownIds(page)).toEqual([...ids].sort((a, b) => a - b));
  } else {
    await expect(rows(page).first()).toBeVisible();
    for (const id of await shownIds(page)) expect(ids).toContain(id);
  }
}

test('district picker, a chip per filter, each removable, and clear all', async ({ page, server }) => {
  const all = await listed(server, {});
  const districts = await apiCall<{ value: string; documents: number }[]>(server, 'documents:values', { field: 'district' });
  expect(districts.length).toBeGreaterThan(1);
  const district = districts[0];
  expect(district.documents).toBeLessThan(all.length);

  await page.getByRole('button', { name: /更多筛选|More filters/ }).click();
  const picker = page.getByRole('combobox', { name: /^(区县|District)$/ });
  // The picker offers the corpus's districts, most documents first (asked for when the filters open: polled).
  const offered = () => page.locator('#doc-filter-district-values option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
  await expect.poll(offered).toEqual(districts.map((d) => d.value));
  await picker.fill(district.value);
  await expectListed(page, await listed(server, { district: district.value }));
  expect((await listed(server, { district: district.value })).length).toBe(district.documents);
  await expect(chips(page).locator('[data-filter="district"]')).toHaveText(new RegExp(`(区县|District)${district.value}`));

  // A second filter: its own chip; the list is both at once.
  await page.getByRole('combobox', { name: /^(状态|Status)$/ }).selectOption('todo');
  const both = await listed(server, { district: district.value, status: 'todo' });
  await expectListed(page, both);
  await expect(chips(page).locator('.doc-filter-chip')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/dashboard-drill-chips.png' });

  // Removing the district chip leaves the status filter, and empties the picker.
  await chips(page)
    .getByRole('button', { name: new RegExp(`(移除筛选|Remove filter) (区县|District): ${district.value}`) })
    .click();
  await expectListed(page, await listed(server, { status: 'todo' }));
  await expect(picker).toHaveValue('');
  await expect(chips(page).locator('.doc-filter-chip')).toHaveCount(1);

  await picker.fill(district.value);
  await page.getByRole('searchbox', { name: /筛选标题|Filter titles/ }).fill('北京');
  await expect(chips(page).locator('.doc-filter-chip')).toHaveCount(3);
  await chips(page)
    .getByRole('button', { name: /全部清除|Clear all/ })
    .click();
  await expect(chips(page)).toHaveCount(0);
  await expectListed(page, all);
  await expect(picker).toHaveValue('');
  await expect(page.getByRole('searchbox', { name: /筛选标题|Filter titles/ })).toHaveValue('');
});

/** A bar of `colour` in the chart, by its place among that colour's bars (left to right). */
async function barOfColour(chart: Locator, colour: string, index: number): Promise<{ x: number; y: number }> {
  return chart.evaluate(
    (el, { colour, index }) => {
      const bars = [...el.querySelectorAll('path')]
        .filter((p) => p.getAttribute('fill') === colour && !/A/.test(p.getAttribute('d') ?? ''))
        .map((p) => p.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0)
        .sort((a, b) => a.left - b.left);
      const r = bars[index];
      if (!r) throw new Error(`no bar ${index} of ${colour}`);
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    { colour, index },
  );
}

test('a month bar opens the documents it counted, its label and month as chips', async ({ page, server }) => {
  const labels = await apiCall<{ id: number; key: string; color: string }[]>(server, 'labels:list', {});
  const person = labels.find((l) => l.key === 'PERSON')!;
  const months = (await apiCall<MentionsPerMonth[]>(server, 'dashboard:mentionsOverTime', { filter: {} }))
    .filter((r) => r.labelId === person.id && r.month !== null)
    .sort((a, b) => a.month!.localeCompare(b.month!));
  expect(months.length).toBeGreaterThan(1);

  await page.locator('body').press('Alt+g');
  const dashboard = page.getByTestId('dashboard');
  await expect(dashboard.locator('.dash-card[aria-busy="true"]')).toHaveCount(0);
  const overTime = dashboard.locator('[data-chart="mentions-over-time"] .dash-chart');
  await expect(overTime.locator('svg path').first()).toBeAttached();
  const target = months[months.length - 1];
  const point = await barOfColour(overTime, person.color, months.length - 1);
  await page.mouse.click(point.x, point.y);
  await expect(dashboard).toHaveCount(0);

  const [year, month] = target.month!.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dateFrom = `${target.month}-01`;
  const dateTo = `${target.month}-${String(lastDay).padStart(2, '0')}`;
  const expected = await listed(server, { labels: ['PERSON'], dateFrom, dateTo });
  expect(expected.length).toBe(target.documents);
  await expectListed(page, expected);
  await expect(chips(page).locator('[data-filter="labels"]')).toHaveText(/(标签|Labels)(人物|Person)/);
  await expect(chips(page).locator('[data-filter="dateFrom"]')).toContainText(dateFrom);
  await expect(chips(page).locator('[data-filter="dateTo"]')).toContainText(dateTo);
  await page.screenshot({ path: 'test-results/dashboard-drill-month.png' });

  // Its label chip removed: that month's documents, whatever their spans.
  await chips(page).locator('[data-filter="labels"] button').click();
  await expectListed(page, await listed(server, { dateFrom, dateTo }));
});

/** The middle of the matrix cell at the row labelled `row` and the column labelled `column`, in page coordinates. */
async function cellAt(chart: Locator, row: string, column: string): Promise<{ x: number; y: number }> {
  return chart.evaluate(
    (el, { row, column }) => {
      const texts = [...el.querySelectorAll('text')];
      const rowLabel = texts.find((t) => t.textContent === row);
      const columnLabel = texts.find((t) => t.textContent === column);
      if (!rowLabel || !columnLabel) throw new Error(`no axis label ${rowLabel ? column : row}`);
      const r = rowLabel.getBoundingClientRect();
      const c = columnLabel.getBoundingClientRect();
      // A rotated column label ends at its column: its right end when it leans left.
      const x = c.height > c.width ? c.left + c.width / 2 : c.right - 4;
      return { x, y: r.top + r.height / 2 };
    },
    { row, column },
  );
}

test('a co-occurrence cell opens the documents holding both mentions, each a chip', async ({ page, server }) => {
  const labels = await apiCall<{ id: number; key: string }[]>(server, 'labels:list', {});
  const [person, slogan] = ['PERSON', 'SLOGAN'].map((key) => labels.find((l) => l.key === key)!);
  const matrix = await apiCall<Cooccurrence>(server, 'dashboard:cooccurrence', { filter: {}, rowLabelId: person.id, columnLabelId: slogan.id });
  expect(matrix.cells.length).toBeGreaterThan(0);
  const cell = matrix.cells[0];
  const [row, column] = [matrix.rows[cell.row], matrix.columns[cell.column]];

  await page.locator('body').press('Alt+g');
  const dashboard = page.getByTestId('dashboard');
  await expect(dashboard.locator('.dash-card[aria-busy="true"]')).toHaveCount(0);
  const card = dashboard.locator('[data-chart="cooccurrence"]');
  await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const chart = card.locator('.dash-chart');
  await expect(chart.locator('text').filter({ hasText: row.text }).first()).toBeAttached();
  const point = await cellAt(chart, row.text, column.text);
  await page.mouse.click(point.x, point.y);
  await expect(dashboard).toHaveCount(0);

  const expected = await listed(server, {
    mentions: [
      { text: row.text, label: 'PERSON', unlinked: true },
      { text: column.text, label: 'SLOGAN', unlinked: true },
    ],
  });
  expect(expected.length).toBe(cell.documents);
  await expectListed(page, expected);
  const mentionChips = chips(page).locator('[data-filter^="mention-"]');
  await expect(mentionChips).toHaveCount(2);
  await expect(mentionChips.nth(0)).toContainText(`“${row.text}”`);
  await expect(mentionChips.nth(0)).toContainText(/人物|Person/);
  await expect(mentionChips.nth(1)).toContainText(`“${column.text}”`);
  await page.screenshot({ path: 'test-results/dashboard-drill-cell.png' });
  // The chips in the dark theme and English.
  await page.locator('.theme-switch').click();
  await page.locator('.lang-switch').click();
  await expect(mentionChips.nth(0)).toContainText(/Person/);
  await page.screenshot({ path: 'test-results/dashboard-drill-cell-dark-en.png' });

  // One mention's chip removed: the documents holding the other.
  await mentionChips.nth(1).getByRole('button').click();
  await expectListed(page, await listed(server, { mentions: [{ text: row.text, label: 'PERSON', unlinked: true }] }));
});
