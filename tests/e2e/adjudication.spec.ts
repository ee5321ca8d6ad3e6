// Adjudicate mode (#20): two coders' spans on one document (made through the API as the editor
// makes them); the reader header's Adjudicate button opens the units, which are walked and decided
// by keyboard only; the gold layer stored is then read back through the API. The reader follows
// the current unit (scrolled to it, its text in the 'bz-unit' highlight), and E edits the gold spans
// of a unit from a selection in the reader.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall, docScreenshot, expect, importArticle, importJsonl, test, type BiaozhuServer } from './fixtures';

const TEXT = '区委书记张延昆到温榆河公园调研，强调要增强“四个意识”，力争年底前完成120个小区整治。';
const TITLE = '裁定示例';
const OTHER = '李同学';
type Mention = [text: string, label: string];
// 四个意识 agreed; 张延昆/张延 differ in extent; 温榆河公园 only mine; 120个小区 only theirs.
const MINE: Mention[] = [
  ['四个意识', 'SLOGAN'],
  ['张延昆', 'PERSON'],
  ['温榆河公园', 'PROJECT'],
];
const THEIRS: Mention[] = [
  ['四个意识', 'SLOGAN'],
  ['张延', 'PERSON'],
  ['120个小区', 'TARGET'],
];
interface Span {
  start: number;
  end: number;
  labelId: number;
  annotator: string;
}
const at = (text: string) => [TEXT.indexOf(text), TEXT.indexOf(text) + text.length];

/** The text of the reader's 'bz-unit' highlight (the unit being adjudicated), and whether it is inside the reader's viewport. */
function markedUnit(page: Page) {
  return page.evaluate(() => {
    const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('bz-unit');
    const ranges = [...(highlight ?? [])];
    const box = document.querySelector('.reader-scroller')!.getBoundingClientRect();
    const inView = ranges.every((r) => {
      const rect = r.getBoundingClientRect();
      return rect.top >= box.top && rect.bottom <= box.bottom;
    });
    return { text: ranges.map((r) => r.toString()).join(''), inView };
  });
}

/** Creates each mention's span through the API under the project's annotator as it is now. */
async function createSpans(server: BiaozhuServer, documentId: number, text: string, mentions: Mention[], from = 0) {
  const labels = new Map((await apiCall<{ id: number; key: string }[]>(server, 'labels:list')).map((l) => [l.key, l.id]));
  for (const [mention, label] of mentions) {
    const start = text.indexOf(mention, from);
    await apiCall(server, 'annotations:create', { documentId, start, end: start + mention.length, labelId: labels.get(label) });
  }
}

test('adjudicate a document by keyboard: units, choices, progress, and the gold spans stored', async ({ server, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const line = JSON.stringify({
    id: 'adj-1',
    text: TEXT,
    original_text: TEXT,
    offset_map: [0, TEXT.length, 0, TEXT.length],
    status: 'todo',
    metadata: { title: TITLE, date: '2024-03-12', source: '北京日报', district: null, url: null, reporters: [], externalId: 'adj-1' },
    spans: [],
  });
  await importJsonl(server, 'adjudicate.jsonl', line);
  const me = (await apiCall<{ project: { annotator: string } }>(server, 'app:info')).project.annotator;
  const documentId = (await apiCall<{ items: { id: number }[] }>(server, 'documents:list', {})).items[0].id;
  const labels = new Map((await apiCall<{ id: number; key: string }[]>(server, 'labels:list')).map((l) => [l.key, l.id]));
  const create = async (mentions: Mention[]) => {
    for (const [text, label] of mentions) {
      const [start, end] = at(text);
      await apiCall(server, 'annotations:create', { documentId, start, end, labelId: labels.get(label) });
    }
  };
  await create(MINE);
  await apiCall(server, 'projects:setAnnotator', { name: OTHER });
  await create(THEIRS);
  await apiCall(server, 'projects:setAnnotator', { name: me });
  const coders = [me, OTHER].sort();

  await page.reload();
  await page.locator('.doc-row', { hasText: TITLE }).click();
  await expect(page.locator('.reader-title')).toHaveText(TITLE);
  await page.getByTestId('adjudicate').click();
  const panel = page.getByTestId('adjudication');
  const progress = panel.getByTestId('adjudication-progress');
  await expect(progress).toHaveText('0 / 3');
  await expect(panel).toBeFocused();
  const unit = panel.getByTestId('adjudication-unit');
  // Units in text order: 张延昆/张延, 温榆河公园, 120个小区.
  await expect(unit).toHaveAttribute('data-start', String(at('张延昆')[0]));
  await expect(unit).toContainText(me);
  await expect(unit).toContainText(OTHER);
  await docScreenshot(page, 'adjudication');
  const serious = (await new AxeBuilder({ page }).include('.right-panel').include('.reader-header').analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The reader marks the unit being decided.
  await expect.poll(() => markedUnit(page)).toEqual({ text: '张延昆', inView: true });

  // N / Shift+N walk the units.
  await page.keyboard.press('n');
  await expect(unit).toHaveAttribute('data-start', String(at('温榆河公园')[0]));
  await page.keyboard.press('Shift+N');
  await expect(unit).toHaveAttribute('data-start', String(at('张延昆')[0]));

  // Take the second coder's span (the digit is the coder's place in the list), then Enter.
  const otherKey = String(coders.indexOf(OTHER) + 1);
  await page.keyboard.press(otherKey);
  await page.keyboard.press('Enter');
  await expect(progress).toHaveText('1 / 3');
  await expect(unit).toHaveAttribute('data-start', String(at('温榆河公园')[0]));
  await page.keyboard.press('0');
  await page.keyboard.press('Enter');
  await expect(progress).toHaveText('2 / 3');
  await expect(unit).toHaveAttribute('data-start', String(at('120个小区')[0]));
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
  await expect(progress).toHaveText('3 / 3');

  const gold = (await apiCall<Span[]>(server, 'annotations:list', { documentId })).filter((s) => s.annotator === 'gold');
  const places = gold.map((s) => [s.start, s.end, s.labelId]).sort((a, b) => a[0] - b[0]);
  expect(places).toEqual(
    [
      [...at('张延'), labels.get('PERSON')],
      [...at('四个意识'), labels.get('SLOGAN')],
      [...at('120个小区'), labels.get('TARGET')],
    ].sort((a, b) => a[0]! - b[0]!),
  );
  const state = await apiCall<{ decided: number; total: number; documentsDone: number }>(server, 'adjudication:progress', { coders });
  expect(state).toMatchObject({ decided: 3, total: 3, documentsDone: 1 });
});

test('E edits a unit’s gold spans from a selection in the reader; the reader follows the units down the document', async ({ server, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  // The second unit is far below the first screen, so following it means scrolling.
  const filler = Array.from({ length: 120 }, (_, i) => `第${i + 1}段：区里召开会议，研究部署近期重点工作，要求各部门抓好落实。`).join('\n');
  const text = `${TEXT}\n${filler}\n最后，区领导到温榆河公园检查工作。`;
  const far = text.lastIndexOf('温榆河公园');
  const documentId = await importArticle(server, text, TITLE);
  const me = (await apiCall<{ project: { annotator: string } }>(server, 'app:info')).project.annotator;
  await createSpans(server, documentId, text, [['张延昆', 'PERSON']]);
  await createSpans(server, documentId, text, [['温榆河公园', 'PROJECT']], far);
  await apiCall(server, 'projects:setAnnotator', { name: OTHER });
  await createSpans(server, documentId, text, [['张延', 'PERSON']]);
  await apiCall(server, 'projects:setAnnotator', { name: me });
  const labels = await apiCall<{ id: number; key: string; hotkey: string | null }[]>(server, 'labels:list');
  const person = labels.find((l) => l.key === 'PERSON')!;
  const personKey = person.hotkey ?? String(labels.indexOf(person) + 1);

  await page.reload();
  await page.locator('.doc-row', { hasText: TITLE }).click();
  await page.getByTestId('adjudicate').click();
  const panel = page.getByTestId('adjudication');
  await expect(panel.getByTestId('adjudication-progress')).toHaveText('0 / 2');
  await expect(panel).toBeFocused();
  await expect.poll(() => markedUnit(page)).toEqual({ text: '张延昆', inView: true });

  // E, a click on the label bar's 口号 chip drafts the selected unit (not a span of mine), then Esc: nothing stored.
  await page.keyboard.press('e');
  await expect(panel.getByTestId('adjudication-edit')).toBeVisible();
  await expect(page.getByTestId('reader')).toBeFocused();
  await page.locator('.label-chips button', { hasText: '口号' }).click();
  await expect(panel.getByTestId('adjudication-drafts')).toContainText('「张延昆」 口号');
  await page.keyboard.press('Escape');
  await expect(panel.getByTestId('adjudication-edit')).toHaveCount(0);
  await expect(panel).toBeFocused();

  // E selects the unit (张延昆) in the reader; Shift+← takes 昆 off; the label's key drafts 张延; Enter saves.
  await page.keyboard.press('e');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press(personKey);
  await expect(panel.getByTestId('adjudication-drafts')).toContainText('「张延」');
  await docScreenshot(page, 'adjudication-edit');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('adjudication-progress')).toHaveText('1 / 2');
  await expect(panel.getByTestId('adjudication-edit')).toHaveCount(0);
  await expect(panel).toBeFocused();

  const state = await apiCall<{
    units: { start: number; decision: { choice: string } | null; gold: { start: number; end: number; labelId: number; adjudicatedFrom: string }[] }[];
  }>(server, 'adjudication:disagreements', { documentId, coders: [me, OTHER].sort() });
  const edited = state.units[0]!;
  expect(edited.decision?.choice).toBe('edit');
  const zhang = text.indexOf('张延');
  expect(edited.gold).toEqual([expect.objectContaining({ start: zhang, end: zhang + 2, labelId: person.id, adjudicatedFrom: 'edited' })]);
  // The label key and the chip went to the edit, not to the workbench: my own layer is as it was.
  const mine = (await apiCall<{ start: number; end: number; annotator: string }[]>(server, 'annotations:list', { documentId })).filter(
    (s) => s.annotator === me,
  );
  expect(mine.map((s) => text.slice(s.start, s.end)).sort()).toEqual(['张延昆', '温榆河公园'].sort());

  // The next unit is the far one: the reader has scrolled down to it and marks it.
  await expect(panel.getByTestId('adjudication-unit')).toHaveAttribute('data-start', String(far));
  await expect.poll(() => markedUnit(page)).toEqual({ text: '温榆河公园', inView: true });
  expect(await page.locator('.reader-scroller').evaluate((el) => el.scrollTop)).toBeGreaterThan(500);
  await page.keyboard.press('Shift+N');
  await expect.poll(() => markedUnit(page)).toEqual({ text: '张延昆', inView: true });
});
