// Label guidelines and notes (#18): a description edited in the label editor shows in the label
// bar's tooltip, the ? key map and the guidelines tab; a span note shows in the span list and
// survives a reload.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall, docScreenshot, expect, importJsonl, test, type BiaozhuServer } from './fixtures';

const TEXT = '本报讯 3月12日，市委书记蔡奇到怀柔科学城调研，强调要增强“四个意识”、做到“两个维护”，力争到2025年森林覆盖率提高到48.7%，打造千亿元产业集群。';
const SPANS: [string, string][] = [
  ['市委书记蔡奇', 'PERSON'],
  ['“四个意识”', 'SLOGAN'],
  ['怀柔科学城', 'PROJECT'],
  ['森林覆盖率提高到48.7%', 'TARGET'],
];
const TITLE = '蔡奇到怀柔科学城调研';

async function seed(server: BiaozhuServer) {
  const spans = SPANS.map(([s, label], n) => ({
    id: n + 1,
    label,
    start: TEXT.indexOf(s),
    end: TEXT.indexOf(s) + s.length,
    attributes: {},
    annotator: 'seed',
  }));
  const record = {
    id: 'd1',
    text: TEXT,
    metadata: { title: TITLE, date: '2024-03-12', source: '北京日报', district: null, url: null, reporters: [], externalId: 'd1' },
    original_text: TEXT,
    offset_map: [0, TEXT.length, 0, TEXT.length],
    spans,
  };
  await importJsonl(server, 'seed.jsonl', JSON.stringify(record));
}

async function openDoc(page: Page) {
  await page.reload();
  await page.locator('.doc-row', { hasText: TITLE }).click();
  await expect(page.locator('.reader-title')).toHaveText(TITLE);
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

test('a description edited in the label editor shows in the label bar tooltip, the key map and the guidelines tab', async ({ server, page }) => {
  await seed(server);
  await openDoc(page);
  // The defaults come with guidelines: the tooltip of 口号 names its examples.
  await expect(page.locator('.label-chip', { hasText: '口号' })).toHaveAttribute('title', /“四个意识”/);
  // The guidelines tab as a new project has it (the README's screenshot).
  await page.getByRole('tab', { name: /^(规范|Guidelines)$/ }).click();
  await expect(page.locator('.guidelines-panel .guideline')).toHaveCount(4);
  await docScreenshot(page, 'guidelines');

  await page.getByRole('button', { name: /^(标签|Labels)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /人物/ }).first().click();
  await dialog.getByLabel(/^(标注说明（中文）|Guideline \(Chinese\))$/).fill('有名有姓的人，连同紧挨着的职务一起标注。');
  await dialog.getByLabel(/^(示例，每行一个|Examples, one per line)$/).fill('蔡奇\n市委书记蔡奇\n');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  await expect
    .poll(async () => (await apiCall<{ key: string; descriptionZh: string; examples: string[] }[]>(server, 'labels:list')).find((l) => l.key === 'PERSON'))
    .toMatchObject({ descriptionZh: '有名有姓的人，连同紧挨着的职务一起标注。', examples: ['蔡奇', '市委书记蔡奇'] });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  const chip = page.locator('.label-chip', { hasText: '人物' });
  await expect(chip).toHaveAttribute('title', /有名有姓的人，连同紧挨着的职务一起标注。/);
  await expect(chip).toHaveAttribute('title', /蔡奇、市委书记蔡奇/);

  await page.locator('[data-testid="reader"]').click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog');
  await expect(help.locator('.help-labels')).toContainText('有名有姓的人，连同紧挨着的职务一起标注。');
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: /^(规范|Guidelines)$/ }).click();
  const panel = page.locator('.guidelines-panel');
  await expect(panel.locator('.guideline')).toHaveCount(4);
  await expect(panel.locator('.guideline', { hasText: '人物' })).toContainText('有名有姓的人，连同紧挨着的职务一起标注。');
  await expect(panel.locator('.guideline', { hasText: '口号' }).locator('.guideline-example')).toContainText(['“四个意识”', '“两个维护”']);
  await expect(panel.locator('.guideline', { hasText: '目标' })).toContainText('森林覆盖率提高到48.7%');
  await axe(page);
});

test('a span note written in the side panel shows in the span list and survives a reload', async ({ server, page }) => {
  await seed(server);
  await openDoc(page);
  await page.locator('.span-row', { hasText: '“四个意识”' }).click();
  const note = page.getByLabel(/^(备注|Note)$/);
  await note.fill('与“两个维护”并列，分开标注');
  await note.blur();
  const row = page.locator('.span-row', { hasText: '“四个意识”' });
  await expect(row.locator('.span-row-note')).toContainText('与“两个维护”并列，分开标注');
  await axe(page);
  await expect
    .poll(async () => (await apiCall<{ note: string }[]>(server, 'annotations:list', { documentId: 1 })).map((a) => a.note))
    .toContain('与“两个维护”并列，分开标注');

  await page.getByRole('tab', { name: /^(文档|Document)/ }).click();
  const docNote = page.getByLabel(/^(文档备注|Document note)$/);
  await docNote.fill('原网页已删除，取自存档');
  await docNote.blur();
  await expect.poll(async () => (await apiCall<{ note: string }>(server, 'documents:get', { id: 1 })).note).toBe('原网页已删除，取自存档');

  await openDoc(page);
  await page.getByRole('tab', { name: /^(标注|Spans)/ }).click();
  await expect(page.locator('.span-row', { hasText: '“四个意识”' }).locator('.span-row-note')).toContainText('与“两个维护”并列，分开标注');
  await page.locator('.span-row', { hasText: '“四个意识”' }).click();
  await expect(page.getByLabel(/^(备注|Note)$/)).toHaveValue('与“两个维护”并列，分开标注');
  await page.getByRole('tab', { name: /^(文档|Document)/ }).click();
  await expect(page.getByLabel(/^(文档备注|Document note)$/)).toHaveValue('原网页已删除，取自存档');
});
