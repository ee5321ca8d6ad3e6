// Import and export through the API and the worker threads, on a real project file.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportReport } from '../../../shared/api/export';
import { type ImportPreview, type ImportReport } from '../../../shared/api/import';
import { addDocument, SEEDS_DIR, tempDir, testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

async function finished<R>(jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

async function importPaths(paths: string[]) {
  const { jobId } = await core.call('import:preview', { sources: paths.map((path) => ({ kind: 'path' as const, path })), options: {} });
  const preview = await finished<ImportPreview>(jobId);
  const commit = await core.call('import:commit', { previewId: preview.previewId });
  return { preview, report: await finished<ImportReport>(commit.jobId) };
}

describe('import through the API', () => {
  it('previews the seed folder without writing, then commits it', async () => {
    core = testCore();
    const { jobId } = await core.call('import:preview', { sources: [{ kind: 'path', path: SEEDS_DIR }], options: {} });
    const preview = await finished<ImportPreview>(jobId);
    expect(preview.files).toHaveLength(5);
    expect(preview.files.every((f) => f.error === null && f.encoding === 'utf-8')).toBe(true);
    expect((await core.call('documents:list', {})).total).toBe(0);

    const detail = await core.call('import:previewFile', { previewId: preview.previewId, index: 2 });
    expect(detail.drafts[0].text).toContain('昌平区');
    expect(detail.drafts[0].originalText).toContain('區');

    const commit = await core.call('import:commit', { previewId: preview.previewId });
    const report = await finished<ImportReport>(commit.jobId);
    const list = await core.call('documents:list', { limit: 100 });
    expect(list.total).toBe(report.imported);
    expect(list.items.every((d) => d.encoding === 'utf-8' && d.charCount > 0)).toBe(true);
  });

  it('imports files dropped as bytes, and skips the same article imported twice with a note', async () => {
    core = testCore();
    const text = '区委书记王明远到回龙观街道调研“接诉即办”工作。';
    const dataBase64 = Buffer.from(text).toString('base64');
    const { jobId } = await core.call('import:preview', {
      sources: [
        { kind: 'bytes', name: 'a.txt', dataBase64 },
        { kind: 'bytes', name: 'b.txt', dataBase64 },
      ],
      options: {},
    });
    const preview = await finished<ImportPreview>(jobId);
    expect(preview.files[1].documents[0].duplicate).toBe(true);
    const report = await finished<ImportReport>((await core.call('import:commit', { previewId: preview.previewId })).jobId);
    expect(report.imported).toBe(1);
    expect(report.skippedDuplicates).toEqual([{ fileName: 'b.txt', title: expect.any(String) }]);
  });

  it('a cancelled import writes nothing', async () => {
    core = testCore();
    const { jobId } = await core.call('import:preview', { sources: [{ kind: 'path', path: SEEDS_DIR }], options: {} });
    const preview = await finished<ImportPreview>(jobId);
    const commit = await core.call('import:commit', { previewId: preview.previewId });
    await core.call('jobs:cancel', { jobId: commit.jobId });
    const status = await core.jobs.wait(commit.jobId);
    expect(status.state).toBe('cancelled');
    expect((await core.call('documents:list', {})).total).toBe(0);
  });

  it('counts imported spans per document, and keeps counting edits made afterwards', async () => {
    core = testCore();
    const texts = ['市委书记蔡奇到未来科学城调研。', '区委书记王明远强调增强“四个意识”，建设温榆河公园。'];
    const lines = [
      {
        text: texts[0],
        title: '一',
        label: [
          [0, 6, 'PERSON'],
          [4, 6, 'PERSON'],
          [7, 12, 'PROJECT'],
        ],
      },
      { text: texts[1], title: '二', label: [[0, 7, 'PERSON']] },
      { text: '区政府召开常务会议。', title: '三', label: [] },
    ];
    const dataBase64 = Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')).toString('base64');
    const { jobId } = await core.call('import:preview', { sources: [{ kind: 'bytes', name: 'spans.jsonl', dataBase64 }], options: {} });
    const preview = await finished<ImportPreview>(jobId);
    const report = await finished<ImportReport>((await core.call('import:commit', { previewId: preview.previewId })).jobId);
    expect(report.spansImported).toBe(4);
    const counts = async () => (await core.call('documents:list', { limit: 10, sort: 'id' })).items.map((d) => d.spanCount);
    expect(await counts()).toEqual([3, 1, 0]);

    const [first] = report.documentIds;
    const labels = await core.call('labels:list', {});
    const created = await core.call('annotations:create', { documentId: first, start: 7, end: 9, labelId: labels[0].id });
    expect(await counts()).toEqual([4, 1, 0]);
    await core.call('annotations:delete', { id: created.id });
    await core.call('annotations:delete', { id: (await core.call('annotations:list', { documentId: first }))[0].id });
    expect(await counts()).toEqual([2, 1, 0]);
  });

  it('stores each attribute set once, and a cancelled import leaves no set behind', async () => {
    core = testCore();
    const dir = tempDir();
    const path = join(dir.dir, 'sets.jsonl');
    const roles = ['区委书记', '区长', '区委书记', '副区长'];
    const lines = roles.map((role, i) =>
      JSON.stringify({
        text: `第${i}篇：王明远、李强到未来科学城调研。`,
        spans: [
          { start: 4, end: 7, label: 'PERSON', attributes: { role } },
          { start: 8, end: 10, label: 'PERSON', attributes: { role: '区长' } },
          { start: 13, end: 18, label: 'PROJECT' },
        ],
      }),
    );
    writeFileSync(path, `${lines.join('\n')}\n`);
    const db = core.session.requireDb();
    const sets = () => db.prepare('SELECT json FROM attribute_sets ORDER BY id').pluck().all();
    // Cancelled: its transaction is rolled back, sets included.
    const preview = await finished<ImportPreview>((await core.call('import:preview', { sources: [{ kind: 'path', path }], options: {} })).jobId);
    const commit = await core.call('import:commit', { previewId: preview.previewId });
    await core.call('jobs:cancel', { jobId: commit.jobId });
    expect((await core.jobs.wait(commit.jobId)).state).toBe('cancelled');
    expect(sets()).toEqual([]);
    const { report } = await importPaths([path]);
    expect(report.spansImported).toBe(12);
    expect(sets()).toEqual(['{"role":"区委书记"}', '{"role":"区长"}', '{"role":"副区长"}']);
    const attributes = await Promise.all(
      report.documentIds.map(async (documentId) => (await core.call('annotations:list', { documentId })).map((a) => a.attributes)),
    );
    expect(attributes).toEqual(roles.map((role) => [{ role }, { role: '区长' }, {}]));
    dir.cleanup();
  });

  it('keeps previewed drafts in a temporary folder until they are committed or the app closes', async () => {
    const scratch = tempDir('biaozhu-staging-test-');
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = scratch.dir;
    try {
      core = testCore();
      const staging = () => readdirSync(scratch.dir).filter((name) => name.startsWith('biaozhu-import-'));
      const dataBase64 = Buffer.from('区委书记王明远到回龙观街道调研。').toString('base64');
      const first = await finished<ImportPreview>(
        (await core.call('import:preview', { sources: [{ kind: 'bytes', name: 'a.txt', dataBase64 }], options: {} })).jobId,
      );
      expect(staging()).toHaveLength(1);
      expect(readdirSync(join(scratch.dir, staging()[0]))).toHaveLength(1);
      await finished<ImportReport>((await core.call('import:commit', { previewId: first.previewId })).jobId);
      expect(staging()).toHaveLength(0);
      await expect(core.call('import:previewFile', { previewId: first.previewId, index: 0 })).rejects.toThrow(/expired/);

      await finished<ImportPreview>((await core.call('import:preview', { sources: [{ kind: 'bytes', name: 'b.txt', dataBase64 }], options: {} })).jobId);
      expect(staging()).toHaveLength(1);
      core.dispose();
      expect(staging()).toHaveLength(0);
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      scratch.cleanup();
    }
  });

  it('reports a file that cannot be read and still imports the rest', async () => {
    core = testCore();
    writeFileSync(join(core.dir, 'empty.txt'), '');
    const { report } = await importPaths([join(core.dir, 'empty.txt'), join(SEEDS_DIR, '000_23b502aa0af0b749.txt'), join(core.dir, 'missing.txt')]);
    expect(report.imported).toBe(1);
    expect(report.rejected.map((r) => r.fileName)).toEqual([join(core.dir, 'empty.txt'), join(core.dir, 'missing.txt')]);
  });
});

describe('export through the API', () => {
  it('writes every format for a labeled project and reports what it wrote', async () => {
    core = testCore();
    await importPaths([join(SEEDS_DIR, '000_23b502aa0af0b749.txt'), join(SEEDS_DIR, '004_dfc4012b420ba70e.txt')]);
    const labels = await core.call('labels:list', {});
    const { items } = await core.call('documents:list', {});
    let spans = 0;
    for (const doc of items) {
      const { text } = await core.call('documents:get', { id: doc.id });
      for (const [needle, key] of [
        ['蔡奇', 'PERSON'],
        ['市委书记蔡奇', 'PERSON'],
      ] as const) {
        const start = text.indexOf(needle);
        if (start < 0) continue;
        await core.call('annotations:create', { documentId: doc.id, start, end: start + needle.length, labelId: labels.find((l) => l.key === key)!.id });
        spans++;
      }
    }
    expect(spans).toBeGreaterThanOrEqual(3);
    for (const format of EXPORT_FORMATS) {
      const outPath = join(core.dir, 'exports', format);
      const report = await finished<ExportReport>((await core.call('export:start', { format, outPath })).jobId);
      expect(report.documents, format).toBe(items.length);
      expect(report.files.length, format).toBeGreaterThan(0);
      for (const file of report.files) expect(existsSync(file), file).toBe(true);
      const dropped = report.dropped.reduce((n, d) => n + d.count, 0);
      expect(report.spans + dropped, format).toBe(spans);
    }
    const jsonl = readFileSync(join(core.dir, 'exports', 'biaozhu-jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const span = jsonl.flatMap((d) => d.spans.map((s: { start: number; end: number; source_start: number; source_end: number }) => ({ d, s })))[0];
    expect(span.d.text.slice(span.s.start, span.s.end)).toMatch(/蔡奇/);
    expect(span.d.original_text.slice(span.s.source_start, span.s.source_end)).toMatch(/蔡奇/);
  });

  it('exports only the chosen labels and annotator', async () => {
    core = testCore();
    await importPaths([join(SEEDS_DIR, '000_23b502aa0af0b749.txt')]);
    const labels = await core.call('labels:list', {});
    const { text } = await core.call('documents:get', { id: 1 });
    const tag = (needle: string, key: string) => {
      const start = text.indexOf(needle);
      return core.call('annotations:create', { documentId: 1, start, end: start + needle.length, labelId: labels.find((l) => l.key === key)!.id });
    };
    await tag('蔡奇', 'PERSON');
    await tag('温榆河公园', 'PROJECT');
    await core.call('projects:setAnnotator', { name: '第二位' });
    await tag('张延昆', 'PERSON');
    const run = async (extra: { labelKeys?: string[]; annotator?: string }) =>
      (
        await finished<ExportReport>(
          (await core.call('export:start', { format: 'mentions-csv', outPath: join(core.dir, `m${Math.random()}.csv`), ...extra })).jobId,
        )
      ).spans;
    expect(await run({})).toBe(3);
    expect(await run({ labelKeys: ['PERSON'] })).toBe(2);
    expect(await run({ annotator: '第二位' })).toBe(1);
    expect(await run({ annotator: 'nobody' })).toBe(0);
  });

  it('a cancelled export stops its reader and leaves no file behind', async () => {
    core = testCore();
    const lines = Array.from({ length: 1500 }, (_, i) =>
      JSON.stringify({ text: `第${i}篇：区委书记王明远到回龙观社区调研。`, title: `调研 ${i}`, label: [[4, 8, 'PERSON']] }),
    );
    const dataBase64 = Buffer.from(lines.join('\n')).toString('base64');
    const preview = await finished<ImportPreview>(
      (await core.call('import:preview', { sources: [{ kind: 'bytes', name: 'many.jsonl', dataBase64 }], options: {} })).jobId,
    );
    await finished<ImportReport>((await core.call('import:commit', { previewId: preview.previewId })).jobId);
    const outPath = join(core.dir, 'cancelled.jsonl');
    const { jobId } = await core.call('export:start', { format: 'biaozhu-jsonl', outPath });
    await core.call('jobs:cancel', { jobId });
    const status = await core.jobs.wait(jobId);
    expect(status.state).toBe('cancelled');
    expect(existsSync(outPath)).toBe(false);
    // The project is still free to export afterwards.
    const report = await finished<ExportReport>((await core.call('export:start', { format: 'biaozhu-jsonl', outPath })).jobId);
    expect(report.documents).toBe(1500);
    expect(readFileSync(outPath, 'utf8').trim().split('\n')).toHaveLength(1500);
    // brat's files are created by a thread of their own: it is stopped before they are removed.
    const bratPath = join(core.dir, 'cancelled-brat');
    // The documents are still to-do (imported, never opened): asked for by status.
    const brat = await core.call('export:start', { format: 'brat', outPath: bratPath, statuses: ['todo'] });
    await core.call('jobs:cancel', { jobId: brat.jobId });
    expect((await core.jobs.wait(brat.jobId)).state).toBe('cancelled');
    expect(existsSync(bratPath)).toBe(false);
  });

  it('writes texts as stored, and a text that is not well-formed UTF-8 as SQLite would read it', async () => {
    core = testCore();
    const clean = addDocument(core, '区委书记王明远到“回龙观”社区调研。\n强调：\\t 与 𠮷。', 'clean');
    const damaged = addDocument(core, '待损坏的文本', 'damaged');
    // Bytes another program could have stored: a cut-off character, then a lone surrogate's bytes.
    const bytes = Buffer.concat([Buffer.from('北京', 'utf8'), Buffer.from([0xe5, 0x8c]), Buffer.from('"朝阳"\n', 'utf8'), Buffer.from([0xed, 0xa0, 0x80])]);
    core.session.requireDb().prepare('UPDATE document_texts SET text = CAST(? AS TEXT), original_text = ? WHERE document_id = ?').run(bytes, '原文', damaged);
    const read = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(read).toContain('\ufffd');
    const out = (format: string) => join(core.dir, `texts-${format}`);
    for (const format of ['biaozhu-jsonl', 'label-studio', 'brat'] as const) {
      await finished<ExportReport>((await core.call('export:start', { format, outPath: out(format), statuses: ['todo'] })).jobId);
    }
    // Every file is well-formed UTF-8: the damaged bytes were not copied through.
    for (const file of [out('biaozhu-jsonl'), out('label-studio')])
      expect(Buffer.from(readFileSync(file, 'utf8'), 'utf8').equals(readFileSync(file))).toBe(true);
    const [first, second] = readFileSync(out('biaozhu-jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect([first.text, first.original_text]).toEqual([
      '区委书记王明远到“回龙观”社区调研。\n强调：\\t 与 𠮷。',
      '区委书记王明远到“回龙观”社区调研。\n强调：\\t 与 𠮷。',
    ]);
    expect([second.text, second.original_text]).toEqual([read, '原文']);
    const tasks = JSON.parse(readFileSync(out('label-studio'), 'utf8'));
    expect(tasks.map((t: { data: { text: string } }) => t.data.text)).toEqual([first.text, read]);
    expect(readFileSync(join(out('brat'), `doc-${clean}.txt`), 'utf8')).toBe(first.text);
    expect(readFileSync(join(out('brat'), `doc-${damaged}.txt`))).toEqual(Buffer.from(read, 'utf8'));
  });

  it('refuses to write a file when a stored span is corrupt, naming the document', async () => {
    core = testCore();
    await importPaths([SEEDS_DIR]);
    const { items } = await core.call('documents:list', { sort: 'id' });
    const last = items[items.length - 1];
    const label = (await core.call('labels:list', {}))[0];
    const a = await core.call('annotations:create', { documentId: last.id, start: 0, end: 4, labelId: label.id });
    // Corrupt it behind the API's back, as a damaged file would be.
    core.session.requireDb().prepare('UPDATE annotations SET end = 999999 WHERE id = ?').run(a.id);
    for (const [format, outPath] of [
      ['cluener', join(core.dir, 'bad.json')],
      ['brat', join(core.dir, 'bad-brat')],
    ] as const) {
      const { jobId } = await core.call('export:start', { format, outPath });
      const status = await core.jobs.wait(jobId);
      expect(status.state).toBe('failed');
      expect(status.error).toMatch(
        new RegExp(`^Document ${last.id} \\(".+"\\) cannot be exported: document ${last.id}, span ${a.id}: end 999999 is past the end of the text`),
      );
      // The documents before it were written, then removed with the failure: no half export is left.
      expect(existsSync(outPath)).toBe(false);
    }
  });
  it('a brat file that cannot be created fails the export, naming it, and leaves none of the others', async () => {
    core = testCore();
    const ids = Array.from({ length: 250 }, (_, i) => addDocument(core, `区委书记王明远到回龙观社区调研（第${i}篇）。`, `调研 ${i}`));
    const label = (await core.call('labels:list', {}))[0];
    for (const documentId of ids) await core.call('annotations:create', { documentId, start: 4, end: 7, labelId: label.id });
    // A folder where the last document's .ann is to go: brat's files are created by a thread of
    // their own (file-writer.ts), so its failure has to come back as the export's.
    const outPath = join(core.dir, 'blocked-brat');
    const blocker = join(outPath, `doc-${ids.at(-1)}.ann`);
    mkdirSync(blocker, { recursive: true });
    // The folder is not empty: without overwrite the export would be refused before it starts.
    const { jobId } = await core.call('export:start', { format: 'brat', outPath, overwrite: true });
    const status = await core.jobs.wait(jobId);
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/EISDIR/);
    expect(status.error).toContain(blocker);
    // Every file written before it is removed again; the user's folder is left as it was.
    expect(readdirSync(outPath)).toEqual([`doc-${ids.at(-1)}.ann`]);
    // The same folder exports whole once it is free.
    rmSync(blocker, { recursive: true });
    const report = await finished<ExportReport>((await core.call('export:start', { format: 'brat', outPath })).jobId);
    expect(report.documents).toBe(250);
    expect(readdirSync(outPath)).toHaveLength(2 * 250 + 2);
    expect(readFileSync(join(outPath, `doc-${ids[0]}.ann`), 'utf8')).toMatch(/^T\d+\tPERSON 4 7\t王明远\n$/);
  });
});

describe('encoding override in the preview', () => {
  it('re-reads one file with the encoding the user picks, and commits that reading', async () => {
    core = testCore();
    const gbPath = join(core.dir, 'gb.txt');
    // Our GB18030 sample: detection says gb18030; the user forces big5, sees garbage, goes back.
    const samples = join(__dirname, '..', '..', '..', 'resources', 'samples');
    copyFileSync(
      join(
        samples,
        readdirSync(samples).find((f) => f.includes('gb18030'))!,
      ),
      gbPath,
    );
    const { jobId } = await core.call('import:preview', { sources: [{ kind: 'path', path: gbPath }], options: {} });
    const preview = await finished<ImportPreview>(jobId);
    expect(preview.files[0].encoding).toBe('gb18030');
    const good = (await core.call('import:previewFile', { previewId: preview.previewId, index: 0 })).drafts[0].text;

    const forced = await core.call('import:overrideEncoding', { previewId: preview.previewId, index: 0, encoding: 'big5' });
    expect(forced.encoding).toBe('big5');
    const garbled = (await core.call('import:previewFile', { previewId: preview.previewId, index: 0 })).drafts[0]?.text ?? '';
    expect(garbled).not.toBe(good);

    await core.call('import:overrideEncoding', { previewId: preview.previewId, index: 0, encoding: 'gb18030' });
    const report = await finished<ImportReport>((await core.call('import:commit', { previewId: preview.previewId })).jobId);
    expect(report.imported).toBe(1);
    const doc = await core.call('documents:get', { id: report.documentIds[0] });
    expect(doc.encoding).toBe('gb18030');
    expect(doc.text).toBe(good);
  });
});
