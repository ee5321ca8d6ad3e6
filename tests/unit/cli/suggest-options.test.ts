// Every option of `biaozhu suggest` as README and issue #22 document it, run as a user runs it (a
// real process on a real project file): --docs as a filter, each --sources name, --accept-above
// deciding what is written, a pattern that runs out of time named, and bad values refused with a
// message naming the option and exit code 1, the project unchanged.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
const NAMES = ['蔡奇', '殷勇', '陈吉宁', '尹力', '刘伟', '魏小东', '张延昆', '林海涛', '郑立新', '周明远', '宋志刚', '王宁'];
let core: TestCore;
const docs: Record<string, number> = {};

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'suggest', core.projectPath, '--annotator', '王', ...args], {
    encoding: 'utf8',
    env: { ...process.env, BIAOZHU_HOME: join(core.dir, 'home') },
    // A pattern that froze the process fails the test instead of hanging it.
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Spans written by pre-annotation, per document title. */
function suggestedSpans(): Record<string, string[]> {
  core.session.open(core.projectPath);
  try {
    const rows = core.session
      .requireDb()
      .prepare(
        `SELECT d.title, json_extract(a.origin_detail, '$.source') AS source FROM annotations a JOIN documents d ON d.id = a.document_id
         WHERE a.origin = 'suggested' ORDER BY d.id, a.start`,
      )
      .all() as { title: string; source: string }[];
    const out: Record<string, string[]> = {};
    for (const r of rows) (out[r.title] ??= []).push(r.source);
    return out;
  } finally {
    core.session.close();
  }
}

/** Takes back every span pre-annotation wrote, so each test starts from the same project. */
function undoSuggested(): void {
  core.session.open(core.projectPath);
  const db = core.session.requireDb();
  db.prepare("DELETE FROM annotations WHERE origin = 'suggested'").run();
  db.prepare('UPDATE documents SET span_count = (SELECT COUNT(*) FROM annotations WHERE document_id = documents.id)').run();
  core.session.close();
}

beforeAll(async () => {
  core = testCore();
  core.session.setAnnotator('王');
  const person = (await core.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
  // Twelve finished documents whose names after 书记 the coder labelled: the dictionary and the tagger learn from them.
  for (const [i, name] of NAMES.entries()) {
    const other = NAMES[(i + 5) % NAMES.length]!;
    const text = `市委书记${name}主持会议。区委书记${other}出席并讲话。`;
    const id = addDocument(core, text, `已完成${i}`, { status: 'done' });
    await core.call('annotations:create', { documentId: id, start: 4, end: 4 + name.length, labelId: person });
    const at = text.indexOf(other, 6);
    await core.call('annotations:create', { documentId: id, start: at, end: at + other.length, labelId: person });
  }
  docs.todo = addDocument(core, '市委书记赵一鸣会见蔡奇，强调做到“两个维护”，建设温榆河公园。', '待标', { status: 'todo' });
  docs.done = addDocument(core, '区委书记钱多多会见蔡奇，强调做到“四个意识”。', '已审', { status: 'reviewed' });
  // A real-size article with one long run of Han characters, where the user's nested pattern backtracks without end.
  const long = `${'北京市东城区西城区朝阳区海淀区'.repeat(3)}。`;
  docs.long = addDocument(core, (long + '经济社会发展，'.repeat(15_000)).slice(0, 100_000), '长文', { status: 'in_progress' });
  await core.call('patterns:create', { name: '嵌套 Nested', regex: '(\\p{Script=Han}+)+。$', labelKey: 'SLOGAN' });
  const gazetteer = join(core.dir, 'parks.txt');
  writeFileSync(gazetteer, '温榆河公园\n');
  await core.call('gazetteers:import', { path: gazetteer, labelKey: 'PROJECT' });
  await core.call('model:train', {});
  for (let i = 0; i < 600 && (await core.call('model:status', {})).state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 100));
  expect((await core.call('model:status', {})).state).toBe('ready');
  core.session.close();
}, 90_000);
afterAll(() => core.dispose());

describe('biaozhu suggest options', () => {
  it('--docs status=todo pre-annotates the to-do documents only', () => {
    const out = cli('--sources', 'dict', '--docs', 'status=todo');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^pre-annotated 1 documents as 王: 1 spans written \(dictionary 1\)/);
    expect(suggestedSpans()).toEqual({ 待标: ['dictionary'] });
    undoSuggested();
  });

  it('each --sources name writes that source’s spans only', () => {
    for (const [names, sources] of [
      ['gazetteer', ['gazetteer']],
      ['dictionary,patterns', ['dictionary', 'pattern', 'pattern']],
    ] as const) {
      expect(cli('--sources', names, '--docs', `${docs.todo}`).code).toBe(0);
      expect([names, suggestedSpans()]).toEqual([names, { 待标: sources }]);
      undoSuggested();
    }
  });

  it('--accept-above decides which model proposals are written; below it they stay proposals', () => {
    const high = cli('--sources', 'model', '--docs', `${docs.todo},${docs.done}`, '--accept-above', '1', '--json');
    expect(high.code).toBe(0);
    const proposed = JSON.parse(high.stdout).proposed as number;
    expect(JSON.parse(high.stdout)).toMatchObject({ documents: 2, created: 0, acceptAbove: 1 });
    expect(proposed).toBeGreaterThanOrEqual(2); // 赵一鸣 and 钱多多 at least: names it never saw
    const low = cli('--sources', 'tagger', '--docs', `${docs.todo},${docs.done}`, '--accept-above', '0');
    expect(low.code).toBe(0);
    expect(low.stdout.split('\n')[0]).toBe(`pre-annotated 2 documents as 王: ${proposed} spans written (model ${proposed})`);
    expect(Object.values(suggestedSpans()).flat()).toEqual(Array(proposed).fill('model'));
    undoSuggested();
  });

  it('a pattern that runs out of time is named, and the job still finishes', () => {
    const out = cli('--sources', 'patterns', '--docs', `${docs.long}`);
    expect([out.code, out.stderr]).toEqual([0, '']);
    expect(out.stdout).toMatch(/^skipped in 1 documents: Pattern 嵌套 Nested \/\(\\p\{Script=Han\}\+\)\+。\$\/ ran past its 1\.5 s limit/m);
    undoSuggested();
  });

  it('refuses bad values naming the option, exit code 1, writing nothing', () => {
    for (const [args, message] of [
      [['--sources', 'dict,crystal-ball'], '--sources: unknown source crystal-ball'],
      [['--sources='], '--sources names no source'],
      [['--accept-above', '1.5'], '--accept-above is a number from 0 to 1'],
      [['--docs', 'status=finished'], '--docs: status is one of'],
      [['--docs', 'colour=red'], '--docs: unknown filter colour'],
      [['--docs', 'title=不存在的标题'], '--docs title=不存在的标题: no document matches'],
    ] as const) {
      const out = cli(...args);
      expect([args, out.code, out.stdout]).toEqual([args, 1, '']);
      expect(out.stderr).toContain(message);
    }
    expect(suggestedSpans()).toEqual({});
  });
});
