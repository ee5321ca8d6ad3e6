// The long-document path: a 100,000-character document with 5,000 spans opens windowed (only the
// blocks near the viewport are rendered), stays correct while scrolling, and labels far down.
// Timing goals are measured by the benchmark; here the bounds are loose sanity checks for CI.
import { apiCall, expect, importJsonl, test } from './fixtures';

const PARAGRAPHS = [
  '本报讯 3月12日，朝阳区委书记王灏主持召开区委常委会会议，传达学习全国两会精神。',
  '会议强调，要坚持“以人民为中心”的发展思想，深入推进“疏解整治促提升”专项行动。',
  '会议指出，力争到2025年底完成老旧小区综合整治120个，新增绿地面积50公顷。',
];
const LABELS = ['PERSON', 'SLOGAN', 'PROJECT', 'TARGET'];

test('a 100k-character document with 5,000 spans opens windowed and labels at the end', async ({ server, page }) => {
  let text = '';
  for (let i = 0; text.length < 100_000; i++) text += `${PARAGRAPHS[i % 3]}\n`;
  text = text.slice(0, 100_000);
  // Nested and crossing spans: every 20 characters, lengths 4-8, so neighbours overlap.
  const spans = Array.from({ length: 5000 }, (_, i) => {
    const start = i * 20 - (i % 3);
    return { id: i + 1, label: LABELS[i % 4], start: Math.max(0, start), end: Math.max(0, start) + 4 + (i % 5) * 6, attributes: {}, annotator: 'bench' };
  }).filter((s) => s.end <= text.length);
  const record = {
    id: 'long',
    text,
    status: 'todo',
    original_text: text,
    offset_map: [0, text.length, 0, text.length],
    spans,
    metadata: { title: '长文档', date: '2024-01-01', source: '基准', district: null, url: null, reporters: [], externalId: 'long' },
  };
  await importJsonl(server, 'long.jsonl', JSON.stringify(record));
  const documentId = (await apiCall<{ items: { id: number }[] }>(server, 'documents:list', {})).items[0].id;
  const stored = await apiCall<unknown[]>(server, 'annotations:list', { documentId });
  expect(stored.length).toBe(spans.length);

  await page.reload();
  await page.locator('.doc-row').first().click();
  await expect(page.locator('mark[data-ids]').first()).toBeVisible();
  const open = await page.evaluate(() => window.__biaozhuPerf!.opens.at(-1)!);
  expect(open.ms).toBeLessThan(2000);
  const counts = await page.evaluate(() => ({
    rendered: document.querySelectorAll('[data-testid="reader"] p[data-start]').length,
    blocks: document.querySelectorAll('.bz-block').length,
  }));
  // Windowed: far fewer paragraphs in the DOM than the ~2,700 the document has.
  expect(counts.blocks).toBeGreaterThan(20);
  expect(counts.rendered).toBeLessThan(400);

  // A jump far down is drawn in the frame it happens: the first frame after the scroll shows text,
  // not an empty placeholder (blocks ahead are rendered in idle time, the visible ones at once).
  for (const fraction of [0.5, 0.3, 0.7]) {
    const blank = await page.evaluate(
      (f) =>
        new Promise<number>((resolve) => {
          const scroller = document.querySelector('.reader-scroller')!;
          scroller.scrollTop = Math.round(scroller.scrollHeight * f);
          requestAnimationFrame(() => {
            const box = scroller.getBoundingClientRect();
            const visible = [...document.querySelectorAll('.bz-block:not(.is-rendered)')].filter((el) => {
              const r = el.getBoundingClientRect();
              return r.bottom > box.top && r.top < box.bottom;
            });
            resolve(visible.length);
          });
        }),
      fraction,
    );
    expect(blank, `unrendered blocks on screen in the first frame after jumping to ${fraction}`).toBe(0);
  }

  // Jump to the end: the last block renders and a new span there is stored at exact offsets.
  await page.evaluate(() => {
    const scroller = document.querySelector('.reader-scroller')!;
    scroller.scrollTop = scroller.scrollHeight;
  });
  const lastStart = text.lastIndexOf('新增绿地面积50公顷');
  const lastP = page.locator(`[data-testid="reader"] p[data-start="${text.lastIndexOf('\n', lastStart) + 1}"]`);
  await expect(lastP).toBeVisible();
  await page.keyboard.press('End');
  const before = stored.length;
  await lastP.click({ position: { x: 2, y: 10 } });
  await page.keyboard.press('End');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('4');
  await expect.poll(async () => (await apiCall<unknown[]>(server, 'annotations:list', { documentId })).length).toBe(before + 1);
  const labelKeys = await page.evaluate(() => window.__biaozhuPerf!.labelKeys.length);
  expect(labelKeys).toBeGreaterThan(0);
});
