// Entities and relations (#23) through the real browser mode: link three mentions of 蔡奇 (one by L,
// two by Shift+L, link all identical), link 市委书记蔡奇 with its title kept as the role, merge two
// entities whose fields conflict (the dialog asks which to keep), draw a PERSON→SLOGAN 提出 relation
// by keyboard (R, the target's number, the type's number), undo and redo it, export the edge list
// through the export dialog and read it back, delete a span with a relation and undo (the relation
// comes back), and carry it all into a fresh project through a Biaozhu JSONL export and the import
// dialog — checking what is stored through the API at each step. Then the label editor's relation
// types, and relations reviewed by keyboard.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { EntityPage, Relation, RelationType } from '../../shared/api/entities';
import type { Annotation, Label } from '../../shared/model';
import { apiCall, docScreenshot, expect, importJsonl, test, type BiaozhuServer } from './fixtures';

const A = [
  '本报讯 3月12日，市委书记蔡奇到朝阳区调研城市更新工作。',
  '',
  '蔡奇提出，要坚决做到“两个维护”，把接诉即办抓实抓细。',
  '',
  '调研中，蔡奇还察看了老旧小区综合整治情况。',
].join('\n');
const B = '蔡奇同志在通州区调研时强调，要做到“两个维护”。随后蔡奇主持召开座谈会。';

async function importArticles(server: BiaozhuServer): Promise<Record<string, number>> {
  const body = [
    { id: 'a', title: '蔡奇调研城市更新', text: A, date: '2024-03-12' },
    { id: 'b', title: '蔡奇到通州调研', text: B, date: '2024-05-20' },
  ]
    .map((a) =>
      JSON.stringify({
        id: a.id,
        text: a.text,
        metadata: { title: a.title, date: a.date, source: '北京日报', district: '朝阳区', url: null, reporters: [], externalId: a.id },
        status: 'todo',
        original_text: a.text,
        offset_map: [0, a.text.length, 0, a.text.length],
        spans: [],
      }),
    )
    .join('\n');
  await importJsonl(server, 'entities.jsonl', body);
  const { items } = await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', { sort: 'id' });
  return Object.fromEntries(items.map((d) => [d.title, d.id]));
}

const nth = (text: string, needle: string, n: number) => {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  return at;
};

async function span(server: BiaozhuServer, documentId: number, text: string, needle: string, n: number, labelId: number): Promise<Annotation> {
  const start = nth(text, needle, n);
  return apiCall<Annotation>(server, 'annotations:create', { documentId, start, end: start + needle.length, labelId });
}

const spansOf = (server: BiaozhuServer, documentId: number) => apiCall<Annotation[]>(server, 'annotations:list', { documentId });
const relationsOf = (server: BiaozhuServer, documentId: number) => apiCall<Relation[]>(server, 'relations:forDocument', { documentId });

async function openDoc(page: Page, title: string) {
  await page.locator('.doc-row', { hasText: title }).click();
  await expect(page.locator('[data-testid="reader"] p[data-start]').first()).toBeVisible();
}

/** Toasts fade by themselves; the screenshots should not wait for it. */
async function dismissToasts(page: Page) {
  const close = page.getByRole('button', { name: '关闭提示' });
  while ((await close.count()) > 0)
    await close
      .first()
      .click({ timeout: 1000 })
      .catch(() => undefined);
}

/** Selects a span as a coder does from the span list (the keys then act on it). */
async function selectSpan(page: Page, id: number) {
  await page.getByRole('tab', { name: /^标注/ }).click();
  await page.locator(`.span-row[data-span-id="${id}"]`).click();
  await expect(page.locator('.span-detail')).toBeVisible();
}

/** Exports through the real export dialog (Ctrl+Shift+E) to a file beside the project; returns its path. */
async function exportThroughDialog(page: Page, server: BiaozhuServer, format: RegExp, file: string): Promise<string> {
  const target = join(server.dir, file);
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: /导出标注/ });
  await dialog.getByRole('radio', { name: format }).check();
  await dialog.getByLabel(/输出路径/).fill(file);
  await dialog.getByRole('button', { name: /^导出$/ }).click();
  await expect(dialog.locator('.export-report')).toContainText(target);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  return target;
}

/** RFC 4180 as the exporter writes it (a BOM, CRLF rows, quoted fields with doubled quotes), as rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (body[i + 1] === '"') field += body[i++];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The edge list's rows as records by its header. */
function readEdges(path: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

test('link mentions of 蔡奇, merge entities, draw a relation by keyboard, export the edge list, undo a span delete, import it all anew', async ({
  server,
  page,
}) => {
  // The whole journey of the "done means", two exports and a second project included.
  test.setTimeout(150_000);
  const ids = await importArticles(server);
  const a = ids['蔡奇调研城市更新'];
  const b = ids['蔡奇到通州调研'];
  const labels = await apiCall<Label[]>(server, 'labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  const titled = await span(server, a, A, '市委书记蔡奇', 0, label('PERSON'));
  const cai2 = await span(server, a, A, '蔡奇', 1, label('PERSON'));
  const cai3 = await span(server, a, A, '蔡奇', 2, label('PERSON'));
  const slogan = await span(server, a, A, '两个维护', 0, label('SLOGAN'));
  const project = await span(server, a, A, '城市更新工作', 0, label('PROJECT'));
  const comrade = await span(server, b, B, '蔡奇同志', 0, label('PERSON'));
  const caiB = await span(server, b, B, '蔡奇', 1, label('PERSON'));
  await page.reload();
  await openDoc(page, '蔡奇调研城市更新');

  // L: the span detail proposes a new entity named after the mention; one key links it.
  await selectSpan(page, cai2.id);
  await expect(page.getByTestId('entity-proposal')).toContainText('新实体“蔡奇”');
  await page.keyboard.press('l');
  await expect(page.locator('.entity-chip')).toHaveText('蔡奇');
  const linked = (await spansOf(server, a)).find((s) => s.id === cai2.id)!;
  expect(linked.entityId).toBeGreaterThan(0);
  const caiId = linked.entityId!;

  // Shift+L: the identical mentions (the other 蔡奇 here and the one in the other document) link too, as one batch.
  await page.keyboard.press('Shift+L');
  await expect(page.locator('.entity-batch')).toContainText('已关联 2 处相同提及');
  expect((await spansOf(server, a)).find((s) => s.id === cai3.id)!.entityId).toBe(caiId);
  expect((await spansOf(server, b)).find((s) => s.id === caiB.id)!.entityId).toBe(caiId);
  // The batch is one step: Undo all takes both links back (this document's and the other's), Redo all puts them again.
  const linkedIds = async () =>
    [...(await spansOf(server, a)), ...(await spansOf(server, b))]
      .filter((s) => s.entityId === caiId)
      .map((s) => s.id)
      .sort((x, y) => x - y);
  await page.locator('.entity-batch').getByRole('button', { name: '全部撤销' }).click();
  await expect.poll(linkedIds).toEqual([cai2.id]);
  await page.locator('.entity-batch').getByRole('button', { name: '全部重做' }).click();
  await expect.poll(linkedIds).toEqual([cai2.id, cai3.id, caiB.id].sort((x, y) => x - y));

  // 市委书记蔡奇 is proposed as 蔡奇 with the title kept as the span's role.
  await selectSpan(page, titled.id);
  await expect(page.getByTestId('entity-proposal')).toHaveText('蔡奇');
  await expect(page.locator('.span-entity')).toContainText('职务“市委书记”保留为角色');
  await page.keyboard.press('l');
  await expect(page.locator('.entity-chip')).toHaveText('蔡奇');
  const titledNow = (await spansOf(server, a)).find((s) => s.id === titled.id)!;
  expect(titledNow.entityId).toBe(caiId);
  expect(titledNow.attributes.role).toBe('市委书记');

  // A second entity for 蔡奇同志, whose organization differs: merging asks which to keep.
  await apiCall(server, 'entities:update', { id: caiId, fields: { organization: '中共北京市委' } });
  await apiCall(server, 'entities:create', { labelId: label('PERSON'), name: '蔡奇同志', annotationIds: [comrade.id], fields: { organization: '北京市委' } });
  await page.keyboard.press('Alt+e');
  const panel = page.locator('.entities-panel');
  await expect(page.getByTestId('entity-total')).toHaveText('2 个实体');
  await page.getByRole('checkbox', { name: '选择 蔡奇 以合并' }).check();
  await page.getByRole('checkbox', { name: '选择 蔡奇同志 以合并' }).check();
  await panel.getByRole('button', { name: /合并到“蔡奇”/ }).click();
  const dialog = page.getByRole('dialog', { name: '合并实体：保留哪个值' });
  await expect(dialog).toContainText('中共北京市委');
  await dialog.getByRole('radio', { name: /^北京市委/ }).check();
  await dialog.getByRole('button', { name: /合并到“蔡奇”/ }).click();
  await expect(page.getByTestId('entity-total')).toHaveText('1 个实体');
  const merged = await apiCall<EntityPage>(server, 'entities:list', {});
  expect(merged.total).toBe(1);
  expect(merged.entities[0].mentions).toBe(5);
  expect(merged.entities[0].aliases).toContain('蔡奇同志');
  expect(merged.entities[0].fields.organization).toBe('北京市委');
  await page.locator('.entity-row-main', { hasText: '蔡奇' }).click();
  await expect(page.locator('.mention-row')).toHaveCount(5);
  await expect(page.locator('.mention-row', { hasText: '市委书记蔡奇' })).toContainText('市委书记');

  // A mention in the other document opens that document in the reader with the span selected.
  await page.locator('.mention-open', { hasText: '蔡奇同志' }).click();
  await expect(page.locator('.reader-header')).toContainText('蔡奇到通州调研');
  // The panel stays open for the next mention; the reader shows this one selected.
  await expect(page.locator('[data-testid="reader"] mark.is-selected')).toHaveText('蔡奇同志');

  // The slogan and the project get entities of their own (L); the panel lists all three.
  await openDoc(page, '蔡奇调研城市更新');
  for (const id of [slogan.id, project.id]) {
    await selectSpan(page, id);
    await page.keyboard.press('l');
    await expect(page.locator('.span-detail .entity-chip')).toBeVisible();
  }
  await page.getByTestId('open-entities').click();
  await expect(page.getByTestId('entity-total')).toHaveText('3 个实体');
  await expect(page.locator('.entity-row').first()).toContainText('5 处提及');
  await dismissToasts(page);
  await docScreenshot(page, 'entities');

  // Split 蔡奇同志 off again, and rename the slogan's entity.
  await page.locator('.entity-row-main', { hasText: '蔡奇' }).click();
  await page.locator('.mention-row', { hasText: '蔡奇同志' }).getByRole('checkbox').check();
  await page.getByRole('textbox', { name: '新实体名称' }).fill('蔡奇同志');
  await page.getByRole('button', { name: '将 1 处拆分为新实体' }).click();
  await expect(page.locator('.mention-row')).toHaveCount(4);
  const afterSplit = await apiCall<EntityPage>(server, 'entities:list', { sort: 'name', direction: 'asc' });
  expect(afterSplit.entities.map((e) => [e.name, e.mentions])).toContainEqual(['蔡奇同志', 1]);
  await page.getByRole('button', { name: /全部实体/ }).click();
  await page.locator('.entity-row-main', { hasText: '两个维护' }).click();
  await page.getByRole('textbox', { name: '名称' }).fill('“两个维护”');
  await page.getByRole('button', { name: '保存' }).click();
  await expect
    .poll(async () => (await apiCall<EntityPage>(server, 'entities:list', { query: '两个维护' })).entities.map((e) => e.name))
    .toEqual(['“两个维护”']);

  // R, the target's number, the type's number: 蔡奇 提出 “两个维护”.
  await selectSpan(page, cai2.id);
  await page.keyboard.press('r');
  await expect(page.getByTestId('relation-picker')).toBeVisible();
  const badge = page.locator(`.bz-rel-badge[data-rel-target="${slogan.id}"]`);
  await expect(badge).toBeVisible();
  const number = (await badge.textContent())!;
  await page.keyboard.press(number);
  await expect(page.getByTestId('relation-picker')).toContainText('提出');
  await page.keyboard.press('1');
  await expect(page.locator('.span-relations .relation-row')).toHaveCount(1);
  let relations = await relationsOf(server, a);
  expect(relations.map((r) => [r.typeKey, r.fromId, r.toId])).toEqual([['提出', cai2.id, slogan.id]]);
  await expect(page.locator('.bz-rel-arc')).toHaveCount(1);

  await page.keyboard.press('Control+z');
  await expect(page.locator('.span-relations .relation-row')).toHaveCount(0);
  expect(await relationsOf(server, a)).toEqual([]);
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(async () => (await relationsOf(server, a)).length).toBe(1);
  await selectSpan(page, cai2.id);
  await expect(page.locator('.span-relations .relation-row')).toHaveCount(1);

  // The edge list through the export dialog, read back: one row, 蔡奇 提出 “两个维护”, with the document's id, date, source and district.
  for (const id of [a, b]) await apiCall(server, 'documents:update', { id, status: 'done' });
  const edges = readEdges(await exportThroughDialog(page, server, /关系 CSV/, 'relations.csv'));
  expect(edges.header.slice(0, 7)).toEqual(['source', 'relation', 'target', 'document_id', 'date', 'news_source', 'district']);
  expect(edges.rows).toHaveLength(1);
  expect(edges.rows[0]).toMatchObject({
    source: '蔡奇',
    relation: '提出',
    target: '“两个维护”',
    document_id: String(a),
    date: '2024-03-12',
    news_source: '北京日报',
    district: '朝阳区',
    source_kind: 'entity',
    target_kind: 'entity',
    source_entity_id: String(caiId),
    source_mention: '蔡奇',
    target_mention: '两个维护',
    review_state: 'pending',
  });

  // Another relation (by API: 调研 from 市委书记蔡奇 to the project) for the screenshot of arcs.
  await apiCall(server, 'relations:create', { documentId: a, typeKey: '调研', fromId: titled.id, toId: project.id });
  await selectSpan(page, cai2.id);
  await page.keyboard.press('Alt+e');
  await page.locator('.entities-panel').getByRole('button', { name: '本文关系' }).click();
  await expect(page.getByTestId('relation-total')).toHaveText('2 条关系');
  await expect(page.locator('.bz-rel-arc')).toHaveCount(1);
  await dismissToasts(page);
  await docScreenshot(page, 'relations');

  // Deleting the span takes its relation with it; undo brings both back.
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await spansOf(server, a)).some((s) => s.id === cai2.id)).toBe(false);
  relations = await relationsOf(server, a);
  expect(relations.some((r) => r.fromId === cai2.id)).toBe(false);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await spansOf(server, a)).some((s) => s.id === cai2.id)).toBe(true);
  relations = await relationsOf(server, a);
  expect(relations.map((r) => [r.typeKey, r.fromId, r.toId])).toContainEqual(['提出', cai2.id, slogan.id]);
  await selectSpan(page, cai2.id);
  await expect(page.locator('.span-relations .relation-row')).toHaveCount(1);

  // Everything into a fresh project: a Biaozhu JSONL export, a new project, the import dialog; its report counts the entities and
  // relations, and says that a relation type the new project lacks (视察, made here) was created there.
  await apiCall(server, 'relationTypes:create', { key: '视察', fromLabelKey: 'PERSON', toLabelKey: 'PROJECT' });
  await apiCall(server, 'relations:create', { documentId: a, typeKey: '视察', fromId: cai3.id, toId: project.id });
  const corpus = await exportThroughDialog(page, server, /Biaozhu JSONL/, 'corpus.jsonl');
  const entityCount = (await apiCall<EntityPage>(server, 'entities:list', {})).total;
  expect(entityCount).toBe(4);
  await page.getByRole('button', { name: /^项目 ▾$/ }).click();
  await page.getByRole('menuitem', { name: '新建项目…' }).click();
  const create = page.getByRole('dialog', { name: '新建项目' });
  await create.getByLabel('项目名称').fill('关系导入');
  await create.getByLabel('文件夹', { exact: true }).fill(server.dir);
  await create.getByRole('button', { name: '新建项目' }).click();
  await expect(page.locator('.top-project-name')).toHaveText('关系导入');
  await page.getByRole('button', { name: /^导入$/ }).click();
  const importing = page.getByRole('dialog', { name: /导入文档/ });
  await importing.getByTestId('import-file-input').setInputFiles(corpus);
  await importing.getByRole('button', { name: /^预览$/ }).click();
  await importing.getByRole('button', { name: /^导入 \d+ 个文件$/ }).click();
  const report = importing.locator('.import-report');
  await expect(report).toContainText('已导入 2 篇文档');
  await expect(importing.getByTestId('import-entity-counts')).toHaveText('实体：匹配项目中已有的 0 个，新建 4 个；导入 3 条关系。');
  await expect(report).toContainText('corpus.jsonl:1 — 项目中没有关系类型“视察”；已按 PERSON→PROJECT 新建，关系全部导入。');
  // A created type is a note on something imported as it was, not a rejection.
  await expect(report).toContainText('1 条说明（已照原样导入）');
  await expect(report).not.toContainText('被拒绝');
  const fresh = await apiCall<{ items: { id: number; title: string }[] }>(server, 'documents:list', { sort: 'id' });
  const freshA = fresh.items.find((d) => d.title === '蔡奇调研城市更新')!.id;
  expect((await relationsOf(server, freshA)).map((r) => r.typeKey).sort()).toEqual(['提出', '视察', '调研']);
  expect((await apiCall<EntityPage>(server, 'entities:list', {})).total).toBe(4);
});

test('undo a link; draw relations by arrows and by mouse, accept one and delete it', async ({ server, page }) => {
  const ids = await importArticles(server);
  const a = ids['蔡奇调研城市更新'];
  const labels = await apiCall<Label[]>(server, 'labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  const titled = await span(server, a, A, '市委书记蔡奇', 0, label('PERSON'));
  const project = await span(server, a, A, '城市更新工作', 0, label('PROJECT'));
  const slogan = await span(server, a, A, '两个维护', 0, label('SLOGAN'));
  await page.reload();
  await openDoc(page, '蔡奇调研城市更新');

  // A link is an undo step: L, Ctrl+Z unlinks (and drops the role it set), Ctrl+Shift+Z links again.
  await selectSpan(page, titled.id);
  await page.keyboard.press('l');
  await expect(page.locator('.entity-chip')).toHaveText('蔡奇');
  const stored = async () => (await spansOf(server, a)).find((s) => s.id === titled.id)!;
  expect((await stored()).attributes.role).toBe('市委书记');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('entity-proposal')).toBeVisible();
  expect((await stored()).entityId ?? null).toBeNull();
  expect((await stored()).attributes.role).toBeUndefined();
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.locator('.entity-chip')).toHaveText('蔡奇');
  expect((await stored()).entityId).toBeGreaterThan(0);

  // Deleting the entity in the panel unlinks the open document's span at once.
  await page.locator('.entity-chip').click();
  await page.getByRole('button', { name: '删除实体' }).click();
  await expect(page.getByTestId('entity-total')).toHaveText('0 个实体');
  expect((await stored()).entityId ?? null).toBeNull();
  await selectSpan(page, titled.id);
  await expect(page.getByTestId('entity-proposal')).toContainText('新实体“蔡奇”');

  // R, → (the first allowed span after it: the project), Enter, then the type: 调研.
  await page.keyboard.press('r');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(`.bz-rel-badge.is-current[data-rel-target="${project.id}"]`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('relation-picker')).toContainText('调研');
  await page.keyboard.press('1');
  await expect.poll(async () => (await relationsOf(server, a)).map((r) => [r.typeKey, r.fromId, r.toId])).toEqual([['调研', titled.id, project.id]]);

  // By mouse: Add relation, a click on the slogan in the text, a click on the type.
  await page
    .locator('.span-relations')
    .getByRole('button', { name: /添加关系/ })
    .click();
  await page.locator('[data-testid="reader"] mark', { hasText: '两个维护' }).click();
  await page.getByTestId('relation-picker').getByRole('button', { name: /提出/ }).click();
  await expect(page.locator('.span-relations .relation-row')).toHaveCount(2);
  const proposed = (await relationsOf(server, a)).find((r) => r.typeKey === '提出')!;
  expect([proposed.fromId, proposed.toId]).toEqual([titled.id, slogan.id]);

  // Reviewed like a span, then deleted.
  const row = page.locator(`.span-relations .relation-row[data-relation-id="${proposed.id}"]`);
  await row.getByRole('button', { name: '接受' }).click();
  await expect(row.locator('.review-pill')).toHaveText('已接受');
  expect((await relationsOf(server, a)).find((r) => r.id === proposed.id)!.reviewState).toBe('accepted');
  await row.getByRole('button', { name: '删除关系' }).click();
  await expect(page.locator('.span-relations .relation-row')).toHaveCount(1);
  expect((await relationsOf(server, a)).map((r) => r.typeKey)).toEqual(['调研']);

  // With nothing selected no arc is drawn; hovering a span draws its relations' arcs.
  await page.locator('[data-testid="reader"]').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('.bz-rel-arc')).toHaveCount(0);
  await page.locator('[data-testid="reader"] mark', { hasText: '城市更新工作' }).hover();
  await expect(page.locator('.bz-rel-arc')).toHaveCount(1);
  await expect(page.locator('.bz-rel-label')).toHaveText('调研');
});

test('relation types in the label editor: refuse bad input, create one, draw a relation of it, delete it once it is unused', async ({ server, page }) => {
  const ids = await importArticles(server);
  const a = ids['蔡奇调研城市更新'];
  const labels = await apiCall<Label[]>(server, 'labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  const titled = await span(server, a, A, '市委书记蔡奇', 0, label('PERSON'));
  const project = await span(server, a, A, '城市更新工作', 0, label('PROJECT'));
  await page.reload();

  await page.getByRole('button', { name: /^标签$/ }).click();
  const editor = page.getByRole('dialog', { name: '标签' });
  const pane = editor.getByTestId('relation-types');
  await expect(pane.locator('.relation-type-row:not(.is-new)')).toHaveCount(4);
  const form = pane.locator('.relation-type-row.is-new');
  // Bad input is refused with a reason before anything is sent.
  await form.getByRole('button', { name: /添加关系类型/ }).click();
  await expect(form.getByRole('alert')).toHaveText('请填写键（例如 提出 或 PROPOSED）。');
  await form.getByLabel('类型键').fill('提出');
  await form.getByRole('button', { name: /添加关系类型/ }).click();
  await expect(form.getByRole('alert')).toHaveText('已有关系类型使用键“提出”。');
  await form.getByLabel('类型键').fill('INSPECTS');
  await form.getByLabel('显示名称').fill('调研');
  await expect(form.getByRole('alert')).toHaveText('已有关系类型名为“调研”，请换一个名称。');
  await form.getByLabel('显示名称').fill('视察');
  await form.getByLabel('起点标签').selectOption('PERSON');
  await form.getByLabel('终点标签').selectOption('PROJECT');
  await form.getByRole('button', { name: /添加关系类型/ }).click();
  const row = pane.locator('.relation-type-row[data-type-key="INSPECTS"]');
  await expect(row).toContainText('未使用');
  await expect(form.getByLabel('类型键')).toHaveValue('');
  const stored = async () => (await apiCall<RelationType[]>(server, 'relationTypes:list', {})).find((t) => t.key === 'INSPECTS');
  expect(await stored()).toMatchObject({ name: '视察', fromLabelKey: 'PERSON', toLabelKey: 'PROJECT', relations: 0 });
  // A rename is saved as such.
  await row.getByLabel('显示名称').fill('实地视察');
  await row.getByRole('button', { name: '保存关系类型“视察”' }).click();
  await expect.poll(async () => (await stored())?.name).toBe('实地视察');
  await pane.scrollIntoViewIfNeeded();
  await dismissToasts(page);
  await docScreenshot(page, 'relation-types');
  await page.keyboard.press('Escape');

  // The picker offers the new type at once (the open workbench was told): R, the project's number, then 实地视察.
  await openDoc(page, '蔡奇调研城市更新');
  await selectSpan(page, titled.id);
  await page.keyboard.press('r');
  const badge = page.locator(`.bz-rel-badge[data-rel-target="${project.id}"]`);
  await page.keyboard.press((await badge.textContent())!);
  const picker = page.getByTestId('relation-picker');
  const option = picker.getByRole('button', { name: /实地视察/ });
  await expect(option).toBeVisible();
  await page.keyboard.press((await option.locator('kbd').textContent())!);
  await expect.poll(async () => (await relationsOf(server, a)).map((r) => r.typeKey)).toEqual(['INSPECTS']);

  // Deleting a type in use is refused, saying how many relations are of it; once they are deleted, it asks and deletes.
  await page.getByRole('button', { name: /^标签$/ }).click();
  await expect(row).toContainText('1 条关系');
  await row.getByRole('button', { name: '删除关系类型“实地视察”' }).click();
  await expect(row.getByRole('alert')).toContainText('有 1 条关系属于“实地视察”，不能删除');
  await page.keyboard.press('Escape');
  await selectSpan(page, titled.id);
  await page.locator('.span-relations .relation-row').getByRole('button', { name: '删除关系' }).click();
  await expect.poll(async () => (await relationsOf(server, a)).length).toBe(0);
  await page.getByRole('button', { name: /^标签$/ }).click();
  await expect(row).toContainText('未使用');
  await row.getByRole('button', { name: '删除关系类型“实地视察”' }).click();
  await expect(row.getByRole('alert')).toContainText('删除关系类型“实地视察”？没有关系属于此类型。');
  await row.getByRole('alert').getByRole('button', { name: '删除' }).click();
  await expect(row).toHaveCount(0);
  expect(await stored()).toBeUndefined();
});

test('relations reviewed by keyboard: Shift+R, A and R move on to the next pending one, Ctrl+Z undoes, the span is left alone', async ({ server, page }) => {
  const ids = await importArticles(server);
  const a = ids['蔡奇调研城市更新'];
  const labels = await apiCall<Label[]>(server, 'labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  const titled = await span(server, a, A, '市委书记蔡奇', 0, label('PERSON'));
  const project = await span(server, a, A, '城市更新工作', 0, label('PROJECT'));
  const slogan = await span(server, a, A, '两个维护', 0, label('SLOGAN'));
  const inspects = await apiCall<Relation>(server, 'relations:create', { documentId: a, typeKey: '调研', fromId: titled.id, toId: project.id });
  const proposes = await apiCall<Relation>(server, 'relations:create', { documentId: a, typeKey: '提出', fromId: titled.id, toId: slogan.id });
  await page.reload();
  await openDoc(page, '蔡奇调研城市更新');
  await selectSpan(page, titled.id);

  // Review mode shows the span's relations in its card; Shift+R puts the keys on them.
  await page.keyboard.press('Alt+r');
  const card = page.locator('.review-card');
  await expect(card.locator('.relation-row')).toHaveCount(2);
  await page.keyboard.press('Shift+R');
  const rowOf = (r: Relation) => card.locator(`.relation-row[data-relation-id="${r.id}"]`);
  await expect(rowOf(inspects)).toBeFocused();
  const states = async () => Object.fromEntries((await relationsOf(server, a)).map((r) => [r.id, r.reviewState]));
  await page.keyboard.press('a');
  await expect(rowOf(inspects).locator('.review-pill')).toHaveText('已接受');
  await expect(rowOf(proposes)).toBeFocused();
  await page.keyboard.press('r');
  await expect(rowOf(proposes).locator('.review-pill')).toHaveText('已拒绝');
  expect(await states()).toEqual({ [inspects.id]: 'accepted', [proposes.id]: 'rejected' });
  // A and R acted on the relations only: the span itself is still pending.
  expect((await spansOf(server, a)).find((s) => s.id === titled.id)!.reviewState).toBe('pending');

  // A review is an undo step, as a span's is; the undo keeps the relation's span selected.
  await page.keyboard.press('Control+z');
  await expect.poll(states).toEqual({ [inspects.id]: 'accepted', [proposes.id]: 'pending' });
  await expect(rowOf(proposes).locator('.review-pill')).toHaveText('待审');
  await page.keyboard.press('Shift+R');
  await page.keyboard.press('ArrowUp');
  await expect(rowOf(inspects)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('r');
  await expect.poll(states).toEqual({ [inspects.id]: 'accepted', [proposes.id]: 'rejected' });

  // The document's list (Relations here) counts the states and is reviewed the same way; Del deletes.
  await page.keyboard.press('Alt+e');
  await page.locator('.entities-panel').getByRole('button', { name: '本文关系' }).click();
  await expect(page.getByTestId('relation-review-counts')).toHaveText('已接受 1 · 已拒绝 1 · 待审 0');
  await page.keyboard.press('Shift+R');
  const docRow = (r: Relation) => page.locator(`.document-relations .relation-row[data-relation-id="${r.id}"]`);
  await page.keyboard.press('End');
  await expect(docRow(proposes)).toBeFocused();
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await relationsOf(server, a)).map((r) => r.id)).toEqual([inspects.id]);
  await expect(docRow(inspects)).toBeFocused();
  await expect(page.getByTestId('relation-review-counts')).toHaveText('已接受 1 · 已拒绝 0 · 待审 0');
});
