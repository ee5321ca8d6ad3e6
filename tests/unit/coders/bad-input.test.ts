// Coder files that must not be merged as they are: each is refused with a message naming the file
// and what is wrong, and the project is left byte for byte as it was.
import { copyFileSync, openSync, truncateSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { cores, dataOf, disposeCores, fileState, label, openCoderFile, project, teamDir } from './team';

afterEach(disposeCores);

/** A project with one coder's labelled hand-out file, closed and ready to merge. */
async function withCoderFile(coder = '王') {
  const main = project(4);
  const { files } = await main.call('coders:handout', { annotators: [coder], outPath: `team/${coder}.biaozhu` });
  const file = openCoderFile(files[0]!.path);
  for (const doc of (await file.call('documents:list', {})).items) await label(file, doc.id, '王明远', 'PERSON');
  file.session.close();
  return { main, path: files[0]!.path };
}

async function refused(main: (typeof cores)[number], input: { paths: string[]; force?: boolean }, code: string, message: RegExp) {
  const before = fileState(main.projectPath);
  const data = dataOf(main);
  for (const channel of ['coders:mergePreview', 'coders:merge'] as const) {
    if (channel === 'coders:mergePreview' && code === 'conflict') continue; // the preview reports these as problems instead
    const result = await main.registry.dispatch(channel, channel === 'coders:merge' ? input : { paths: input.paths });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
  }
  expect(dataOf(main)).toBe(data);
  expect(fileState(main.projectPath)).toBe(before);
}

describe('a coder file that is not whole', () => {
  test('truncated', async () => {
    const { main, path } = await withCoderFile();
    truncateSync(path, Math.floor(statSync(path).size / 2) + 100);
    await refused(main, { paths: [path] }, 'damaged', /王\.biaozhu.*(cut off|not a whole number)/s);
  });

  test('pages overwritten with garbage', async () => {
    const { main, path } = await withCoderFile();
    const fd = openSync(path, 'r+');
    // Past the header and the schema page: the tables' pages.
    writeSync(fd, Buffer.alloc(16384 * 2, 0x5a), 0, 16384 * 2, 16384 * 2);
    closeSync(fd);
    await refused(main, { paths: [path] }, 'damaged', /王\.biaozhu.*damaged/s);
  });

  test('not a project at all', async () => {
    const { main } = await withCoderFile();
    const path = join(main.dir, 'notes.biaozhu');
    writeFileSync(path, '这不是项目文件\n'.repeat(100));
    await refused(main, { paths: [path] }, 'not_a_project', /notes\.biaozhu is not a Biaozhu project/);
  });

  test('written by a newer Biaozhu', async () => {
    const { main, path } = await withCoderFile();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    await refused(main, { paths: [path] }, 'db_newer', /王\.biaozhu.*newer Biaozhu \(schema 99/s);
  });
});

describe('a coder file of the wrong project', () => {
  test('handed out from another project: refused unless forced', async () => {
    const { path } = await withCoderFile();
    const other = project(2);
    await refused(other, { paths: [path] }, 'conflict', /王\.biaozhu was handed out from another project \("project"\).*--force/s);
    const preview = await other.call('coders:mergePreview', { paths: [path] });
    expect(preview.problems).toHaveLength(1);
    // Forced: the two documents both projects have are matched; the others are reported, not added.
    const report = await other.call('coders:merge', { paths: [path], force: true });
    expect(report.coders[0]).toMatchObject({ documentsMatched: 2, documentsMissing: 2, documentsAdded: 0, spansAdded: 2 });
  });

  test('a project that was never handed out (no origin), and one sharing no document', async () => {
    const main = project(3);
    const plain = project(0);
    plain.session.requireDb().pragma('wal_checkpoint(TRUNCATE)');
    const stranger = join(main.dir, 'stranger.biaozhu');
    copyFileSync(plain.projectPath, stranger);
    await refused(main, { paths: [stranger] }, 'conflict', /stranger\.biaozhu was not handed out from this project/);

    const { files } = await main.call('coders:handout', { annotators: ['李'], documents: { ids: [1] }, outPath: 'team/李.biaozhu' });
    await main.call('documents:delete', { ids: [1] });
    await refused(main, { paths: [files[0]!.path] }, 'conflict', /李\.biaozhu shares no document with this project/);
  });

  test('the project itself, by path or as a copy', async () => {
    const { main } = await withCoderFile();
    await refused(main, { paths: [main.projectPath] }, 'invalid_input', /is the project itself/);
    main.session.requireDb().pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(main.dir, 'copy.biaozhu');
    copyFileSync(main.projectPath, copy);
    await refused(main, { paths: [copy] }, 'invalid_input', /copy\.biaozhu is the project itself \(or a copy of it\)/);
  });

  test('two files of the same coder in one merge', async () => {
    const { main, path } = await withCoderFile('王');
    const { files } = await main.call('coders:handout', { annotators: ['王'], outPath: 'team/王-again.biaozhu' });
    await refused(main, { paths: [path, files[0]!.path] }, 'invalid_input', /both coder 王's/);
    await refused(main, { paths: [path, path] }, 'invalid_input', /named twice/);
  });

  test('a missing file', async () => {
    const { main } = await withCoderFile();
    await refused(main, { paths: [teamDir(main, 'nobody.biaozhu')] }, 'not_found', /nobody\.biaozhu/);
  });
});
