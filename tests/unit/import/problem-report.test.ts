// Problems an import finds reach the preview and the report with their codes, so the dialog words
// them in the user's language: a malformed CLUENER line, a brat offset past the text, a missing path.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { problemText } from '../../../renderer/src/i18n/problems';
import { translate } from '../../../renderer/src/i18n/index';
import { testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

async function finished<R>(jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

const zhText = (p: { message: string; code?: string; params?: Record<string, string | number> }) => problemText((k, v) => translate('zh', k, v), p);

describe('import problems in the preview and the report', () => {
  it('carry codes and values that read in Chinese', async () => {
    core = testCore();
    const folder = join(core.dir, 'in');
    mkdirSync(folder);
    writeFileSync(join(folder, 'news.json'), '{"text": "王明远调研", "label": {"person": {"王明远": [[0, 2]]}}}\n{"text": "王明远", "label": \n');
    writeFileSync(join(folder, 'a.txt'), '王明远调研回龙观');
    writeFileSync(join(folder, 'a.ann'), 'T1\tPERSON 0 3\t王明远\nT2\tPERSON 5 40\t回龙观\n');
    const missing = join(core.dir, 'nowhere.txt');
    const sources = [
      { kind: 'path' as const, path: folder },
      { kind: 'path' as const, path: missing },
    ];
    const preview = await finished<ImportPreview>((await core.call('import:preview', { sources, options: {} })).jobId);

    const byName = (suffix: string) => preview.files.find((f) => f.fileName.endsWith(suffix))!;
    const clue = byName('news.json');
    expect(clue.format).toBe('cluener');
    expect(clue.problems).toEqual([{ line: 2, message: expect.stringMatching(/^not valid JSON/), code: 'not_json', params: { detail: expect.any(String) } }]);
    expect(zhText(clue.problems[0])).toMatch(/^不是有效的 JSON：/);

    const brat = preview.files.filter((f) => f.format === 'brat').flatMap((f) => f.problems);
    expect(brat).toEqual([
      { line: 2, message: expect.stringContaining('past the end of the text (8)'), code: 'brat_bad_offsets', params: { id: 'T2', offsets: '5 40', length: 8 } },
    ]);
    expect(zhText(brat[0])).toBe('标注 T2 的位置 5 40 顺序颠倒或超出了正文（8 个字）；已跳过。');

    const gone = byName('nowhere.txt');
    expect(gone).toMatchObject({ error: 'no such file or folder', errorCode: 'not_found' });
    expect(zhText({ message: gone.error!, code: gone.errorCode, params: gone.errorParams })).toBe('没有这个文件或文件夹。');

    const report = await finished<ImportReport>((await core.call('import:commit', { previewId: preview.previewId })).jobId);
    expect(report.rejected.map((r) => r.code).sort()).toEqual(['brat_bad_offsets', 'not_found', 'not_json']);
    for (const r of report.rejected) expect(zhText(r)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('pairs a brat .txt and .ann picked or dropped as bytes, as it does files on disk', async () => {
    core = testCore();
    const bytes = (name: string, text: string) => ({ kind: 'bytes' as const, name, dataBase64: Buffer.from(text).toString('base64') });
    const sources = [bytes('a.txt', '王明远调研回龙观'), bytes('a.ann', 'T1\tPERSON 0 3\t王明远\nT2\tPERSON 5 40\t回龙观\n')];
    const preview = await finished<ImportPreview>((await core.call('import:preview', { sources, options: {} })).jobId);
    expect(preview.files.map((f) => [f.fileName, f.format, f.documents.map((d) => d.spanCount)])).toEqual([['a.ann', 'brat', [1]]]);
    expect(preview.files[0].problems.map((p) => p.code)).toEqual(['brat_bad_offsets']);
  });
});
