// The export report lists which spans were dropped (a table, saved as CSV) and leaves to-do
// documents out by default; the undo toast names the action; Tab and F6 leave the reader; a long
// warning list opens collapsed; a date attribute typed and left with Tab is saved.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Annotation } from '../../shared/model';
import { apiCall, expect, importJsonl, SEEDS_DIR, test, type BiaozhuServer } from './fixtures';

const TEXT = '区委书记张延昆到温榆河公园调研，强调力争到2025年底完成老旧小区综合整治120个。';
const at = (s: string) => [TEXT.indexOf(s), TEXT.indexOf(s) + s.length] as const;

/** One document with spans (PERSON inside a longer PERSON: BIO drops it), and one never opened. */
async function seed(server: BiaozhuServer): Promise<number[]> {
  const lines = [
    JSON.stringify({
      text: TEXT,
      title: '调研',
      label: [
        [...at('区委书记张延昆'), 'PERSON'],
        [...at('张延昆'), 'PERSON'],
        [...at('力争到2025年底完成老旧小区综合整治120个'), 'TARGET'],
      ],
    }),
    JSON.stringify({ text: `${TEXT}（二）`, title: '未打开', label: [] }),
  ];
  await importJsonl(server, 'seed.jsonl', lines.join('\n'));
  const { items } = await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', { sort: 'id' });
  const ids = ['调研', '未打开'].map((title) => items.find((d) => d.title === title)!.id);
  await apiCall(server, 'documents:update', { id: ids[0], status: 'done' });
  return ids;
}

async function openDoc(page: Page, title: string) {
  await page.locator('.doc-row', { hasText: title }).first().click();
  await expect(page.locator('.reader-title')).toHaveText(title);
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
}

test('the export report leaves to-do documents out and lists the dropped spans, saved as CSV', async ({ server, page }) => {
  const [done] = await seed(server);
  await page.reload();
  await expect(page.locator('.doc-row')).toHaveCount(2);
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: /导出标注|Export annotations/ });
  await dialog.getByRole('radio', { name: 'CoNLL BIO', exact: true }).check();
  // To-do starts unticked; the other statuses ticked.
  await expect(dialog.getByRole('checkbox', { name: /待标注|To do/ })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /已完成|Done/ })).toBeChecked();
  await dialog.getByRole('button', { name: /^(导出|Export)$/ }).click();
  const report = dialog.locator('.export-report');
  await expect(report.getByTestId('todo-left-out')).toContainText('略去了 1 篇待标注文档');
  const list = report.getByTestId('export-span-list');
  await list.locator('summary').click();
  const rows = list.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`#${done}`);
  await expect(rows.first()).toContainText('调研');
  await expect(rows.first()).toContainText('张延昆');
  await expect(rows.first()).toContainText('PERSON');
  await expect(rows.first()).toContainText(`${at('张延昆')[0]}–${at('张延昆')[1]}`);
  await expect(rows.first()).toContainText('与保留的标注重叠');
  const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: /另存为 CSV|Save list as CSV/ }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.replace(/^\ufeff/, '').split('\r\n')).toEqual([
    'kind,reason,document_id,title,span_id,label,start,end,text',
    expect.stringMatching(new RegExp(`^dropped,overlap,${done},调研,\\d+,PERSON,${at('张延昆').join(',')},张延昆$`)),
    '',
  ]);
  // Biaozhu JSONL keeps every document: To-do is ticked for it.
  await dialog.getByRole('radio', { name: /Biaozhu JSONL/ }).check();
  await expect(dialog.getByRole('checkbox', { name: /待标注|To do/ })).toBeChecked();
});

test('the undo toast names the action and the span', async ({ server, page }) => {
  await seed(server);
  await page.reload();
  await openDoc(page, '未打开');
  // Drag over 张延昆 and tag it PERSON.
  const [start, end] = at('张延昆');
  const points = await page.evaluate(
    ([s, e]) => {
      const p = document.querySelector<HTMLElement>('[data-testid="reader"] p[data-start="0"]')!;
      const text = p.firstChild?.nodeType === Node.TEXT_NODE ? (p.firstChild as Text) : (document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode() as Text);
      const rect = (o: number) => {
        const r = document.createRange();
        r.setStart(text, o);
        r.setEnd(text, o + 1);
        return r.getClientRects()[0]!;
      };
      const a = rect(s),
        b = rect(e - 1);
      return { x1: a.left + 2, y1: (a.top + a.bottom) / 2, x2: b.right - 2, y2: (b.top + b.bottom) / 2 };
    },
    [start, end],
  );
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.press('1');
  await expect.poll(async () => (await apiCall<Annotation[]>(server, 'annotations:list', { documentId: await currentId(server, '未打开') })).length).toBe(1);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.toast-message').filter({ hasText: '撤销：新建标注 张延昆' })).toBeVisible();
});

async function currentId(server: BiaozhuServer, title: string): Promise<number> {
  const { items } = await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', { sort: 'id' });
  return items.find((d) => d.title === title)!.id;
}

test('Escape then Tab leaves the reader, and F6 cycles list, reader and side panel', async ({ server, page }) => {
  await seed(server);
  await page.reload();
  await openDoc(page, '调研');
  const reader = page.getByTestId('reader');
  await reader.focus();
  // In the reader Tab steps through spans and keeps focus.
  await page.keyboard.press('Tab');
  await expect(reader).toBeFocused();
  await page.keyboard.press('Escape'); // clears the selected span
  await page.keyboard.press('Escape'); // nothing left: Tab may leave
  await page.keyboard.press('Tab');
  await expect(reader).not.toBeFocused();
  // F6 from the reader goes to the side panel, then the list, then the reader again.
  await reader.focus();
  await page.keyboard.press('F6');
  await expect(page.locator('.right-panel [role="tab"][aria-selected="true"]')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(page.locator('#doc-list')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(reader).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect(page.locator('#doc-list')).toBeFocused();
});

test('the focus ring of the status control is drawn whole', async ({ server, page }) => {
  await seed(server);
  await page.reload();
  await openDoc(page, '调研');
  const done = page.getByRole('radio', { name: /已完成|Done/ });
  await done.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  // Its outline lies inside every box that clips it.
  const clipped = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    if (style.outlineStyle === 'none' || ring <= 0) return `no ring outside the control (${style.outlineStyle} ${style.outlineWidth} ${style.outlineOffset})`;
    const r = el.getBoundingClientRect();
    for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a);
      if (o.overflow === 'visible' && o.overflowX === 'visible' && o.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      if (r.left - ring < c.left || r.right + ring > c.right || r.top - ring < c.top || r.bottom + ring > c.bottom) return `clipped by ${a.className}`;
    }
    return null;
  });
  expect(clipped).toBeNull();
});

test('a long warning list opens with three and a button for the rest', async ({ server, page }) => {
  const preview = await apiCall<{ jobId: string }>(server, 'import:preview', { sources: [{ kind: 'path', path: SEEDS_DIR }], options: {} });
  const waitJob = async (jobId: string) => {
    for (;;) {
      const job = await apiCall<{ state: string; result: { previewId: string } | null }>(server, 'jobs:get', { jobId });
      if (job.state !== 'running') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const previewed = await waitJob(preview.jobId);
  await waitJob((await apiCall<{ jobId: string }>(server, 'import:commit', { previewId: previewed.result!.previewId })).jobId);
  const { items } = await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', { sort: 'id' });
  let most = { id: 0, title: '', count: 0 };
  for (const item of items) {
    const doc = await apiCall<{ warnings: unknown[] }>(server, 'documents:get', { id: item.id });
    if (doc.warnings.length > most.count) most = { id: item.id, title: item.title, count: doc.warnings.length };
  }
  expect(most.count).toBeGreaterThanOrEqual(10);
  await page.reload();
  await openDoc(page, most.title);
  await page.locator('.warning-banner button').first().click();
  await expect(page.locator('.warning-list li')).toHaveCount(4);
  await page.getByRole('button', { name: `再显示 ${most.count - 3} 条` }).click();
  await expect(page.locator('.warning-list li')).toHaveCount(most.count);
});

test('a date attribute typed and left with Tab is saved', async ({ server, page }) => {
  const [done] = await seed(server);
  const spans = () => apiCall<Annotation[]>(server, 'annotations:list', { documentId: done });
  const target = (await spans()).find((s) => s.end - s.start > 10)!;
  await apiCall(server, 'annotations:update', { id: target.id, attributes: { deadline: '2024-06-30' } });
  await page.reload();
  await openDoc(page, '调研');
  await page
    .locator('.span-list')
    .getByRole('button', { name: /力争到2025年底/ })
    .click();
  const deadline = page.getByLabel(/^(期限|Deadline)$/);
  await expect(deadline).toHaveValue('2024-06-30');
  // A new date typed over the old one digit by digit (this Chromium's fields: month, day, year),
  // then Tab: saved whole, not half typed.
  await deadline.click();
  await deadline.press('Home');
  await page.keyboard.type('12312025', { delay: 150 });
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await spans()).find((s) => s.id === target.id)?.attributes.deadline).toBe('2025-12-31');
  await expect(deadline).toHaveValue('2025-12-31');
});

test.describe('at 1280 × 800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  /** Visible texts cut by their box (document titles and span texts are data, cut on purpose, whole on hover). */
  const cutTexts = () => {
    const cut: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, label, [role="tab"], th, legend, .badge, span, h2, h3, h4')) {
      if (!el.offsetParent || el.closest('.doc-row-title, .span-row-text')) continue;
      const s = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && (s.overflow !== 'visible' || s.textOverflow === 'ellipsis') && el.textContent?.trim())
        cut.push(`${el.className}: ${el.textContent.trim()}`);
    }
    return cut;
  };
  for (const lang of ['zh', 'en'] as const) {
    test(`no label is cut in the workbench and the export dialog (${lang})`, async ({ server, page }) => {
      await seed(server);
      await page.evaluate((l) => localStorage.setItem('biaozhu.lang', l), lang);
      await page.reload();
      await openDoc(page, '调研');
      expect(await page.evaluate(cutTexts)).toEqual([]);
      await page.keyboard.press('Control+Shift+E');
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await page.evaluate(cutTexts)).toEqual([]);
    });
  }
});
