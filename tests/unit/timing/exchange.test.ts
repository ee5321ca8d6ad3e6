// Annotation timing (#24) in exports: Biaozhu JSONL carries lead times and document timings and
// imports them back; the mentions CSV has lead_time_ms and document_active_ms; Label Studio has
// lead_time (seconds) per annotation; a malformed timing in a file is reported, not imported.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportReport } from '../../../shared/api/export';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

function core(): TestCore {
  const c = testCore();
  cores.push(c);
  return c;
}

async function finished<R>(c: TestCore, jobId: string): Promise<R> {
  const status = await c.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

async function exported(c: TestCore, format: 'biaozhu-jsonl' | 'mentions-csv' | 'label-studio', name: string): Promise<string> {
  const outPath = join(c.dir, name);
  await finished<ExportReport>(c, (await c.call('export:start', { format, outPath })).jobId);
  return outPath;
}

async function imported(c: TestCore, path: string): Promise<{ report: ImportReport; preview: ImportPreview }> {
  const preview = await finished<ImportPreview>(c, (await c.call('import:preview', { sources: [{ kind: 'path', path }], options: {} })).jobId);
  const report = await finished<ImportReport>(c, (await c.call('import:commit', { previewId: preview.previewId })).jobId);
  return { report, preview };
}

/** A project where 王 made one timed and one untimed span, worked 7.5 s and set it done, and 李 worked 2 s. */
async function timedProject(): Promise<{ c: TestCore; doc: number }> {
  const c = core();
  const doc = addDocument(c, '市委书记蔡奇调研两个维护', 'timed');
  await c.call('projects:setAnnotator', { name: '王' });
  await c.call('annotations:create', { documentId: doc, start: 4, end: 6, labelId: 1, leadTimeMs: 3210 });
  await c.call('annotations:create', { documentId: doc, start: 8, end: 12, labelId: 2 });
  await c.call('timing:record', { documentId: doc, sessionId: 'session-wang', activeMs: 7500 });
  await c.call('documents:update', { id: doc, status: 'done' });
  await c.call('projects:setAnnotator', { name: '李' });
  await c.call('timing:record', { documentId: doc, sessionId: 'session-li-1', activeMs: 2000 });
  return { c, doc };
}

const spansOf = async (c: TestCore, documentId: number) =>
  (await c.call('annotations:list', { documentId })).map(({ start, end, annotator, leadTimeMs }) => ({ start, end, annotator, leadTimeMs }));

describe('Biaozhu JSONL', () => {
  it('writes lead_time_ms per timed span and the document’s timings, and imports both back', async () => {
    const { c, doc } = await timedProject();
    const path = await exported(c, 'biaozhu-jsonl', 'timed.jsonl');
    const record = JSON.parse(readFileSync(path, 'utf8').trim()) as { spans: Record<string, unknown>[]; timings: Record<string, unknown>[] };
    expect(record.spans.map((s) => s.lead_time_ms)).toEqual([3210, undefined]);
    expect(record.timings).toEqual([
      { annotator: '李', first_opened_at: expect.any(String), done_at: null, active_ms: 2000, active_ms_at_done: null },
      { annotator: '王', first_opened_at: expect.any(String), done_at: expect.any(String), active_ms: 7500, active_ms_at_done: 7500 },
    ]);

    const target = core();
    const { report } = await imported(target, path);
    expect(report.rejected).toEqual([]);
    const [copy] = report.documentIds;
    expect(await spansOf(target, copy!)).toEqual(await spansOf(c, doc));
    const rows = (await target.call('dashboard:timing', {})).documents.map(({ documentId: _id, ...row }) => row);
    expect(rows).toEqual((await c.call('dashboard:timing', {})).documents.map(({ documentId: _id, ...row }) => row));
    expect(rows.map((r) => [r.annotator, r.activeMs, r.activeMsToDone])).toEqual([
      ['王', 7500, 7500],
      ['李', 2000, null],
    ]);
  });

  it('a malformed lead time or timing is reported and left out; the rest imports', async () => {
    const c = core();
    const path = join(c.dir, 'bad.jsonl');
    const text = '蔡奇调研';
    const line = {
      text,
      offset_map: [0, text.length, 0, text.length],
      spans: [{ id: 1, label: 'PERSON', start: 0, end: 2, lead_time_ms: -4 }],
      timings: [
        { annotator: '王', first_opened_at: 'yesterday', done_at: null, active_ms: 5 },
        { annotator: '李', first_opened_at: '2026-12-01T08:00:00Z', done_at: null, active_ms: 900 },
      ],
    };
    writeFileSync(path, `${JSON.stringify(line)}\n`);
    const { report, preview } = await imported(c, path);
    expect(JSON.stringify(preview)).toMatch(/timing_malformed/);
    expect(JSON.stringify(preview)).toMatch(/lead_time_ms/);
    expect(JSON.stringify(preview)).toMatch(/timings\[0\]/);
    const [doc] = report.documentIds;
    expect((await spansOf(c, doc!)).map((s) => s.leadTimeMs)).toEqual([undefined]);
    expect((await c.call('dashboard:timing', {})).documents.map((d) => [d.annotator, d.activeMs])).toEqual([['李', 900]]);
  });
});

describe('mentions CSV and Label Studio', () => {
  it('the CSV has lead_time_ms and the coder’s document_active_ms on each row', async () => {
    const { c } = await timedProject();
    const csv = readFileSync(await exported(c, 'mentions-csv', 'mentions.csv'), 'utf8').replace(/^\ufeff/, '');
    const [header, ...rows] = csv
      .trimEnd()
      .split('\r\n')
      .map((row) => row.split(','));
    expect(header!.slice(-2)).toEqual(['lead_time_ms', 'document_active_ms']);
    expect(rows.map((r) => [r[6], r.at(-2), r.at(-1)])).toEqual([
      ['蔡奇', '3210', '7500'],
      ['两个维护', '', '7500'],
    ]);
  });

  it('Label Studio writes lead_time in seconds on the task’s annotation', async () => {
    const { c } = await timedProject();
    const text = readFileSync(await exported(c, 'label-studio', 'ls.json'), 'utf8');
    const [task] = JSON.parse(text) as { annotations: { lead_time?: number }[] }[];
    expect(task!.annotations[0]!.lead_time).toBe(9.5);
    const plain = core();
    addDocument(plain, '蔡奇调研', 'untimed', { status: 'done' }); // to-do documents are left out of Label Studio files
    const [untimed] = JSON.parse(readFileSync(await exported(plain, 'label-studio', 'ls.json'), 'utf8')) as { annotations: { lead_time?: number }[] }[];
    expect(untimed!.annotations[0]).not.toHaveProperty('lead_time');
  });
});
