// The dashboard (#24) on the demo project through the real browser mode: opened by Alt+G and closed
// by Esc back to the workbench as it was; filtered by a label; a chart saved as SVG holds one bar
// per row the API answers for the same filter (and as CSV and PNG); a bar clicked opens the document
// list showing exactly the documents the API lists; readable in both themes and languages.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Locator, Page } from '@playwright/test';
import type { BreakdownRow, MentionsPerMonth } from '../../shared/api/dashboard';
import type { Annotation } from '../../shared/model';
import { apiCall, docScreenshot, expect, test, type BiaozhuServer } from './fixtures';

test.use({ serverOptions: { project: 'demo' } });

interface LabelRow {
  id: number;
  key: string;
  color: string;
}

async function person(server: BiaozhuServer): Promise<LabelRow> {
  const labels = await apiCall<LabelRow[]>(server, 'labels:list', {});
  return labels.find((l) => l.key === 'PERSON')!;
}

/** Waits until every card has its answer and the first chart is drawn. */
async function chartsDrawn(dashboard: Locator) {
  await expect(dashboard.locator('.dash-card[aria-busy="true"]')).toHaveCount(0);
  await expect(dashboard.locator('[data-chart="mentions-over-time"] svg path').first()).toBeAttached();
}

async function saved(page: Page, card: Locator, format: 'SVG' | 'PNG' | 'CSV'): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: new RegExp(`(另存为|Save as) ${format}`) }).click()]);
  return download;
}

/** Bars of one colour in an SVG: filled rectangles (a legend's icon has rounded corners, drawn with arcs). */
function barsOfColour(svg: string, colour: string): number {
  return [...svg.matchAll(/<path\b[^>]*>/g)].filter((m) => m[0].includes(`fill="${colour}"`) && !/ d="[^"]*A/.test(m[0])).length;
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).include('[data-testid="dashboard"]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('filter by a label, save a chart as SVG, PNG and CSV, and open a bar’s documents', async ({ page, server }) => {
  const label = await person(server);
  const firstRow = page.locator('[data-doc-id]').first();
  await firstRow.click();
  await expect(page.locator('.reader-title')).toHaveText((await firstRow.locator('.doc-row-title').textContent())!);
  const title = await page.locator('.reader-title').textContent();
  // The document list has focus (not the reader, whose editor handles keys of its own).
  await page.locator('#doc-list').focus();

  // Alt+G opens it over the workbench; Esc goes back to the workbench as it was, focus where it was.
  const focused = () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
  const before = await focused();
  await page.keyboard.press('Alt+g');
  const dashboard = page.getByTestId('dashboard');
  await expect(dashboard).toBeVisible();
  await chartsDrawn(dashboard);
  await page.keyboard.press('Escape');
  await expect(dashboard).toHaveCount(0);
  await expect(page.locator('.reader-title')).toHaveText(title!);
  expect(await focused()).toBe(before);

  await page.getByRole('button', { name: '数据看板' }).click();
  await chartsDrawn(dashboard);
  await dashboard.getByRole('button', { name: '人物' }).click();
  await expect(dashboard.getByRole('button', { name: '人物' })).toHaveAttribute('aria-pressed', 'true');
  const filter = { labelIds: [label.id] };
  const rows = await apiCall<MentionsPerMonth[]>(server, 'dashboard:mentionsOverTime', { filter });
  expect(rows.length).toBeGreaterThan(1);
  const overTime = dashboard.locator('[data-chart="mentions-over-time"]');
  await expect.poll(async () => barsOfColour(await overTime.locator('.dash-chart').innerHTML(), label.color)).toBe(rows.length);
  await expect(dashboard.locator('.dash-card[aria-busy="true"]')).toHaveCount(0);

  // SVG: a standalone file with one bar per (month, label) row the API answers for this filter.
  const svg = readFileSync((await (await saved(page, overTime, 'SVG')).path())!, 'utf8');
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(barsOfColour(svg, label.color)).toBe(rows.length);
  // Well-formed XML (a font name in double quotes once ended a style attribute early).
  expect(
    await page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror')?.textContent ?? null, svg),
  ).toBeNull();
  // CSV: a header and one line per row, with a BOM for spreadsheets.
  const csv = readFileSync((await (await saved(page, overTime, 'CSV')).path())!, 'utf8');
  expect(csv.startsWith('\ufeffmonth,label,mentions,documents\r\n')).toBe(true);
  expect(csv.trim().split('\r\n').length).toBe(rows.length + 1);
  // The same rows as a table, for reading them exactly.
  await overTime.getByRole('button', { name: '表格' }).click();
  await expect(overTime.locator('.dash-table tbody tr')).toHaveCount(rows.length);
  // PNG: the same drawing at twice the size.
  const png = readFileSync((await (await saved(page, overTime, 'PNG')).path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const box = (await overTime.locator('.dash-chart').boundingBox())!;
  expect(png.readUInt32BE(16)).toBe(Math.round(box.width) * 2);

  // A district bar opens the document list under the chart's filter and that district.
  const districts = await apiCall<BreakdownRow[]>(server, 'dashboard:breakdown', { filter, by: 'district' });
  const target = districts.find((r) => r.key !== null)!;
  const byDistrict = dashboard.locator('[data-chart="by-district"] .dash-chart');
  await byDistrict.scrollIntoViewIfNeeded();
  const point = await barBeside(byDistrict, target.key!, label.color);
  await page.mouse.click(point.x, point.y);
  await expect(dashboard).toHaveCount(0);
  const listed = await apiCall<{ items: { id: number }[] }>(server, 'documents:list', { filter: { district: target.key!, labels: [label.key] } });
  expect(listed.items.length).toBe(target.documents);
  await expect(page.locator('[data-doc-id]')).toHaveCount(target.documents);
  const shown = await page.locator('[data-doc-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-doc-id'))));
  expect(shown.sort()).toEqual(listed.items.map((d) => d.id).sort());

  // A month bar opens that month's documents holding the label.
  await page.locator('body').press('Alt+g');
  await chartsDrawn(dashboard);
  const month = rows.filter((r) => r.month !== null).sort((a, b) => b.documents - a.documents)[0];
  const monthChart = dashboard.locator('[data-chart="mentions-over-time"] .dash-chart');
  const monthBar = await barAbove(monthChart, month.month!, label.color);
  await page.mouse.click(monthBar.x, monthBar.y);
  await expect(dashboard).toHaveCount(0);
  const [year, monthNumber] = month.month!.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const inMonth = await apiCall<{ items: { id: number }[] }>(server, 'documents:list', {
    filter: { labels: [label.key], dateFrom: `${month.month}-01`, dateTo: `${month.month}-${lastDay}` },
  });
  expect(inMonth.items.length).toBe(month.documents);
  await expect(page.locator('[data-doc-id]')).toHaveCount(month.documents);

  // Back in the dashboard the filter is as it was; a top mention opens its concordance.
  await page.locator('body').press('Alt+g');
  await chartsDrawn(dashboard);
  await expect(dashboard.getByRole('button', { name: '人物' })).toHaveAttribute('aria-pressed', 'true');
  const top = await apiCall<{ labelId: number; text: string; count: number }[]>(server, 'dashboard:topMentions', { filter, orderBy: 'count', limit: 25 });
  const first = top.filter((m) => m.labelId === label.id).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))[0];
  const topChart = dashboard.locator('[data-chart="top-mentions"] .dash-chart');
  await topChart.scrollIntoViewIfNeeded();
  const bar = await barBeside(topChart, first.text, label.color);
  await page.mouse.click(bar.x, bar.y);
  await expect(dashboard).toHaveCount(0);
  await expect(page.locator('.top-search-input')).toHaveValue(first.text);
  await expect(page.locator('.search-panel .concordance-lines')).toContainText(first.text);
});

/** The middle of the bar of `colour` above the x-axis label `name` (the top of a stack is another label's), in page coordinates. */
async function barAbove(chart: Locator, name: string, colour: string): Promise<{ x: number; y: number }> {
  return chart.evaluate(
    (el, { name, colour }) => {
      const label = [...el.querySelectorAll('text')].find((t) => t.textContent === name);
      if (!label) throw new Error(`no axis label ${name}`);
      const column = label.getBoundingClientRect();
      const middle = column.left + column.width / 2;
      const bar = [...el.querySelectorAll('path')].find((p) => {
        const r = p.getBoundingClientRect();
        return p.getAttribute('fill') === colour && r.left <= middle && r.right >= middle && r.height > 0;
      });
      if (!bar) throw new Error(`no ${colour} bar above ${name}`);
      const r = bar.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    { name, colour },
  );
}

/** The middle of the bar of `colour` on the row whose axis label is `name`, in page coordinates. */
async function barBeside(chart: Locator, name: string, colour: string): Promise<{ x: number; y: number }> {
  return chart.evaluate(
    (el, { name, colour }) => {
      const label = [...el.querySelectorAll('text')].find((t) => t.textContent === name);
      if (!label) throw new Error(`no axis label ${name}`);
      const row = label.getBoundingClientRect();
      const middle = row.top + row.height / 2;
      const bar = [...el.querySelectorAll('path')].find((p) => {
        const r = p.getBoundingClientRect();
        return p.getAttribute('fill') === colour && r.top <= middle && r.bottom >= middle;
      });
      if (!bar) throw new Error(`no ${colour} bar beside ${name}`);
      const r = bar.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    { name, colour },
  );
}

test('readable in both themes and languages, with screenshots', async ({ page }) => {
  await expect(page.locator('[data-doc-id]').first()).toBeVisible();
  await page.getByRole('button', { name: '数据看板' }).click();
  const dashboard = page.getByTestId('dashboard');
  await chartsDrawn(dashboard);
  await expect(dashboard.getByRole('heading', { name: '各标签每月提及数' })).toBeVisible();
  await docScreenshot(page, 'dashboard');
  await axe(page);
  await dashboard.locator('[data-chart="cooccurrence"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expect(dashboard.getByRole('heading', { name: '各状态文档数' })).toBeInViewport();
  await docScreenshot(page, 'dashboard-cooccurrence');

  await dashboard.getByRole('button', { name: '返回工作台' }).click();
  await page.locator('.lang-switch').click();
  await page.locator('.theme-switch').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Dashboard' }).click();
  await chartsDrawn(dashboard);
  await expect(dashboard.getByRole('heading', { name: 'Mentions per month, by label' })).toBeVisible();
  // The charts follow the theme: drawn on the dark surface, axis labels in the dark theme's text colour.
  const svg = await dashboard.locator('[data-chart="mentions-over-time"] .dash-chart').innerHTML();
  expect(svg).toContain('#181b20');
  expect(svg).toContain('#c0c5cc');
  await docScreenshot(page, 'dashboard-en-dark');
  await axe(page);
});

/** Links every PERSON and SLOGAN span of the demo to an entity named after its text (one per text). */
async function linkEntities(server: BiaozhuServer, labels: LabelRow[]): Promise<Map<string, number>> {
  const keep = new Set(labels.filter((l) => l.key === 'PERSON' || l.key === 'SLOGAN').map((l) => l.id));
  const spans = new Map<string, { labelId: number; ids: number[] }>();
  const { items } = await apiCall<{ items: { id: number }[] }>(server, 'documents:list', {});
  for (const { id } of items) {
    const doc = await apiCall<{ text: string }>(server, 'documents:get', { id });
    for (const s of await apiCall<Annotation[]>(server, 'annotations:list', { documentId: id })) {
      if (!keep.has(s.labelId)) continue;
      const key = `${s.labelId}\u0000${doc.text.slice(s.start, s.end)}`;
      spans.set(key, { labelId: s.labelId, ids: [...(spans.get(key)?.ids ?? []), s.id] });
    }
  }
  const entities = new Map<string, number>();
  for (const [key, { labelId, ids }] of spans) {
    const name = key.split('\u0000')[1];
    const created = await apiCall<{ entity: { id: number } }>(server, 'entities:create', { labelId, name, annotationIds: ids });
    entities.set(key, created.entity.id);
  }
  return entities;
}

test('co-occurrence as a network once mentions are linked to entities; opened from the palette', async ({ page, server }) => {
  const labels = await apiCall<LabelRow[]>(server, 'labels:list', {});
  const personLabel = labels.find((l) => l.key === 'PERSON')!;
  const entities = await linkEntities(server, labels);
  await expect(page.locator('[data-doc-id]').first()).toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: /命令|command/i });
  await palette.getByRole('combobox').fill('看板');
  await palette.getByRole('combobox').press('Enter');
  const dashboard = page.getByTestId('dashboard');
  await chartsDrawn(dashboard);

  // Chosen mentions: none left ticked says what to do; a typed one is drawn.
  const chosen = dashboard.locator('[data-chart="chosen-mentions-over-time"]');
  await chosen.locator('summary').click();
  const ticked = chosen.getByRole('checkbox', { checked: true });
  await expect(ticked).toHaveCount(3);
  while ((await ticked.count()) > 0) await ticked.first().uncheck();
  await expect(chosen).toContainText('尚未选择提及');
  await chosen.getByRole('textbox').fill('两个维护');
  await chosen.getByRole('textbox').press('Enter');
  await expect(chosen.locator('summary')).toHaveText('已选 1 个提及');
  await chosen.locator('summary').click();
  await expect(chosen.locator('.dash-chart text').filter({ hasText: /^2024-03$/ })).toHaveCount(1);

  const card = dashboard.locator('[data-chart="cooccurrence"]');
  await card.getByRole('button', { name: '网络' }).click();
  await expect(card.getByRole('button', { name: '网络' })).toHaveAttribute('aria-pressed', 'true');
  const chart = card.locator('.dash-chart');
  const matrix = await apiCall<{ rows: unknown[]; columns: unknown[]; cells: unknown[] }>(server, 'dashboard:cooccurrence', {
    filter: {},
    rowLabelId: personLabel.id,
    columnLabelId: labels.find((l) => l.key === 'SLOGAN')!.id,
  });
  // A node per linked person and slogan in the matrix, in its label's colour.
  await expect.poll(async () => (await chart.innerHTML()).split(`fill="${personLabel.color}"`).length - 1).toBe(matrix.rows.length);
  await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await docScreenshot(page, 'dashboard-network');

  // A person's node opens the documents of that entity's spans.
  const node = chart.locator(`path[fill="${personLabel.color}"]`).first();
  await node.click();
  await expect(dashboard).toHaveCount(0);
  const lists = await Promise.all(
    [...entities]
      .filter(([key]) => key.startsWith(`${personLabel.id}\u0000`))
      .map(async ([, entityId]) =>
        (await apiCall<{ items: { id: number }[] }>(server, 'documents:list', { filter: { mentions: [{ entityId, label: 'PERSON' }] } })).items
          .map((d) => d.id)
          .sort(),
      ),
  );
  await expect(page.locator('[data-doc-id]').first()).toBeVisible();
  const shown = await page.locator('[data-doc-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-doc-id'))));
  expect(lists).toContainEqual(shown.sort());
});
