// Relations in adjudication (#23): two coders each draw relations (through the API, as the editor
// makes them); deciding units in the panel brings a coder's relation into gold when both its spans
// are taken from that coder. The panel counts the gold relations and lists every coder relation gold
// lacks with its reason, after each decision, as the API answers; a row shows its relation in the
// reader (Tab and Enter reach it). The reader asks for the document's relations once idle after
// opening, before any span is clicked.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall, docScreenshot, expect, importArticle, test, type BiaozhuServer } from './fixtures';

const TEXT = '区委书记张延昆到温榆河公园调研，强调要增强“四个意识”，力争年底前完成120个小区整治。';
const TITLE = '裁定关系示例';
const OTHER = '李同学';

interface LeftOut {
  coder: string;
  relationId: number;
  typeKey: string;
  reason: string;
}
interface DocumentAdjudication {
  relations: { inGold: number; leftOut: LeftOut[] };
}

/** Creates a span through the API under the project's annotator as it is now; answers its id. */
async function span(server: BiaozhuServer, documentId: number, text: string, label: string): Promise<number> {
  const labels = await apiCall<{ id: number; key: string }[]>(server, 'labels:list');
  const start = TEXT.indexOf(text);
  const created = await apiCall<{ id: number }>(server, 'annotations:create', {
    documentId,
    start,
    end: start + text.length,
    labelId: labels.find((l) => l.key === label)!.id,
  });
  return created.id;
}

async function relate(server: BiaozhuServer, documentId: number, typeKey: string, fromId: number, toId: number): Promise<void> {
  await apiCall(server, 'relations:create', { documentId, typeKey, fromId, toId });
}

/** The panel's left-out rows as [coder, relation id, reason], sorted like the API's. */
async function shownLeftOut(page: Page): Promise<string[]> {
  const rows = page.getByTestId('adjudication-left-out-row');
  const out: string[] = [];
  for (const row of await rows.all()) {
    out.push(`${await row.getAttribute('data-coder')}:${await row.getAttribute('data-relation-id')}:${await row.getAttribute('data-reason')}`);
  }
  return out.sort();
}

const apiLeftOut = (state: DocumentAdjudication) => state.relations.leftOut.map((r) => `${r.coder}:${r.relationId}:${r.reason}`).sort();

/** The text of the reader's 'bz-unit' highlight. */
const marked = (page: Page) =>
  page.evaluate(() => [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('bz-unit') ?? [])].map((r) => r.toString()).join('+'));

test('adjudication lists the relations gold lacks, with reasons, and counts the gold relations after each decision', async ({ server, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const documentId = await importArticle(server, TEXT, TITLE);
  const me = (await apiCall<{ project: { annotator: string } }>(server, 'app:info')).project.annotator;
  // Mine: 张延昆 提出 四个意识. Theirs: 张延 提出 四个意识, 张延 调研 温榆河公园 (a span only they have).
  const myPerson = await span(server, documentId, '张延昆', 'PERSON');
  const mySlogan = await span(server, documentId, '四个意识', 'SLOGAN');
  await relate(server, documentId, '提出', myPerson, mySlogan);
  await apiCall(server, 'projects:setAnnotator', { name: OTHER });
  const theirPerson = await span(server, documentId, '张延', 'PERSON');
  const theirSlogan = await span(server, documentId, '四个意识', 'SLOGAN');
  const theirProject = await span(server, documentId, '温榆河公园', 'PROJECT');
  await relate(server, documentId, '提出', theirPerson, theirSlogan);
  await relate(server, documentId, '调研', theirPerson, theirProject);
  await apiCall(server, 'projects:setAnnotator', { name: me });
  const coders = [me, OTHER].sort();
  const otherKey = String(coders.indexOf(OTHER) + 1);
  const adjudication = () => apiCall<DocumentAdjudication>(server, 'adjudication:disagreements', { documentId, coders });
  const goldRelations = async () =>
    (await apiCall<{ annotator: string; typeKey: string }[]>(server, 'relations:forDocument', { documentId }))
      .filter((r) => r.annotator === 'gold')
      .map((r) => r.typeKey)
      .sort();

  await page.reload();
  // Opening the document asks for its relations once the reader is idle, before any span is clicked.
  const relationsAsked = page.waitForRequest((r) => r.url().includes('/api/relations%3AforDocument') || r.url().includes('/api/relations:forDocument'));
  await page.locator('.doc-row', { hasText: TITLE }).click();
  await expect(page.locator('.reader-title')).toHaveText(TITLE);
  await relationsAsked;

  await page.getByTestId('adjudicate').click();
  const panel = page.getByTestId('adjudication');
  await expect(panel.getByTestId('adjudication-progress')).toHaveText('0 / 2');
  await expect(panel).toBeFocused();
  const inGold = panel.getByTestId('adjudication-relations-gold');
  const leftOutCount = panel.getByTestId('adjudication-relations-left-out-count');
  // Nothing decided: every coder relation waits for an end.
  await expect(inGold).toHaveAttribute('data-count', '0');
  await expect(leftOutCount).toHaveAttribute('data-count', '3');
  let state = await adjudication();
  expect(state.relations.inGold).toBe(0);
  expect(await shownLeftOut(page)).toEqual(apiLeftOut(state));
  expect(state.relations.leftOut.every((r) => r.reason === 'end_undecided')).toBe(true);
  await expect(panel.getByTestId('adjudication-left-out')).toContainText('对端尚未裁决');

  // 张延 (theirs) for the first unit: their 提出 comes into gold, mine is decided out; 调研 still waits for 温榆河公园.
  await page.keyboard.press(otherKey);
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('adjudication-progress')).toHaveText('1 / 2');
  await expect(inGold).toHaveAttribute('data-count', '1');
  await expect(leftOutCount).toHaveAttribute('data-count', '2');
  state = await adjudication();
  expect(state.relations.inGold).toBe(1);
  expect(await shownLeftOut(page)).toEqual(apiLeftOut(state));
  const reasons = Object.fromEntries(state.relations.leftOut.map((r) => [`${r.coder}:${r.typeKey}`, r.reason]));
  expect(reasons).toEqual({ [`${me}:提出`]: 'end_not_adopted', [`${OTHER}:调研`]: 'end_undecided' });
  expect(await goldRelations()).toEqual(['提出']);
  await docScreenshot(page, 'adjudication-relations');
  const serious = (await new AxeBuilder({ page }).include('[data-testid="adjudication-relations"]').analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Tab reaches the rows; Enter on their 调研 marks both its ends in the reader (without deciding the unit).
  const theirRow = panel.locator(`[data-testid="adjudication-left-out-row"][data-coder="${OTHER}"]`);
  const myRow = panel.locator(`[data-testid="adjudication-left-out-row"][data-coder="${me}"]`);
  for (let i = 0; i < 20 && !(await theirRow.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(theirRow).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => marked(page)).toBe('张延+温榆河公园');
  await expect(panel.getByTestId('adjudication-progress')).toHaveText('1 / 2');
  // A click on my own relation selects my span in the reader.
  await myRow.click();
  await expect(page.locator('[data-testid="reader"] mark.is-selected')).toHaveText('张延昆');

  // 温榆河公园 (theirs) for the second unit: their 调研 comes too; only mine is left out.
  await panel.focus();
  await page.keyboard.press(otherKey);
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('adjudication-progress')).toHaveText('2 / 2');
  await expect(inGold).toHaveAttribute('data-count', '2');
  await expect(leftOutCount).toHaveAttribute('data-count', '1');
  state = await adjudication();
  expect(state.relations.inGold).toBe(2);
  expect(await shownLeftOut(page)).toEqual(apiLeftOut(state));
  expect(await goldRelations()).toEqual(['提出', '调研']);

  // The row words its reason.
  await expect(myRow).toHaveAttribute('data-reason', 'end_not_adopted');
  await expect(myRow).toContainText('一端的裁决未采用该编码者的标注');
  // Dark and English, for looking at (not committed).
  await page.locator('.theme-switch').click();
  await page.locator('.lang-switch').click();
  await expect(myRow).toContainText('an end was decided without this coder’s span');
  await expect(inGold).toHaveText('2 relations in the gold layer.');
  await page.screenshot({ path: 'test-results/adjudication-relations-en-dark.png' });
  await page.locator('.lang-switch').click();
  await page.locator('.theme-switch').click();
});
