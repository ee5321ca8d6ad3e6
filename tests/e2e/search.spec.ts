// Corpus search (#21) through the real browser mode on the demo project: Ctrl+Shift+F, the
// concordance sorted by 1R, label every hit of a slogan (previewed first), undo and redo the batch
// from the panel, open a hit in the reader; and Ctrl+F's label all in one document, with undo;
// the panel's line while the trigram index fills in the background.
import Database from 'better-sqlite3';
import { apiCall, docScreenshot, expect, importJsonl, test, type BiaozhuServer } from './fixtures';

test.use({ serverOptions: { project: 'demo' } });

interface Hit {
  documentId: number;
  start: number;
  end: number;
  right: string;
}
interface Span {
  start: number;
  end: number;
  labelId: number;
}

// The demo holds “两个维护” in four articles: two carry 口号 (demo-spans.json), two are unlabelled.
const SLOGAN = '两个维护';

async function sloganLabelId(server: BiaozhuServer): Promise<number> {
  const labels = await apiCall<{ id: number; key: string }[]>(server, 'labels:list', {});
  return labels.find((l) => l.key === 'SLOGAN')!.id;
}

/** How many of these hits carry a span of the label exactly on them, read from the store. */
async function labelledHits(server: BiaozhuServer, hits: Hit[], labelId: number): Promise<number> {
  let n = 0;
  for (const hit of hits) {
    const spans = await apiCall<Span[]>(server, 'annotations:list', { documentId: hit.documentId });
    if (spans.some((s) => s.start === hit.start && s.end === hit.end && s.labelId === labelId)) n++;
  }
  return n;
}

const indexStatus = (server: BiaozhuServer) => apiCall<{ pending: number; documents: number }>(server, 'search:indexStatus', {});

const sorted = async (server: BiaozhuServer, sort: 'left' | 'right', direction: 'asc' | 'desc') =>
  (await apiCall<{ hits: (Hit & { left: string })[] }>(server, 'search:hits', { search: { query: SLOGAN }, sort, direction })).hits;

test('search a slogan, sort by 1L and 1R, label every hit, undo and redo, open a hit', async ({ server, page }) => {
  const labelId = await sloganLabelId(server);
  const byLeft = await sorted(server, 'left', 'asc');
  const byRight = await sorted(server, 'right', 'desc');
  expect(byRight).toHaveLength(4);
  const before = await labelledHits(server, byRight, labelId);
  expect(before).toBe(2);
  await expect(page.locator('.doc-row').first()).toBeVisible();

  await page.keyboard.press('Control+Shift+F');
  const box = page.getByRole('searchbox', { name: '在所有文档中检索' });
  await expect(box).toBeFocused();
  await box.fill(SLOGAN);
  await box.press('Enter');

  const panel = page.getByRole('region', { name: '语料检索' });
  const lines = panel.locator('.kwic-line:not(.is-loading)');
  await expect(lines).toHaveCount(4);
  await expect(panel.getByTestId('search-total')).toHaveText('4 处命中，4 篇文档');
  await expect(panel.locator('.year-bar')).not.toHaveCount(0);
  await expect(lines.locator('.kwic-chip')).toHaveCount(before);

  // 1L ascending, then 1R descending: the lines follow the core's order of contexts.
  await panel.getByLabel('排序').selectOption('left');
  await expect(lines.locator('.kwic-left')).toHaveText(byLeft.map((h) => h.left));
  await panel.getByLabel('排序').selectOption('right');
  await panel.getByRole('button', { name: /^顺序/ }).click();
  await expect(lines.locator('.kwic-right')).toHaveText(byRight.map((h) => h.right));
  await expect(lines.locator('.kwic-hit')).toHaveText(byRight.map(() => SLOGAN));

  // The label's key picks it while the concordance has focus; the preview comes before any write.
  await panel.getByRole('listbox', { name: '索引行' }).focus();
  await page.keyboard.press('2');
  await expect(panel.getByLabel('标注为')).toHaveValue(String(labelId));
  await panel.getByRole('button', { name: '全部标注（4）' }).click();
  await expect(panel.locator('.label-all-summary')).toContainText('将新建 2 个标注，跳过 2 处已有此标签');
  expect(await labelledHits(server, byRight, labelId)).toBe(before);
  await panel.getByRole('button', { name: '确认标注' }).click();
  await expect(panel.locator('.label-all-notice')).toContainText('已标注 2 处');
  await expect.poll(() => labelledHits(server, byRight, labelId)).toBe(4);
  await expect(lines.locator('.kwic-chip')).toHaveText(byRight.map(() => '口号'));

  // Undo removes the batch only: the two spans the demo came with stay.
  await panel.getByRole('listbox', { name: '索引行' }).focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => labelledHits(server, byRight, labelId)).toBe(before);
  await expect(lines.locator('.kwic-chip')).toHaveCount(before);

  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => labelledHits(server, byRight, labelId)).toBe(4);
  await expect(lines.locator('.kwic-chip')).toHaveCount(4);

  // Enter opens the active line's document with the hit selected.
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(SLOGAN);
});

test('the concordance of “两个维护” over the demo corpus (README screenshot)', async ({ server, page }) => {
  // The index filled first (asking starts it), so the screenshot never catches the index line.
  await expect.poll(async () => (await indexStatus(server)).pending).toBe(0);
  await expect(page.locator('.doc-row').first()).toBeVisible();
  await page.keyboard.press('Control+Shift+F');
  await page.getByRole('searchbox', { name: '在所有文档中检索' }).fill('两个维护|四个意识|四个自信');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: '语料检索' });
  await panel.getByText('正则', { exact: true }).click();
  await panel.getByLabel('排序').selectOption('left');
  await expect(panel.locator('.kwic-line:not(.is-loading)')).toHaveCount(8);
  await expect(panel.locator('.kwic-chip')).toHaveCount(2);
  await expect(panel.getByTestId('search-total')).toContainText('8 处命中');
  await docScreenshot(page, 'search');

  // A broken regex says what is wrong with it; no line is shown.
  await page.getByRole('searchbox', { name: '在所有文档中检索' }).fill('两个(');
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toContainText('Invalid regular expression');
  await expect(panel.locator('.kwic-line')).toHaveCount(0);

  // Escape in the box goes back to the document; Ctrl+Shift+F brings the panel back as it was.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await page.keyboard.press('Control+Shift+F');
  await expect(panel).toBeVisible();
  await expect(page.getByRole('searchbox', { name: '在所有文档中检索' })).toBeFocused();
});

test('the span list shows a mention’s consistency and leads to its unlabelled occurrences', async ({ server, page }) => {
  const labelId = await sloganLabelId(server);
  await page.locator('.doc-row').first().click();
  await page.locator('.span-row', { hasText: new RegExp(`^${SLOGAN}`) }).click();
  const line = page.getByRole('region', { name: '全库一致性' });
  // Counted when asked (a corpus scan never follows a selection by itself).
  await line.getByRole('button', { name: '在全库中核对此文本' }).click();
  await expect(line).toContainText('口号 2');
  await expect(line).toContainText('未标注 2');
  await expect(page.getByTestId('reader')).toBeVisible();
  await docScreenshot(page, 'search-span-consistency');

  // Keyboard: the button is in the tab order; Enter opens the concordance of the unlabelled occurrences.
  await line.getByRole('button', { name: '查看 2 处未标注' }).focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: '语料检索' });
  await expect(panel.getByRole('tab', { name: '索引行' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('searchbox', { name: '在所有文档中检索' })).toHaveValue(SLOGAN);
  await expect(panel.getByLabel('仅未标注')).toBeChecked();
  await expect(panel.getByLabel('正则')).not.toBeChecked();
  const lines = panel.locator('.kwic-line:not(.is-loading)');
  await expect(lines).toHaveCount(2);
  await expect(lines.locator('.kwic-chip')).toHaveCount(0);

  // Labelled from there, the span's line says so when the document is shown again.
  await panel.getByLabel('标注为').selectOption(String(labelId));
  await panel.getByRole('button', { name: '全部标注（2）' }).click();
  await panel.getByRole('button', { name: '确认标注' }).click();
  await expect(panel.getByText('没有命中。')).toBeVisible();
  await panel.getByRole('button', { name: /返回文档/ }).click();
  await expect(panel).toBeHidden();
  await expect(line).toContainText('口号 4');
  await expect(line).toContainText('未标注 0');

  // The command palette does the same for the selected span (here: every occurrence, none unlabelled).
  await page.keyboard.press('Control+k');
  await page.keyboard.type('所选标注');
  await page.getByRole('option', { name: /所选标注在全库的出现/ }).click();
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel('仅未标注')).not.toBeChecked();
  await expect(lines).toHaveCount(4);
});

test('Ctrl+F in a document labels all its hits in one undoable batch', async ({ server, page }) => {
  const labelId = await sloganLabelId(server);
  const docs = await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', {});
  const doc = docs.items.find((d) => d.title.includes('接诉即办'))!;
  const hits = (await apiCall<{ hits: Hit[] }>(server, 'search:hits', { search: { query: '街道', scope: { documentIds: [doc.id] } } })).hits;
  expect(hits.length).toBeGreaterThanOrEqual(2);
  const spansBefore = (await apiCall<Span[]>(server, 'annotations:list', { documentId: doc.id })).length;

  await page.locator('.doc-row', { hasText: doc.title }).click();
  await expect(page.getByTestId('reader')).toContainText('街道');
  // Marks of spans drawn on the hits (the reader draws a span as <mark data-ids>).
  const marked = () => page.getByTestId('reader').locator('mark[data-ids]:not([data-ids=""])', { hasText: '街道' }).count();
  const markedBefore = await marked();
  await page.keyboard.press('Control+f');
  await page.locator('.find-input').fill('街道');
  const findBar = page.getByRole('search').filter({ has: page.locator('.find-input') });
  await findBar.getByLabel('标注为').selectOption(String(labelId));
  await findBar.getByRole('button', { name: `全部 ${hits.length} 处标为口号` }).click();
  await expect(findBar.locator('.find-label-all-preview')).toContainText(`将新建 ${hits.length} 个标注`);
  await findBar.getByRole('button', { name: '确认标注' }).click();
  await expect.poll(() => labelledHits(server, hits, labelId)).toBe(hits.length);
  // The reader shows the new spans at once.
  await expect.poll(marked).toBeGreaterThan(markedBefore);

  // The batch is one step of this document's history too: Ctrl+Z in the reader takes it all back, Ctrl+Shift+Z puts it again.
  await page.getByTestId('reader').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => labelledHits(server, hits, labelId)).toBe(0);
  await expect.poll(marked).toBe(markedBefore);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => labelledHits(server, hits, labelId)).toBe(hits.length);
  await expect.poll(marked).toBeGreaterThan(markedBefore);

  await findBar.getByRole('button', { name: '撤销' }).click();
  await expect.poll(() => labelledHits(server, hits, labelId)).toBe(0);
  expect((await apiCall<Span[]>(server, 'annotations:list', { documentId: doc.id })).length).toBe(spansBefore);
  await expect.poll(marked).toBe(markedBefore);
});

test('consistency lists a mention left unlabelled elsewhere; its occurrences are labelled from the concordance', async ({ server, page }) => {
  type Row = { mention: string; labels: { label: string; count: number }[]; unlabelled: number };
  const rows = async () => (await apiCall<{ rows: Row[] }>(server, 'search:consistency', {})).rows;
  const row = (await rows()).find((r) => r.unlabelled > 0 && r.labels.length === 1)!;
  expect(row).toBeDefined();
  await expect(page.locator('.doc-row').first()).toBeVisible();

  await page.keyboard.press('Control+k');
  await page.keyboard.type('一致性');
  await page.getByRole('option', { name: /检查标注一致性/ }).click();
  const panel = page.getByRole('region', { name: '语料检索' });
  await expect(panel.getByRole('tab', { name: '标注一致性' })).toHaveAttribute('aria-selected', 'true');
  const line = panel.locator('.consistency-table tr', { has: page.locator('.consistency-mention', { hasText: new RegExp(`^${row.mention}$`) }) });
  await expect(line.locator('.consistency-unlabelled')).toHaveText(String(row.unlabelled));

  await line.getByRole('button', { name: `查看 ${row.unlabelled} 处未标注` }).click();
  await expect(panel.getByRole('tab', { name: '索引行' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('searchbox', { name: '在所有文档中检索' })).toHaveValue(row.mention);
  await expect(panel.getByLabel('仅未标注')).toBeChecked();
  await expect(panel.locator('.kwic-line:not(.is-loading)')).toHaveCount(row.unlabelled);

  const labels = await apiCall<{ id: number; key: string }[]>(server, 'labels:list', {});
  await panel.getByLabel('标注为').selectOption(String(labels.find((l) => l.key === row.labels[0].label)!.id));
  await panel.getByRole('button', { name: `全部标注（${row.unlabelled}）` }).click();
  await panel.getByRole('button', { name: '确认标注' }).click();
  await expect(panel.locator('.label-all-notice')).toContainText(`已标注 ${row.unlabelled} 处`);
  await expect.poll(async () => (await rows()).some((r) => r.mention === row.mention)).toBe(false);
  // Not yet labelled: the labelled hits leave the concordance.
  await expect(panel.getByText('没有命中。')).toBeVisible();
});

test('while the search index fills in the background, the panel says how far it is, and the line goes when it is whole', async ({ server, page }) => {
  // Asking starts the indexer: whatever the demo left pending is indexed first.
  await expect.poll(async () => (await indexStatus(server)).pending).toBe(0);
  await expect(page.locator('.doc-row').first()).toBeVisible();
  const statusCalls: number[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/search%3AindexStatus')) statusCalls.push(Date.now());
  });

  // An import lists its texts as pending; another connection holding the write lock (as an import's
  // commit does) keeps the indexer from taking them for as long as this test wants.
  const texts = ['朝阳区召开会议，强调做到“两个维护”。', '海淀区部署重点工作。', '西城区推进街道改革。'];
  const jsonl = texts.map((text, i) => JSON.stringify({ text, metadata: { title: `索引进度 ${i}`, date: '2024-05-0' + (i + 1), source: '北京日报' } }));
  await importJsonl(server, 'pending.jsonl', jsonl.join('\n'));
  const projectPath = (await apiCall<{ project: { path: string } }>(server, 'app:info', {})).project.path;
  const writer = new Database(projectPath);
  const panel = page.getByRole('region', { name: '语料检索' });
  const line = panel.getByTestId('search-index-progress');
  try {
    writer.exec('BEGIN IMMEDIATE');
    const status = await indexStatus(server);
    expect(status.pending).toBe(texts.length);
    await page.keyboard.press('Control+Shift+F');
    const box = page.getByRole('searchbox', { name: '在所有文档中检索' });
    await box.fill(SLOGAN);
    await box.press('Enter');
    // Searches stay exact meanwhile: the pending text's hit is among the lines.
    await expect(panel.locator('.kwic-line:not(.is-loading)')).toHaveCount(5);
    await expect(line).toHaveText(`正在建立检索索引：${status.documents - status.pending} / ${status.documents} 篇`);
    // It asks again while texts are pending (and the line stays).
    const asked = statusCalls.length;
    await expect.poll(() => statusCalls.length).toBeGreaterThan(asked);
    await expect(line).toBeVisible();
  } finally {
    writer.exec('ROLLBACK');
    writer.close();
  }
  // The lock gone, the next ask lets the indexer run, and the one after finds nothing pending.
  await expect(line).toBeHidden();
  expect(await indexStatus(server)).toMatchObject({ pending: 0 });
  // Nothing pending: it stops asking.
  const asked = statusCalls.length;
  await page.waitForTimeout(2500);
  expect(statusCalls.length).toBe(asked);
});
