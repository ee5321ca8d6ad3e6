// The agreement tab and the coder layers (#20), on a project where two coders' spans were made
// through the API: the figures shown are agreement:compute's, the worst document opens from the
// heat map, and the other coder's spans are a read-only layer toggled in the reader header.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { apiCall, docScreenshot, expect, importJsonl, test, type BiaozhuServer } from './fixtures';

const TEXT = '区委书记张延昆到温榆河公园调研，强调要增强“四个意识”，力争年底前完成120个小区整治。';
const OTHER = '李同学';
type Mention = [text: string, label: string];
// Per document: my spans, then the other coder's. 乙 partly agrees; 丙 not at all (the worst).
const DOCS: { title: string; mine: Mention[]; theirs: Mention[] }[] = [
  {
    title: '甲 一致',
    mine: [
      ['张延昆', 'PERSON'],
      ['四个意识', 'SLOGAN'],
    ],
    theirs: [
      ['张延昆', 'PERSON'],
      ['四个意识', 'SLOGAN'],
    ],
  },
  {
    title: '乙 部分一致',
    mine: [
      ['张延昆', 'PERSON'],
      ['120个小区', 'TARGET'],
    ],
    theirs: [
      ['张延', 'PERSON'],
      ['120个小区', 'TARGET'],
    ],
  },
  {
    title: '丙 不一致',
    mine: [['四个意识', 'SLOGAN']],
    theirs: [
      ['温榆河公园', 'PROJECT'],
      ['区委书记', 'PERSON'],
    ],
  },
];

interface Figures {
  kappa: number | null;
  alpha: number | null;
  alphaU: number | null;
  f1Exact: number | null;
  f1Overlap: number | null;
}
interface Report {
  documents: number;
  characters: number;
  overall: Figures;
  byLabel: (Figures & { label: string })[];
  perDocument: { id: number; title?: string; characters: number; disagreeing: number; alpha: number | null }[];
}
interface Span {
  id: number;
  documentId: number;
  start: number;
  end: number;
  labelId: number;
  annotator: string;
}

async function createSpans(server: BiaozhuServer, ids: number[], labelIds: Map<string, number>, pick: (d: (typeof DOCS)[number]) => Mention[]) {
  for (const [i, d] of DOCS.entries()) {
    for (const [text, label] of pick(d)) {
      const start = TEXT.indexOf(text);
      await apiCall(server, 'annotations:create', { documentId: ids[i], start, end: start + text.length, labelId: labelIds.get(label) });
    }
  }
}

/** Three documents, my spans and 李同学's, all made through the API as the app makes them. */
async function seed(server: BiaozhuServer): Promise<{ me: string; ids: number[] }> {
  const body = DOCS.map((d, i) => {
    const text = `${TEXT}（${i}）`; // a suffix per document: the import skips a text it already has
    return JSON.stringify({
      id: `doc-${i}`,
      text,
      original_text: text,
      offset_map: [0, text.length, 0, text.length],
      status: 'todo',
      metadata: { title: d.title, date: '2024-03-12', source: '北京日报', district: null, url: null, reporters: [], externalId: `doc-${i}` },
      spans: [],
    });
  }).join('\n');
  await importJsonl(server, 'coders.jsonl', body);
  const info = await apiCall<{ project: { annotator: string } }>(server, 'app:info');
  const me = info.project.annotator;
  const page = await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', {});
  const ids = DOCS.map((d) => page.items.find((x) => x.title === d.title)?.id ?? 0);
  expect(ids, JSON.stringify(page.items.map((x) => x.title))).not.toContain(0);
  const labels = await apiCall<{ id: number; key: string }[]>(server, 'labels:list');
  const labelIds = new Map(labels.map((l) => [l.key, l.id]));
  await createSpans(server, ids, labelIds, (d) => d.mine);
  await apiCall(server, 'projects:setAnnotator', { name: OTHER });
  await createSpans(server, ids, labelIds, (d) => d.theirs);
  await apiCall(server, 'projects:setAnnotator', { name: me });
  return { me, ids };
}

const shown = (x: number | null) => (x === null ? '—' : x.toFixed(3));

async function expectFigures(page: Page, row: string, f: Figures) {
  const cells = page.locator(`[data-testid="agreement-figures"] tr[data-label="${row}"]`);
  for (const key of ['kappa', 'alpha', 'alphaU', 'f1Exact', 'f1Overlap'] as const) {
    await expect(cells.locator(`[data-figure="${key}"]`)).toHaveText(shown(f[key]));
  }
}

const spansOf = (server: BiaozhuServer, documentId: number) => apiCall<Span[]>(server, 'annotations:list', { documentId });

test('the agreement tab shows agreement:compute’s figures, opens the worst document, and other coders are a read-only layer', async ({ server, page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  const { me, ids } = await seed(server);
  expect(me).not.toBe(OTHER);
  const report = await apiCall<Report>(server, 'agreement:compute', { perDocument: true });
  expect(report.documents).toBe(3);
  await page.reload();

  await page.getByRole('tab', { name: /一致性|Agreement/ }).click();
  const view = page.getByTestId('agreement');
  await expect(view.getByTestId('agreement-compared')).toContainText(`${report.documents}`);
  await expect(view.getByTestId('agreement-compared')).toContainText(`${report.characters}`);
  await expectFigures(page, 'overall', report.overall);
  for (const l of report.byLabel) await expectFigures(page, l.label, l);
  await expect(view.getByTestId('agreement-confusion')).toBeVisible();

  // Worst first: the highest share of disagreeing characters.
  const worst = [...report.perDocument].sort((a, b) => b.disagreeing / b.characters - a.disagreeing / a.characters)[0];
  expect(worst.id).toBe(ids[2]);
  const heatRows = view.locator('[data-testid="agreement-heatmap"] tbody tr');
  await expect(heatRows).toHaveCount(3);
  await expect(heatRows.first()).toHaveAttribute('data-doc-id', String(worst.id));
  await expect(heatRows.first().locator('[data-figure="alpha"]')).toHaveText(shown(worst.alpha));
  await docScreenshot(page, 'agreement');
  // Dark and English, for looking at (not committed).
  await page.locator('.theme-switch').click();
  await page.locator('.lang-switch').click();
  await expect(view).toContainText('Figures');
  await page.screenshot({ path: 'test-results/agreement-en-dark.png' });
  await page.locator('.lang-switch').click();
  await page.locator('.theme-switch').click();
  await expect(view).toContainText('指标');

  // Save as CSV: the corpus rows carry the same figures, full precision.
  const [download] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: /另存为 CSV|Save as CSV/ }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
  expect(csv[0].slice(0, 5)).toEqual(['scope', 'document_id', 'title', 'label', 'kappa']);
  expect(csv[1].slice(0, 8)).toEqual([
    'corpus',
    '',
    '',
    '',
    String(report.overall.kappa),
    'cohen',
    String(report.overall.alpha),
    String(report.overall.alphaU),
  ]);
  expect(csv.filter((r) => r[0] === 'document' && r[3] === '')).toHaveLength(3);

  // Unchecking a coder leaves one: no figures, a plain message.
  await view.getByRole('checkbox', { name: OTHER }).uncheck();
  await expect(view).toContainText(/请至少选择两位标注人|Choose at least two coders/);
  await view.getByRole('checkbox', { name: OTHER }).check();
  await expectFigures(page, 'overall', report.overall);

  await heatRows.first().getByRole('button').click();
  await expect(page.locator('.reader-title')).toHaveText('丙 不一致');
  // Mine only by default: my one span is drawn, theirs are not.
  const layers = page.getByTestId('coder-layers');
  const toggle = layers.locator(`[data-coder="${OTHER}"]`);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle).toContainText('2');
  const foreign = page.locator('.reader-content mark.is-foreign');
  await expect(page.locator('.reader-content mark[data-ids]').first()).toBeVisible();
  await expect(foreign).toHaveCount(0);

  // Documents carry one status, so the list shows each coder's span count (once it knows there are several coders).
  for (const [i, d] of DOCS.entries()) {
    const counts = page.locator(`.doc-row[data-doc-id="${ids[i]}"] [data-testid="doc-coder-counts"]`);
    await expect(counts).toContainText(`${me} ${d.mine.length}`);
    await expect(counts).toContainText(`${OTHER} ${d.theirs.length}`);
  }

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(foreign.first()).toBeVisible();
  const theirs = (await spansOf(server, worst.id)).filter((s) => s.annotator === OTHER);
  const drawn = new Set(await foreign.evaluateAll((els) => els.flatMap((e) => (e as HTMLElement).dataset.ids!.split(' ').map(Number))));
  for (const s of theirs) expect(drawn.has(s.id)).toBe(true);

  // Read-only: clicking their span does not select it, and a label key changes nothing.
  const before = await spansOf(server, worst.id);
  const park = page.locator('.reader-content mark.is-foreign-only', { hasText: '温榆河公园' }).first();
  await park.hover();
  await expect(page.locator('.hover-card')).toContainText(OTHER);
  await docScreenshot(page, 'layers');
  await park.click();
  await expect(page.locator('.reader-content mark.is-selected')).toHaveCount(0);
  await page.keyboard.press('1');
  await page.keyboard.press('2');
  await page.waitForTimeout(300);
  expect(await spansOf(server, worst.id)).toEqual(before);
  await expect(park).toHaveClass(/is-foreign-only/);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(foreign).toHaveCount(0);
  expect(await spansOf(server, worst.id)).toEqual(before);
});
