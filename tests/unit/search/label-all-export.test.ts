// After label all, the next step is an export: the new spans are in a Biaozhu JSONL export, and
// after the batch's undo they are not. A project open read-only previews but refuses to label.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportReport } from '../../../shared/api/export';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const TEXT = '要坚持“两个维护”，做到两个维护。';

async function exportedSpans(core: TestCore, name: string): Promise<[number, number, string][]> {
  const outPath = join(core.dir, `${name}.jsonl`);
  const { jobId } = await core.call('export:start', { format: 'biaozhu-jsonl', outPath });
  const status = await core.jobs.wait(jobId);
  expect(status.state).toBe('done');
  const file = (status.result as ExportReport).files[0];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .flatMap((line) =>
      (JSON.parse(line) as { spans: { start: number; end: number; label: string }[] }).spans.map((s) => [s.start, s.end, s.label] as [number, number, string]),
    );
}

describe('label all, then export', () => {
  it('the spans of a batch are exported, and gone from the export after its undo', async () => {
    const core = testCore();
    cores.push(core);
    addDocument(core, TEXT);
    const labels = await core.call('labels:list', {});
    const slogan = labels.find((l) => l.key === 'SLOGAN')!.id;
    expect(await exportedSpans(core, 'before')).toEqual([]);
    const result = await core.call('search:labelAll', { search: { query: '两个维护' }, hits: 'all', labelId: slogan });
    const first = TEXT.indexOf('两个维护');
    const second = TEXT.lastIndexOf('两个维护');
    expect(await exportedSpans(core, 'labelled')).toEqual([
      [first, first + 4, 'SLOGAN'],
      [second, second + 4, 'SLOGAN'],
    ]);
    await core.call('search:undoLabelAll', { batchId: result.batchId });
    expect(await exportedSpans(core, 'undone')).toEqual([]);
    await core.call('search:redoLabelAll', { batchId: result.batchId });
    expect(await exportedSpans(core, 'redone')).toHaveLength(2);
  });
});

describe('a read-only project', () => {
  it('previews, but label all, undo and redo are refused with read_only and nothing changes', async () => {
    const writer = testCore();
    cores.push(writer);
    addDocument(writer, TEXT);
    const labels = await writer.call('labels:list', {});
    const slogan = labels.find((l) => l.key === 'SLOGAN')!.id;
    const { batchId } = await writer.call('search:labelAll', { search: { query: '维护' }, hits: 'all', labelId: slogan });
    // As a second window opens a file another process holds (session.open's locked path).
    writer.session.close();
    const reader = writer;
    const info = reader.session.openReadOnly(writer.projectPath, { reason: 'locked', message: 'held by another Biaozhu (test)' });
    expect(info.readOnly?.reason).toBe('locked');
    const input = { search: { query: '两个' }, hits: 'all' as const, labelId: slogan };
    expect(await reader.call('search:labelPreview', input)).toMatchObject({ create: 2 });
    for (const [channel, payload] of [
      ['search:labelAll', input],
      ['search:undoLabelAll', { batchId }],
      ['search:redoLabelAll', { batchId }],
    ] as const) {
      const refused = await reader.registry.dispatch(channel, payload as never);
      expect(refused).toMatchObject({ ok: false, error: { code: 'read_only', message: 'held by another Biaozhu (test)' } });
    }
    expect(reader.session.requireDb().prepare('SELECT COUNT(*) FROM annotations').pluck().get()).toBe(2);
  });
});
