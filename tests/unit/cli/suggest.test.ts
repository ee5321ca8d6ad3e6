// `biaozhu suggest` as a user runs it: a real process pre-annotating a real project file, as
// the coder --annotator names (the one whose confirmed spans the dictionary learns from).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAcceptAbove, parseSources } from '../../../electron/cli/suggest';
import { addDocument, testCore, type TestCore } from '../helpers';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
const TEXTS = ['蔡奇主持会议，强调做到“两个维护”。', '会上蔡奇指出，建设温榆河公园。', '蔡奇调研。', '无关的文本。'];
let core: TestCore;
let ids: number[];

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(core.dir, 'home') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const spanCount = (documentId: number) =>
  core.session.requireDb().prepare("SELECT COUNT(*) FROM annotations WHERE document_id = ? AND origin = 'suggested'").pluck().get(documentId);

beforeAll(async () => {
  core = testCore();
  ids = TEXTS.map((text, i) => addDocument(core, text, `第${i + 1}篇`));
  core.session.setAnnotator('王');
  const person = (await core.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
  await core.call('annotations:create', { documentId: ids[0], start: 0, end: 2, labelId: person });
  core.session.close();
});
afterAll(() => core.dispose());

describe('biaozhu suggest', () => {
  it('pre-annotates the documents --docs names from the sources asked, as the project coder', () => {
    const out = cli('suggest', core.projectPath, '--sources', 'dict', '--docs', `${ids[1]}-${ids[2]}`, '--accept-above', '0.9', '--annotator', '王');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')[0]).toBe('pre-annotated 2 documents as 王: 2 spans written (dictionary 2)');
    core.session.open(core.projectPath);
    expect(ids.map(spanCount)).toEqual([0, 1, 1, 0]);
    const [span] = core.session
      .requireDb()
      .prepare('SELECT a.origin_detail, an.name FROM annotations a JOIN annotators an ON an.id = a.annotator_id WHERE a.document_id = ?')
      .all(ids[1]) as { origin_detail: string; name: string }[];
    expect(span).toEqual({ origin_detail: '{"source":"dictionary","sourceId":"","confidence":1}', name: '王' });
    core.session.close();
  });

  it('every source and document by default, --json; then nothing is left to write', () => {
    const out = cli('suggest', core.projectPath, '--json', '--annotator', '王');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report).toMatchObject({ documents: 4, acceptAbove: 0.9, annotator: '王', skipped: 0 });
    expect(report.bySource).toEqual(expect.arrayContaining([{ source: 'pattern', created: expect.any(Number) }]));
    const again = JSON.parse(cli('suggest', core.projectPath, '--json', '--annotator', '王').stdout);
    expect(again).toMatchObject({ documents: 4, created: 0 });
  });

  it('refuses bad options naming them, having written nothing', () => {
    const bad = cli('suggest', core.projectPath, '--sources', 'dict,crystal-ball');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--sources: unknown source crystal-ball');
    expect(cli('suggest', core.projectPath, '--docs', '999').stderr).toContain('documentIds: no document 999');
  });

  it('parses --sources and --accept-above', () => {
    expect(parseSources('patterns,dict')).toEqual(['dictionary', 'pattern']);
    expect(parseSources(undefined)).toBeUndefined();
    expect(parseAcceptAbove('0.5')).toBe(0.5);
    expect(() => parseAcceptAbove('1.5')).toThrow(/--accept-above is a number from 0 to 1/);
    expect(() => parseAcceptAbove('')).toThrow(/--accept-above/);
  });
});
