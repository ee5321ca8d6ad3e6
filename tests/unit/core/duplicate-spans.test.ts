// One coder's label on one stretch of text is one span: pressing the key twice, importing a file
// that lists a span twice, or upgrading a project that already holds doubles all end with one span,
// and exports list the place once.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/connection';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../../electron/services/db/migrations';
import { APPLICATION_ID } from '../../../electron/services/db/project-file';
import type { ExportReport } from '../../../shared/api/export';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { addDocument, tempDir, testCore, type TestCore } from '../helpers';

let core: TestCore;
const cleanups: (() => void)[] = [];
afterEach(() => {
  core?.dispose();
  cleanups.splice(0).forEach((c) => c());
});

const TEXT = '区委书记张延昆到温榆河公园调研，强调要增强“四个意识”。';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

async function finished<R>(jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

async function setup() {
  core = testCore();
  const documentId = addDocument(core, TEXT);
  const labels = await core.call('labels:list', {});
  return { documentId, person: labels.find((l) => l.key === 'PERSON')!.id, slogan: labels.find((l) => l.key === 'SLOGAN')!.id };
}

describe('the same label on the same characters', () => {
  it('is created once: a second create returns the span already there', async () => {
    const { documentId, person } = await setup();
    const first = await core.call('annotations:create', { documentId, ...at('张延昆'), labelId: person });
    const second = await core.call('annotations:create', { documentId, ...at('张延昆'), labelId: person });
    expect(second.id).toBe(first.id);
    expect(await core.call('annotations:list', { documentId })).toHaveLength(1);
    expect((await core.call('documents:get', { id: documentId })).spanCount).toBe(1);
    // Undo takes back the one create; nothing is left behind.
    await core.call('history:undo', { documentId });
    expect(await core.call('annotations:list', { documentId })).toHaveLength(0);
  });

  it('cannot be made by resizing or relabelling another span onto it', async () => {
    const { documentId, person, slogan } = await setup();
    await core.call('annotations:create', { documentId, ...at('张延昆'), labelId: person });
    const other = await core.call('annotations:create', { documentId, ...at('张延昆'), labelId: slogan });
    await expect(core.call('annotations:update', { id: other.id, labelId: person })).rejects.toMatchObject({ code: 'conflict' });
    const wider = await core.call('annotations:create', { documentId, ...at('区委书记张延昆'), labelId: person });
    await expect(core.call('annotations:update', { id: wider.id, start: at('张延昆').start })).rejects.toThrow(/already has this label/);
    expect(await core.call('annotations:list', { documentId })).toHaveLength(3);
  });

  it('is listed once in a CLUENER export', async () => {
    const { documentId, person } = await setup();
    await core.call('annotations:create', { documentId, ...at('张延昆'), labelId: person });
    await core.call('annotations:create', { documentId, ...at('张延昆'), labelId: person });
    const out = join(core.dir, 'train.json');
    const report = await finished<ExportReport>((await core.call('export:start', { format: 'cluener', outPath: out })).jobId);
    const { start, end } = at('张延昆');
    expect(report.spans).toBe(1);
    expect(JSON.parse(readFileSync(report.files[0], 'utf8').trim().split('\n')[0]).label.person).toEqual({ 张延昆: [[start, end - 1]] });
  });

  it('is imported once when a file lists it twice, and the report says so', async () => {
    core = testCore();
    const file = join(core.dir, 'twice.jsonl');
    const { start, end } = at('张延昆');
    writeFileSync(
      file,
      `${JSON.stringify({
        text: TEXT,
        label: [
          [start, end, 'PERSON'],
          [start, end, 'PERSON'],
          [at('温榆河公园').start, at('温榆河公园').end, 'PROJECT'],
        ],
      })}\n`,
    );
    const { jobId } = await core.call('import:preview', { sources: [{ kind: 'path', path: file }], options: {} });
    const preview = await finished<ImportPreview>(jobId);
    const report = await finished<ImportReport>((await core.call('import:commit', { previewId: preview.previewId })).jobId);
    expect(report.spansImported).toBe(2);
    expect(report.duplicateSpansMerged).toBe(1);
    const [doc] = (await core.call('documents:list', {})).items;
    expect(await core.call('annotations:list', { documentId: doc.id })).toHaveLength(2);
  });
});

describe('upgrading a project that holds doubles (migration 6)', () => {
  it('keeps the earliest of each, with its attributes and history, and counts what it removed', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'doubles.biaozhu');
    const raw = new Database(path);
    migrate(raw, 5);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.exec(`INSERT INTO documents (id, title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at, span_count)
             VALUES (1, 't', 'f', 'r', 'utf-8', 's', 30, 'now', 'now', 5), (2, 'u', 'f', 'r', 'utf-8', 's2', 30, 'now', 'now', 1);
             INSERT INTO annotators (id, name, created_at) VALUES (1, 'a', 'now'), (2, 'b', 'now');
             INSERT INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at)
             VALUES (1, 'PERSON', '人物', 'Person', '#c2255c', 0, 'now', 'now');
             INSERT INTO attribute_sets (id, json) VALUES (1, '{"role":"区委书记"}');`);
    const span = raw.prepare(`INSERT INTO annotations (id, document_id, start, end, label_id, annotator_id, attribute_set_id, created_at, updated_at)
             VALUES (?, ?, ?, ?, 1, ?, ?, 'now', 'now')`);
    span.run(1, 1, 4, 7, 1, 1); // the earliest, with attributes
    span.run(2, 1, 4, 7, 1, null); // its double
    span.run(3, 1, 4, 7, 1, null); // and another
    span.run(4, 1, 4, 7, 2, null); // another coder's: kept
    span.run(5, 1, 0, 7, 1, null); // another place: kept
    span.run(6, 2, 4, 7, 1, null); // another document: kept
    const op = raw.prepare(`INSERT INTO operations (document_id, kind, before_json, after_json, created_at) VALUES (1, 'create', NULL, ?, 'now')`);
    for (const id of [1, 2, 3]) op.run(JSON.stringify({ id, documentId: 1, start: 4, end: 7 }));
    raw.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT id, attribute_set_id FROM annotations ORDER BY id').all()).toEqual([
      { id: 1, attribute_set_id: 1 },
      { id: 4, attribute_set_id: null },
      { id: 5, attribute_set_id: null },
      { id: 6, attribute_set_id: null },
    ]);
    expect(db.prepare(`SELECT json_extract(after_json, '$.id') FROM operations`).pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT span_count FROM documents ORDER BY id').pluck().all()).toEqual([3, 1]);
    expect(db.prepare(`SELECT value FROM project_meta WHERE key = 'duplicate_spans_removed'`).pluck().get()).toBe('2');
    expect(() =>
      db
        .prepare(`INSERT INTO annotations (document_id, start, end, label_id, annotator_id, created_at, updated_at) VALUES (1, 4, 7, 1, 1, 'now', 'now')`)
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();
    // The count reaches the user: the project's statistics (Overview tab, `biaozhu stats`) say it.
    core = testCore({ create: false });
    await core.call('projects:open', { path });
    expect((await core.call('projects:stats', {})).duplicateSpansRemoved).toBe(2);
  });
});
