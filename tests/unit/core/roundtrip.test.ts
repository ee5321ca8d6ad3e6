// Export → import into a new project, through the API and the worker threads, for every format
// that carries spans: the spans that come back are the spans that went out.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportFormat, ExportReport } from '../../../shared/api/export';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

async function finished<R>(core: TestCore, jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

const TEXT = '市委书记蔡奇到𠮷祥村调研，强调增强“四个意识”。\n建设温榆河公园，森林覆盖率提高到48.7%😀。';
const SPANS: [string, string][] = [
  ['市委书记蔡奇', 'PERSON'],
  ['蔡奇', 'PERSON'], // nested
  ['𠮷祥村', 'PROJECT'],
  ['“四个意识”', 'SLOGAN'],
  ['温榆河公园', 'PROJECT'],
  ['森林覆盖率提高到48.7%', 'TARGET'],
];

async function labeledProject(withOverlaps: boolean) {
  const core = testCore();
  cores.push(core);
  const documentId = addDocument(core, TEXT, 'roundtrip');
  const labels = await core.call('labels:list', {});
  for (const [mention, key] of SPANS) {
    if (!withOverlaps && mention === '蔡奇') continue;
    const start = mention === '蔡奇' ? TEXT.indexOf('蔡奇') : TEXT.indexOf(mention);
    await core.call('annotations:create', { documentId, start, end: start + mention.length, labelId: labels.find((l) => l.key === key)!.id });
  }
  return core;
}

async function mentionsOf(core: TestCore) {
  const labels = await core.call('labels:list', {});
  const { items } = await core.call('documents:list', {});
  const out: string[] = [];
  for (const doc of items) {
    const { text } = await core.call('documents:get', { id: doc.id });
    for (const a of await core.call('annotations:list', { documentId: doc.id })) {
      out.push(`${labels.find((l) => l.id === a.labelId)!.key}:${text.slice(a.start, a.end)}@${a.start}`);
    }
  }
  return out.sort();
}

const CASES: { format: ExportFormat; overlaps: boolean; file: string; sameOffsets: boolean }[] = [
  { format: 'biaozhu-jsonl', overlaps: true, file: 'out.jsonl', sameOffsets: true },
  { format: 'doccano-jsonl', overlaps: true, file: 'out.jsonl', sameOffsets: true },
  { format: 'cluener', overlaps: true, file: 'out.json', sameOffsets: true },
  { format: 'label-studio', overlaps: true, file: 'out.json', sameOffsets: true },
  { format: 'brat', overlaps: true, file: 'brat', sameOffsets: true },
  // CoNLL keeps no whitespace, so offsets move; the mentions must still be the same characters.
  { format: 'conll-bio', overlaps: false, file: 'out.conll', sameOffsets: false },
  { format: 'conll-bioes', overlaps: false, file: 'out.conll', sameOffsets: false },
];

describe('export → import round trip through the API', () => {
  it('biaozhu-jsonl also restores document status and span review state and origin', async () => {
    const source = await labeledProject(true);
    const [first] = await source.call('annotations:list', { documentId: 1 });
    await source.call('annotations:update', { id: first.id, reviewState: 'accepted' });
    await source.call('documents:update', { id: 1, status: 'reviewed' });
    const outPath = join(source.dir, 'out.jsonl');
    await finished<ExportReport>(source, (await source.call('export:start', { format: 'biaozhu-jsonl', outPath })).jobId);
    const target = testCore();
    cores.push(target);
    const preview = await finished<ImportPreview>(
      target,
      (await target.call('import:preview', { sources: [{ kind: 'path', path: outPath }], options: {} })).jobId,
    );
    await finished<ImportReport>(target, (await target.call('import:commit', { previewId: preview.previewId })).jobId);
    expect((await target.call('documents:get', { id: 1 })).status).toBe('reviewed');
    const spans = await target.call('annotations:list', { documentId: 1 });
    expect(spans.filter((a) => a.reviewState === 'accepted')).toHaveLength(1);
    expect(spans.every((a) => a.origin === 'manual')).toBe(true);
  });

  for (const { format, overlaps, file, sameOffsets } of CASES) {
    it(`${format}${overlaps ? ' (with nested spans)' : ''}`, async () => {
      const source = await labeledProject(overlaps);
      const outPath = join(source.dir, file);
      const report = await finished<ExportReport>(source, (await source.call('export:start', { format, outPath })).jobId);
      expect(report.dropped).toEqual([]);

      const target = testCore();
      cores.push(target);
      const { jobId } = await target.call('import:preview', { sources: [{ kind: 'path', path: outPath }], options: {} });
      const preview = await finished<ImportPreview>(target, jobId);
      expect(
        preview.files.filter((f) => f.error),
        JSON.stringify(preview.files),
      ).toEqual([]);
      const imported = await finished<ImportReport>(target, (await target.call('import:commit', { previewId: preview.previewId })).jobId);
      expect(imported.rejected).toEqual([]);

      const strip = (list: string[]) => (sameOffsets ? list : list.map((m) => m.replace(/@\d+$/, '')));
      expect(strip(await mentionsOf(target))).toEqual(strip(await mentionsOf(source)));
    });
  }
});
