// The text pipeline (plain text, HTML, .docx, text records in JSONL/JSON/CSV/TSV) reports every
// problem with a code and its values, like the exchange parsers do, so the import dialog words an
// empty, binary or malformed file in the user's language instead of showing the importer's English.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEXT_PIPELINE_PROBLEM_CODES } from '../../../shared/exchange/problems';
import type { ImportPreview } from '../../../shared/api/import';
import type { FileOutcome } from '../../../shared/import/pipeline';
import { formatMessage } from '../../../renderer/src/i18n/format';
import { en } from '../../../renderer/src/i18n/en';
import { zh } from '../../../renderer/src/i18n/zh';
import { problemText } from '../../../renderer/src/i18n/problems';
import { translate } from '../../../renderer/src/i18n/index';
import { testCore, type TestCore } from '../helpers';
import { importBytes } from './helpers';

/** Bad files meant, together, to make the text pipeline report every code it has. */
const BAD_FILES: [string, Uint8Array | string, Record<string, unknown>?][] = [
  ['empty.txt', ''],
  ['blank.txt', '   \n\n  '],
  ['image.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])],
  ['report.pdf', '%PDF-1.4 王明远'],
  ['chrome.txt', '相关阅读\n'],
  ['broken.docx', '这不是 zip 文件'],
  ['menu.html', '<html><head><title>首页</title></head><body><script>var a = 1;</script></body></html>'],
  ['numbers.json', '42'],
  ['mixed.json', '[{"text": "王明远调研回龙观"}, 7]'],
  ['quote.csv', 'title,text\n标题,"王明远调研回龙观\n'],
  ['columns.csv', 'title,text\n标题,王明远调研,多余\n'],
  ['header.csv', 'title,text\n'],
  ['notext.jsonl', '{"title": "只有标题"}\n{"text": "王明远调研回龙观"}\n'],
  ['spans.jsonl', '{"text": "王明远调研回龙观", "spans": [{"start": 3, "end": 40, "label": "PROJECT"}]}\n'],
  [
    'chrome.jsonl',
    '{"text": "最新评论", "spans": [{"start": 0, "end": 2, "label": "SLOGAN"}]}\n{"text": "區(qū)委书记", "spans": [{"start": 1, "end": 5, "label": "X"}]}\n',
  ],
];

const outcomes: [string, FileOutcome][] = BAD_FILES.map(([name, data]) => [name, importBytes(name, data)]);
/** Each file's error and problems as {message, code, params}, the shape the UI words. */
const reported = outcomes.flatMap(([name, o]) => [
  ...(o.error ? [{ name, message: o.error, code: o.errorCode, params: o.errorParams }] : []),
  ...o.problems.map((p) => ({ name, ...p })),
]);

let core: TestCore | undefined;
afterEach(() => core?.dispose());

describe('text pipeline problem codes', () => {
  it('every code is produced by a real bad file, and every problem and error has a code', () => {
    for (const r of reported) expect(r.code, `${r.name}: ${r.message}`).toBeDefined();
    const produced = new Set(reported.map((r) => r.code));
    for (const code of TEXT_PIPELINE_PROBLEM_CODES) expect(produced.has(code), code).toBe(true);
  });

  it('its values fill both languages', () => {
    for (const r of reported) {
      for (const [lang, dict] of [
        ['en', en],
        ['zh-CN', zh],
      ] as const) {
        const text = formatMessage(dict[`problem.${r.code}` as keyof typeof en], r.params, lang);
        expect(text, `${lang} ${r.name}: ${r.message}`).not.toMatch(/\{\w+[},]/);
      }
    }
    const binary = reported.find((r) => r.name === 'image.txt')!;
    expect(problemText((k, v) => translate('zh', k, v), binary)).toBe('不是文本文件（第 5 字节是 NUL 字节）。');
  });

  it('reach the import preview through the real API, read in Chinese', async () => {
    core = testCore();
    const folder = join(core.dir, 'in');
    mkdirSync(folder);
    writeFileSync(join(folder, 'empty.txt'), '');
    writeFileSync(join(folder, 'columns.csv'), 'title,text\n标题,王明远调研回龙观\n标题,王明远调研,多余\n');
    const started = await core.call('import:preview', { sources: [{ kind: 'path', path: folder }], options: {} });
    const status = await core.jobs.wait(started.jobId);
    const preview = status.result as ImportPreview;
    const zhText = (p: { message: string; code?: string; params?: Record<string, string | number> }) => problemText((k, v) => translate('zh', k, v), p);

    const empty = preview.files.find((f) => f.fileName.endsWith('empty.txt'))!;
    expect(empty).toMatchObject({ errorCode: 'empty_file' });
    expect(zhText({ message: empty.error!, code: empty.errorCode, params: empty.errorParams })).toBe('文件是空的。');
    const csv = preview.files.find((f) => f.fileName.endsWith('columns.csv'))!;
    expect(csv.documents).toHaveLength(1);
    expect(csv.problems).toEqual([{ line: 3, message: expect.any(String), code: 'csv_column_count', params: { columns: 3, header: 2 } }]);
    expect(zhText(csv.problems[0])).toBe('这一行有 3 列，表头有 2 列，已跳过。');
  });
});
