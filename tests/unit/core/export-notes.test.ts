// Notes leave the project with the data: Biaozhu JSONL carries span and document notes to another
// project, the mentions CSV has a note column after review_state, and formats without notes are
// not slowed by them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportReport } from '../../../shared/api/export';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { spanNotesSql } from '../../../electron/services/db/export-queries';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const TEXT = '区委书记张延昆到温榆河公园调研，强调要增强“四个意识”，区长李华参加。';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });
const SPAN_NOTE = '职务是“区委书记”，"引号", 逗号\n第二行';
const DOC_NOTE = '原网页已删除，取自存档';

async function finished<R>(core: TestCore, jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

async function notedProject() {
  const core = testCore();
  cores.push(core);
  const documentId = addDocument(core, TEXT);
  const labels = await core.call('labels:list', {});
  const id = (key: string) => labels.find((l) => l.key === key)!.id;
  const person = await core.call('annotations:create', { documentId, ...at('张延昆'), labelId: id('PERSON') });
  await core.call('annotations:update', { id: person.id, note: SPAN_NOTE });
  await core.call('annotations:create', { documentId, ...at('温榆河公园'), labelId: id('PROJECT') });
  await core.call('documents:update', { id: documentId, note: DOC_NOTE });
  return core;
}

async function exportAs(core: TestCore, format: 'mentions-csv' | 'biaozhu-jsonl' | 'cluener') {
  const extension = { 'mentions-csv': '.csv', 'biaozhu-jsonl': '.jsonl', cluener: '.json' }[format];
  const outPath = join(core.dir, `${format}${extension}`);
  const report = await finished<ExportReport>(core, (await core.call('export:start', { format, outPath })).jobId);
  return { report, text: readFileSync(report.files[0], 'utf8') };
}

describe('notes in exports', () => {
  it('Biaozhu JSONL writes span and document notes and imports them back into another project', async () => {
    const core = await notedProject();
    const { report, text } = await exportAs(core, 'biaozhu-jsonl');
    const record = JSON.parse(text.trim());
    expect(record.note).toBe(DOC_NOTE);
    expect(record.spans.map((s: { note?: string }) => s.note)).toEqual([SPAN_NOTE, undefined]);
    const other = testCore();
    cores.push(other);
    const preview = await finished<ImportPreview>(
      other,
      (await other.call('import:preview', { sources: [{ kind: 'path', path: report.files[0] }], options: {} })).jobId,
    );
    await finished<ImportReport>(other, (await other.call('import:commit', { previewId: preview.previewId })).jobId);
    const [doc] = (await other.call('documents:list', {})).items;
    expect((await other.call('documents:get', { id: doc.id })).note).toBe(DOC_NOTE);
    const spans = await other.call('annotations:list', { documentId: doc.id });
    expect(spans.map((s) => [TEXT.slice(s.start, s.end), s.note])).toEqual([
      ['张延昆', SPAN_NOTE],
      ['温榆河公园', ''],
    ]);
  });

  it('the mentions CSV has a note column after review_state, quoted when it must be', async () => {
    const core = await notedProject();
    const { text } = await exportAs(core, 'mentions-csv');
    const header = text.slice(1, text.indexOf('\r\n')).split(',');
    // The timing columns (#24) come after note; these spans have none.
    expect(header.slice(-4)).toEqual(['review_state', 'note', 'lead_time_ms', 'document_active_ms']);
    const rows = text.slice(text.indexOf('\r\n') + 2);
    expect(rows).toContain(`,pending,"${SPAN_NOTE.replace(/"/g, '""')}",,\r\n`);
    expect(rows).toMatch(/温榆河公园.*,pending,,,\r\n$/);
  });

  it('formats without notes write what they wrote before', async () => {
    const core = await notedProject();
    expect(JSON.parse((await exportAs(core, 'cluener')).text).label).toEqual({ person: { 张延昆: [[4, 6]] }, project: { 温榆河公园: [[8, 12]] } });
  });
});

describe('reading notes for an export', () => {
  it('finds the spans that have one through the partial index, without reading the others', async () => {
    const core = testCore();
    cores.push(core);
    const db = core.session.requireDb();
    for (const review of ['all', 'not-rejected', 'accepted'] as const) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${spanNotesSql(review)}`).all('[1,2]') as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/USING INDEX annotations_note \(document_id=\?\)/);
    }
  });
});
