// Review decisions reach the exported corpora: rejected spans are not training data unless asked
// for, the CSV says each span's state, and Biaozhu JSONL carries the states to another project.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportReport, ReviewFilter } from '../../../shared/api/export';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { addDocument, REPO_ROOT, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const TEXT = '区委书记张延昆到温榆河公园调研，强调要增强“四个意识”，区长李华参加。';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

async function finished<R>(core: TestCore, jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

/** A project whose document has one accepted, one pending and one rejected span. */
async function reviewedProject() {
  const core = testCore();
  cores.push(core);
  const documentId = addDocument(core, TEXT);
  const labels = await core.call('labels:list', {});
  const id = (key: string) => labels.find((l) => l.key === key)!.id;
  const accepted = await core.call('annotations:create', { documentId, ...at('张延昆'), labelId: id('PERSON') });
  await core.call('annotations:update', { id: accepted.id, reviewState: 'accepted' });
  await core.call('annotations:create', { documentId, ...at('温榆河公园'), labelId: id('PROJECT') });
  const rejected = await core.call('annotations:create', { documentId, ...at('李华'), labelId: id('PERSON') });
  await core.call('annotations:update', { id: rejected.id, reviewState: 'rejected' });
  return core;
}

async function exportWith(core: TestCore, format: 'cluener' | 'mentions-csv' | 'conll-bio' | 'biaozhu-jsonl', review?: ReviewFilter, labelKeys?: string[]) {
  const extension = { cluener: '.json', 'mentions-csv': '.csv', 'conll-bio': '.conll', 'biaozhu-jsonl': '.jsonl' }[format];
  const outPath = join(core.dir, `${format}-${review ?? 'default'}-${Math.random().toString(36).slice(2)}${extension}`);
  const report = await finished<ExportReport>(
    core,
    (await core.call('export:start', { format, outPath, ...(review ? { review } : {}), ...(labelKeys ? { labelKeys } : {}) })).jobId,
  );
  return { report, text: readFileSync(report.files[0], 'utf8') };
}

describe('the review filter of exports', () => {
  it('leaves rejected spans out of training formats by default and says how many', async () => {
    const core = await reviewedProject();
    const cluener = await exportWith(core, 'cluener');
    expect(JSON.parse(cluener.text).label).toEqual({ person: { 张延昆: [[4, 6]] }, project: { 温榆河公园: [[8, 12]] } });
    expect(cluener.report).toMatchObject({ spans: 2, reviewLeftOut: 1 });
    const conll = await exportWith(core, 'conll-bio');
    expect(conll.text).not.toMatch(/李\tB-PERSON/);
    expect(conll.text).toMatch(/张\tB-PERSON/);
  });

  it('keeps only accepted spans, or every span, when asked', async () => {
    const core = await reviewedProject();
    expect((await exportWith(core, 'cluener', 'accepted')).report).toMatchObject({ spans: 1, reviewLeftOut: 2 });
    expect((await exportWith(core, 'cluener', 'all')).report).toMatchObject({ spans: 3, reviewLeftOut: 0 });
    // The count is of spans the other filters kept: of the PERSON spans, only the rejected one.
    expect((await exportWith(core, 'cluener', 'not-rejected', ['PERSON'])).report).toMatchObject({ spans: 1, reviewLeftOut: 1 });
  });

  it('writes each span’s review state in the mentions CSV', async () => {
    const core = await reviewedProject();
    const rows = (await exportWith(core, 'mentions-csv', 'all')).text.trim().split('\r\n');
    // review_state, then the note column (#18) and the timing columns (#24) after it.
    expect(rows[0].split(',').at(-4)).toBe('review_state');
    expect(rows.slice(1).map((r) => [r.split(',')[6], r.split(',').at(-4)])).toEqual([
      ['张延昆', 'accepted'],
      ['温榆河公园', 'pending'],
      ['李华', 'rejected'],
    ]);
  });

  it('carries review states through Biaozhu JSONL into another project', async () => {
    const core = await reviewedProject();
    const { report } = await exportWith(core, 'biaozhu-jsonl');
    expect(report).toMatchObject({ spans: 3, reviewLeftOut: 0 });
    const other = testCore();
    cores.push(other);
    const preview = await finished<ImportPreview>(
      other,
      (await other.call('import:preview', { sources: [{ kind: 'path', path: report.files[0] }], options: {} })).jobId,
    );
    await finished<ImportReport>(other, (await other.call('import:commit', { previewId: preview.previewId })).jobId);
    const [doc] = (await other.call('documents:list', {})).items;
    const spans = await other.call('annotations:list', { documentId: doc.id });
    expect(spans.map((s) => [TEXT.slice(s.start, s.end), s.reviewState])).toEqual([
      ['张延昆', 'accepted'],
      ['温榆河公园', 'pending'],
      ['李华', 'rejected'],
    ]);
  });

  it('takes --review on the command line', async () => {
    const core = await reviewedProject();
    core.session.close(); // the CLI is another process: it takes the project over
    const out = join(core.dir, 'accepted.json');
    const run = spawnSync(
      process.execPath,
      [resolve(REPO_ROOT, 'bin', 'biaozhu.mjs'), 'export', core.projectPath, '--format', 'cluener', '--review', 'accepted', '--out', out],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/left out 2 spans by review/);
    expect(JSON.parse(readFileSync(out, 'utf8')).label).toEqual({ person: { 张延昆: [[4, 6]] } });
  }, 30_000);
});
