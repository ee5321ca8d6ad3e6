// `biaozhu agreement` as a user runs it: a real process on a real project file.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDocs } from '../../../electron/cli/agreement';
import { insertAnnotation } from '../../../electron/services/db/annotations';
import { nowIso } from '../../../electron/services/db/connection';
import { getLabelByKey } from '../../../electron/services/db/labels';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { addDocument, testCore } from '../helpers';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
let project: string;
let home: string;
let done: () => void;

beforeAll(() => {
  const core = testCore();
  const db = core.session.requireDb();
  const span = (doc: number, coder: string, start: number, end: number, label: string) =>
    insertAnnotation(db, {
      documentId: doc,
      start,
      end,
      labelId: getLabelByKey(db, label)!.id,
      annotatorId: ensureAnnotator(db, coder),
      origin: 'manual',
      reviewState: 'pending',
      attributes: {},
      createdAt: nowIso(),
      updatedAt: nowIso(),
    });
  const one = addDocument(core, '北京市昌平区区长张三今天宣布了新的目标。', '昌平');
  const two = addDocument(core, '海淀区推进“科学城”建设项目。', '海淀');
  span(one, '甲', 5, 7, 'PERSON');
  span(one, '乙', 5, 7, 'PERSON');
  span(one, '乙', 0, 3, 'PROJECT');
  span(two, '甲', 4, 9, 'SLOGAN');
  span(two, '乙', 5, 8, 'SLOGAN');
  span(two, '丙', 5, 8, 'SLOGAN');
  project = core.projectPath;
  home = join(core.dir, 'home');
  // Closes the project (the CLI opens it) but keeps the folder until the end.
  core.session.close();
  done = () => core.dispose();
});
afterAll(() => done());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'agreement', project, ...args], { encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: home } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('biaozhu agreement', () => {
  test('--json gives kappa, alpha, alpha_u, f1_exact, f1_overlap, documents and characters, overall and per label', () => {
    const r = cli('--annotators', '甲,乙', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.coders).toEqual(['甲', '乙']);
    for (const slice of [out.overall, out.labels.PERSON, out.labels.SLOGAN]) {
      expect(Object.keys(slice)).toEqual(expect.arrayContaining(['kappa', 'alpha', 'alpha_u', 'f1_exact', 'f1_overlap', 'documents', 'characters']));
    }
    expect(out.overall).toMatchObject({ documents: 2, characters: 20 + 15, kappa_kind: 'cohen' });
    expect(out.labels.PERSON).toMatchObject({ kappa: 1, f1_exact: 1, spans: { 甲: 1, 乙: 1 } });
    expect(out.labels.SLOGAN).toMatchObject({ f1_exact: 0, f1_overlap: 1 });
    expect(out.per_document).toBeUndefined();
    const detailed = JSON.parse(cli('--annotators', '甲,乙', '--json', '--per-document').stdout);
    expect(detailed.per_document.map((d: { title: string }) => d.title)).toEqual(['昌平', '海淀']);
  });

  test('a readable table without --json; three coders use Fleiss’ kappa; --docs narrows', () => {
    const r = cli('--labels', 'SLOGAN,PERSON');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^agreement of 丙, 乙, 甲 over 1 documents, 15 characters \(1 more documents left out/);
    expect(r.stdout).toMatch(/\noverall\s+[-\d.]+\s/);
    expect(r.stdout).toContain("Fleiss' kappa");
    const narrowed = JSON.parse(cli('--annotators', '甲,乙', '--docs', 'title=昌平', '--json').stdout);
    expect(narrowed.documents).toBe(1);
  });

  test('mistakes exit 1 with a message that says what was wrong', () => {
    const unknown = cli('--annotators', '甲,丁');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No coder named 丁');
    const badDocs = cli('--docs', 'colour=red');
    expect(badDocs.code).toBe(1);
    expect(badDocs.stderr).toContain('unknown filter colour');
  });
});

test('--docs: ids, ranges and filters', () => {
  expect(parseDocs('3, 7,10-12')).toEqual({ ids: [3, 7, 10, 11, 12] });
  expect(parseDocs('status=done; source=北京日报; from=2024-01-01')).toEqual({ filter: { status: 'done', source: '北京日报', dateFrom: '2024-01-01' } });
  expect(() => parseDocs('12-3')).toThrow(/backwards/);
  expect(() => parseDocs('status=finished')).toThrow(/status is one of/);
  expect(() => parseDocs('title=')).toThrow(/needs a value/);
});
