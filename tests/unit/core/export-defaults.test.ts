// What an export takes by default and what its report says: to-do documents (imported, never
// looked at) are left out of training data unless asked for, Biaozhu JSONL keeps everything, and
// the report names every span a format dropped or wrote with changed edges.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultStatuses, exportOptions, type ExportReport } from '../../../shared/api/export';
import { addDocument, REPO_ROOT, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const TEXT = '区委书记张延昆到温榆河公园调研，强调要增强“四个意识”。';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

async function finished<R>(core: TestCore, jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

async function exportReport(core: TestCore, options: Record<string, unknown>): Promise<ExportReport> {
  const outPath = join(core.dir, `out-${Math.random().toString(36).slice(2)}`);
  return finished<ExportReport>(core, (await core.call('export:start', { outPath, ...options } as never)).jobId);
}

/** Three documents: one to-do (never opened), one in progress (a span), one done. */
async function mixedProject() {
  const core = testCore();
  cores.push(core);
  const labels = await core.call('labels:list', {});
  const person = labels.find((l) => l.key === 'PERSON')!.id;
  const todo = addDocument(core, TEXT, '待办');
  const started = addDocument(core, `${TEXT}一`, '进行中');
  await core.call('annotations:create', { documentId: started, ...at('张延昆'), labelId: person });
  const done = addDocument(core, `${TEXT}二`, '已完成');
  await core.call('annotations:create', { documentId: done, ...at('张延昆'), labelId: person });
  await core.call('documents:update', { id: done, status: 'done' });
  return { core, todo, started, done, person };
}

describe('export defaults', () => {
  it('leave to-do documents out of every format but Biaozhu JSONL, and the CLI says so', async () => {
    expect(defaultStatuses('cluener')).toEqual(['in_progress', 'done', 'reviewed']);
    expect(defaultStatuses('biaozhu-jsonl')).toEqual(['todo', 'in_progress', 'done', 'reviewed']);
    expect(exportOptions.parse({ format: 'conll-bio' }).statuses).toEqual(['in_progress', 'done', 'reviewed']);
    expect(exportOptions.parse({ format: 'conll-bio', statuses: [] }).statuses).toEqual(['in_progress', 'done', 'reviewed']);

    const { core } = await mixedProject();
    for (const format of ['cluener', 'conll-bio', 'mentions-csv', 'brat', 'label-studio', 'doccano-jsonl'] as const) {
      expect(await exportReport(core, { format }), format).toMatchObject({ documents: 2, todoLeftOut: 1 });
    }
    expect(await exportReport(core, { format: 'biaozhu-jsonl' })).toMatchObject({ documents: 3, todoLeftOut: 0 });
    // Asked for by status, they are there; a filter without to-do counts those it leaves out.
    expect(await exportReport(core, { format: 'cluener', statuses: ['todo', 'done'] })).toMatchObject({ documents: 2, todoLeftOut: 0 });
    expect(await exportReport(core, { format: 'biaozhu-jsonl', statuses: ['done'] })).toMatchObject({ documents: 1, todoLeftOut: 1 });
    // The count is of to-do documents the other filters keep.
    expect(await exportReport(core, { format: 'cluener', sources: ['别处'] })).toMatchObject({ documents: 0, todoLeftOut: 0 });

    const bin = resolve(REPO_ROOT, 'bin', 'biaozhu.mjs');
    const projectPath = core.projectPath;
    core.session.close();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(core.dir, 'home') } });
    const cli = run('export', projectPath, '--format', 'cluener', '--out', join(core.dir, 'cli.json'));
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toContain('exported 2 documents');
    expect(cli.stdout).toContain('left out 1 to-do documents');
    const all = run('export', projectPath, '--format', 'cluener', '--out', join(core.dir, 'cli-all.json'), '--status', 'todo,in_progress,done');
    expect(all.stdout).toContain('exported 3 documents');
    expect(all.stdout).not.toContain('to-do');
    expect(run('--help').stdout).toMatch(/--status: .*to-do/s);
  });
});

describe('the list of dropped and adjusted spans', () => {
  it('names the document, text, label, offsets and reason of each, in the report and as CSV from the CLI', async () => {
    const core = testCore();
    cores.push(core);
    const labels = await core.call('labels:list', {});
    const id = (key: string) => labels.find((l) => l.key === key)!.id;
    const text = '王明远\n调研回龙观社区，“四个意识”。';
    const documentId = addDocument(core, text, '边界');
    const span = async (s: string, key: string, length = s.length) =>
      (await core.call('annotations:create', { documentId, start: text.indexOf(s), end: text.indexOf(s) + length, labelId: id(key) })).id;
    const trimmed = await span('王明远\n', 'PERSON');
    const kept = await span('回龙观社区', 'PROJECT');
    const overlapping = await span('回龙观', 'TARGET');
    const conll = await exportReport(core, { format: 'conll-bio' });
    expect(conll.spanList).toEqual([
      { kind: 'dropped', reason: 'overlap', documentId, title: '边界', spanId: overlapping, label: 'TARGET', start: 6, end: 9, text: '回龙观' },
    ]);
    expect(conll.spanListMore).toBe(0);
    const brat = await exportReport(core, { format: 'brat' });
    expect(brat.spanList).toEqual([
      { kind: 'adjusted', reason: 'line-break-trimmed', documentId, title: '边界', spanId: trimmed, label: 'PERSON', start: 0, end: 4, text: '王明远\n' },
    ]);
    expect((await exportReport(core, { format: 'cluener' })).spanList).toEqual([]);
    expect(kept).toBeGreaterThan(0);

    const bin = resolve(REPO_ROOT, 'bin', 'biaozhu.mjs');
    const projectPath = core.projectPath;
    core.session.close();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { cwd: core.dir, encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(core.dir, 'home') } });
    const plain = run('export', projectPath, '--format', 'conll-bio', '--out', 'plain.conll');
    expect(plain.stdout).toContain('--report PATH lists these 1 spans');
    const listed = run('export', projectPath, '--format', 'conll-bio', '--out', 'listed.conll', '--report', 'dropped.csv');
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain(`listed 1 of these spans in ${join(core.dir, 'dropped.csv')}`);
    expect(readFileSync(join(core.dir, 'dropped.csv'), 'utf8')).toBe(
      `kind,reason,document_id,title,span_id,label,start,end,text\r\ndropped,overlap,${documentId},边界,${overlapping},TARGET,6,9,回龙观\r\n`,
    );
    // An existing report is not replaced unasked.
    writeFileSync(join(core.dir, 'mine.csv'), 'mine');
    const refused = run('export', projectPath, '--format', 'conll-bio', '--out', 'again.conll', '--report', 'mine.csv');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('mine.csv exists (--force replaces it)');
    expect(readFileSync(join(core.dir, 'mine.csv'), 'utf8')).toBe('mine');
  });
});
