// Label guidelines (description and examples) and notes on spans and documents (#18): migration 007
// on a real version-6 file, the API, undo of a note edit, and the label schema file.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/connection';
import { migrate, schemaVersion, SCHEMA_VERSION } from '../../../electron/services/db/migrations';
import { listAnnotations } from '../../../electron/services/db/annotations';
import { getDocument } from '../../../electron/services/db/documents';
import { listLabels } from '../../../electron/services/db/labels';
import { addDocument, tempDir, testCore, type TestCore } from '../helpers';

let core: TestCore | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  core?.dispose();
  core = undefined;
  cleanups.splice(0).forEach((c) => c());
});

const TEXT = '市委书记蔡奇到怀柔科学城调研，强调增强“四个意识”，森林覆盖率提高到48.7%。';

describe('migration 007 on a real version-6 project file', () => {
  it("keeps labels and spans, leaves the new columns empty and fills the default labels' guidelines", () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'v6.biaozhu');
    const raw = new Database(path);
    migrate(raw, 6);
    expect(schemaVersion(raw)).toBe(6);
    raw.exec(`
      INSERT INTO documents (id, title, text_sha256, char_count, imported_at, updated_at) VALUES (1, '旧文', 'x', 10, 'now', 'now');
      INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES (1, '蔡奇到怀柔科学城调研', '蔡奇到怀柔科学城调研', '[0,10,0,10]');
      INSERT INTO annotators (id, name, created_at) VALUES (1, 'lin', 'now');
      INSERT INTO labels (id, key, name_zh, name_en, color, hotkey, sort_order, created_at, updated_at) VALUES
        (1, 'PERSON', '人物', 'Person', '#d9480f', '1', 0, 'now', 'now'),
        (2, 'SLOGAN', '口号', 'Slogan', '#7048e8', '2', 1, 'now', 'now'),
        (3, 'EVENT', '事件', 'Event', '#000000', '5', 2, 'now', 'now');
      INSERT INTO attribute_sets (id, json) VALUES (1, '{"role":"书记"}');
      INSERT INTO annotations (id, document_id, start, end, label_id, annotator_id, review_state, attribute_set_id, created_at, updated_at)
        VALUES (7, 1, 0, 2, 1, 1, 'accepted', 1, 't1', 't2');
    `);
    raw.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const [span] = listAnnotations(db, 1);
    expect(span).toMatchObject({
      id: 7,
      start: 0,
      end: 2,
      labelId: 1,
      annotator: 'lin',
      reviewState: 'accepted',
      attributes: { role: '书记' },
      createdAt: 't1',
      updatedAt: 't2',
      note: '',
    });
    expect(getDocument(db, 1)!.note).toBe('');
    const labels = listLabels(db);
    expect(labels.map((l) => [l.key, l.nameZh, l.color, l.hotkey])).toEqual([
      ['PERSON', '人物', '#d9480f', '1'],
      ['SLOGAN', '口号', '#7048e8', '2'],
      ['EVENT', '事件', '#000000', '5'],
    ]);
    const byKey = new Map(labels.map((l) => [l.key, l]));
    expect(byKey.get('PERSON')!.descriptionZh).toMatch(/人名/);
    expect(byKey.get('PERSON')!.descriptionEn).toMatch(/people/i);
    expect(byKey.get('PERSON')!.examples).toContain('市委书记蔡奇');
    expect(byKey.get('SLOGAN')!.examples).toContain('“四个意识”');
    // A label of the user's own gets no guideline it never had.
    expect(byKey.get('EVENT')).toMatchObject({ descriptionZh: '', descriptionEn: '', examples: [] });
    db.close();
  });

  it('leaves a default-key label alone when the user already described it', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'v6.biaozhu');
    const raw = new Database(path);
    migrate(raw, 6);
    raw.exec(
      `INSERT INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at) VALUES (1, 'TARGET', '指标', 'Goal', '#2b8a3e', 0, 'now', 'now')`,
    );
    migrate(raw, 7);
    raw.exec(`UPDATE labels SET description_zh = '我们自己的定义' WHERE id = 1`);
    raw.close();
    // Opening again runs nothing more, and the user's text stays.
    const db = openDatabase(path);
    expect(listLabels(db)[0]).toMatchObject({ descriptionZh: '我们自己的定义' });
    db.close();
  });
});

describe('a version-6 project opened read-only (it cannot be migrated)', () => {
  it('lists labels and spans without guidelines or notes, and exports them', async () => {
    core = testCore({ create: false });
    const path = join(core.dir, 'v6.biaozhu');
    const raw = new Database(path);
    migrate(raw, 6);
    raw.exec(`
      INSERT INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at) VALUES (1, 'PERSON', '人物', 'Person', '#d9480f', 0, 'now', 'now');
      INSERT INTO annotators (id, name, created_at) VALUES (1, 'lin', 'now');
      INSERT INTO documents (id, title, text_sha256, char_count, span_count, imported_at, updated_at) VALUES (1, '旧文', 'x', 2, 1, 'now', 'now');
      INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES (1, '蔡奇', '蔡奇', '[0,2,0,2]');
      INSERT INTO annotations (id, document_id, start, end, label_id, annotator_id, created_at, updated_at) VALUES (7, 1, 0, 2, 1, 1, 't', 't');
    `);
    raw.close();
    core.session.openReadOnly(path, { reason: 'file', message: 'The folder is read-only.' });
    expect(await core.call('labels:list', {})).toMatchObject([{ key: 'PERSON', descriptionZh: '', descriptionEn: '', examples: [] }]);
    expect(await core.call('annotations:list', { documentId: 1 })).toMatchObject([{ id: 7, note: '' }]);
    expect((await core.call('documents:get', { id: 1 })).note).toBe('');
    // Today's read channels answer on it too (their tables and columns came later).
    expect(await core.call('layers:coderCounts', { documentIds: [1] })).toEqual([{ documentId: 1, annotator: 'lin', count: 1, status: null }]);
    expect((await core.call('search:hits', { search: { query: '蔡奇' } })).hits).toHaveLength(1);
    expect(await core.call('history:state', { documentId: 1 })).toMatchObject({ canUndo: false });
    const suggestions = await core.registry.dispatch('suggestions:forDocument', { documentId: 1 });
    expect(suggestions.ok || suggestions.error).toMatchObject({ code: 'read_only', message: expect.stringMatching(/predates suggestions \(schema 6/) });
    for (const format of ['biaozhu-jsonl', 'mentions-csv'] as const) {
      const { jobId } = await core.call('export:start', { format, outPath: join(core.dir, `out-${format}`) });
      const status = await core.jobs.wait(jobId);
      expect(status.error).toBeNull();
      expect(status.state).toBe('done');
    }
  });
});

describe('guidelines through the API', () => {
  it("a new project's default labels come with Chinese and English guidelines and examples", async () => {
    core = testCore();
    const labels = await core.call('labels:list', {});
    for (const label of labels) {
      expect(label.descriptionZh.length).toBeGreaterThan(10);
      expect(label.descriptionEn.length).toBeGreaterThan(20);
      expect(label.examples.length).toBeGreaterThanOrEqual(2);
    }
    expect(labels.find((l) => l.key === 'PROJECT')!.examples).toContain('未来科学城');
    expect(labels.find((l) => l.key === 'TARGET')!.examples).toContain('森林覆盖率提高到48.7%');
  });

  it("creates and updates a label's description and examples, and refuses bad ones saying why", async () => {
    core = testCore();
    const created = await core.call('labels:create', {
      key: 'EVENT',
      nameZh: '事件',
      nameEn: 'Event',
      color: '#123456',
      descriptionZh: '会议、活动',
      examples: ['全会'],
    });
    expect(created).toMatchObject({ descriptionZh: '会议、活动', descriptionEn: '', examples: ['全会'] });
    const updated = await core.call('labels:update', { id: created.id, descriptionEn: 'Meetings and campaigns', examples: ['全会', '调研'] });
    expect(updated).toMatchObject({ descriptionZh: '会议、活动', descriptionEn: 'Meetings and campaigns', examples: ['全会', '调研'] });
    await expect(core.call('labels:update', { id: created.id, descriptionZh: 'x'.repeat(5001) })).rejects.toThrow(/descriptionZh/);
    await expect(core.call('labels:update', { id: created.id, examples: [''] })).rejects.toThrow(/examples/);
  });
});

describe('notes through the API', () => {
  it('a span note is stored, listed, cleared with an empty string, and undone like attributes', async () => {
    core = testCore();
    const documentId = addDocument(core, TEXT);
    const person = (await core.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
    const span = await core.call('annotations:create', { documentId, start: 4, end: 6, labelId: person });
    expect(span.note).toBe('');
    const noted = await core.call('annotations:update', { id: span.id, note: '职务见前文；是否拆分待讨论' });
    expect(noted.note).toBe('职务见前文；是否拆分待讨论');
    expect((await core.call('history:state', { documentId })).undoLabel).toBe('edit note');
    expect((await core.call('annotations:list', { documentId }))[0].note).toBe('职务见前文；是否拆分待讨论');
    const undone = await core.call('history:undo', { documentId });
    expect(undone!.description).toBe('undo edit note');
    expect(undone!.upserted[0].note).toBe('');
    expect((await core.call('annotations:list', { documentId }))[0].note).toBe('');
    await core.call('history:redo', { documentId });
    expect((await core.call('annotations:list', { documentId }))[0].note).toBe('职务见前文；是否拆分待讨论');
    await core.call('annotations:update', { id: span.id, note: '' });
    expect((await core.call('annotations:list', { documentId }))[0].note).toBe('');
    await expect(core.call('annotations:update', { id: span.id, note: '长'.repeat(5001) })).rejects.toThrow(/note/);
  });

  it('a document note is stored with documents:update and read with documents:get', async () => {
    core = testCore();
    const id = addDocument(core, TEXT);
    expect((await core.call('documents:get', { id })).note).toBe('');
    await core.call('documents:update', { id, note: '来源网页已失效，文本取自存档' });
    expect((await core.call('documents:get', { id })).note).toBe('来源网页已失效，文本取自存档');
    await core.call('documents:update', { id, status: 'done' });
    expect((await core.call('documents:get', { id })).note).toBe('来源网页已失效，文本取自存档');
  });
});

describe('the label schema file', () => {
  it('exports every label with its guideline and imports it into another project: new labels created, same keys updated', async () => {
    core = testCore();
    const labels = await core.call('labels:list', {});
    const person = labels.find((l) => l.key === 'PERSON')!;
    await core.call('labels:update', { id: person.id, descriptionZh: '人名（含职务）', examples: ['蔡奇'] });
    await core.call('labels:create', {
      key: 'EVENT',
      nameZh: '事件',
      nameEn: 'Event',
      color: '#123456',
      hotkey: 'e',
      descriptionEn: 'Meetings',
      examples: ['全会'],
    });
    const { json } = await core.call('labels:export', {});
    expect(JSON.parse(json)).toMatchObject({ format: 'biaozhu-labels', version: 1 });
    core.dispose();

    core = testCore();
    const result = await core.call('labels:import', { json });
    expect(result).toMatchObject({ created: ['EVENT'], updated: ['PERSON'], problems: [] });
    const after = await core.call('labels:list', {});
    expect(after.map((l) => l.key)).toEqual(['PERSON', 'SLOGAN', 'PROJECT', 'TARGET', 'EVENT']);
    expect(after.find((l) => l.key === 'PERSON')).toMatchObject({ descriptionZh: '人名（含职务）', examples: ['蔡奇'] });
    expect(after.find((l) => l.key === 'EVENT')).toMatchObject({
      nameZh: '事件',
      color: '#123456',
      hotkey: 'e',
      descriptionEn: 'Meetings',
      examples: ['全会'],
    });
    // Importing the same file again changes nothing.
    expect(await core.call('labels:import', { json })).toMatchObject({ created: [], updated: [] });
  });

  it('refuses a file that is not a label schema, saying what is wrong and where', async () => {
    core = testCore();
    await expect(core.call('labels:import', { json: '{nope' })).rejects.toThrow(/not JSON/);
    await expect(core.call('labels:import', { json: '{"format":"other"}' })).rejects.toThrow(/biaozhu-labels/);
    const bad = JSON.stringify({ format: 'biaozhu-labels', version: 1, labels: [{ key: 'lower', nameZh: 'x', nameEn: 'x', color: '#000000' }] });
    await expect(core.call('labels:import', { json: bad })).rejects.toThrow(/labels\[0\]\.key/);
  });

  it('gives an imported label no hotkey another label holds, and says so', async () => {
    core = testCore();
    const json = JSON.stringify({
      format: 'biaozhu-labels',
      version: 1,
      labels: [{ key: 'EVENT', nameZh: '事件', nameEn: 'Event', color: '#123456', hotkey: '1' }],
    });
    const result = await core.call('labels:import', { json });
    expect(result.created).toEqual(['EVENT']);
    expect(result.problems[0]).toMatch(/EVENT.*hotkey 1/);
    expect((await core.call('labels:list', {})).find((l) => l.key === 'EVENT')!.hotkey).toBeNull();
  });
});
