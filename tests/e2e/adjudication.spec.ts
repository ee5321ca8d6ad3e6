// Adjudicate mode (#20): two coders' spans on one document (made through the API as the editor
// makes them); the reader header's Adjudicate button opens the units, which are walked and decided
// by keyboard only; the gold layer stored is then read back through the API.
import AxeBuilder from '@axe-core/playwright';
import { apiCall, docScreenshot, expect, importJsonl, test } from './fixtures';

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
