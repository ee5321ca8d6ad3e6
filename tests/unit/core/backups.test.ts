// Rolling backups and restore, on real project files: before an import, before a migration, on the
// schedule, before a restore; rotation; damaged projects never push good backups out; the CLI.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupEntry } from '../../../shared/api/backups';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { BACKUPS_KEPT, backupFolderBeside } from '../../../electron/services/app/backups';
import { openDatabase } from '../../../electron/services/db/connection';
import { migrate, SCHEMA_VERSION } from '../../../electron/services/db/migrations';
import { addDocument, tempDir, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.dispose());
  cleanups.splice(0).forEach((c) => c());
});

function core(options: { create?: boolean } = {}): TestCore {
  const c = testCore(options);
  cores.push(c);
  return c;
}

async function finished<R>(c: TestCore, jobId: string): Promise<R> {
  const status = await c.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(status.error ?? status.state);
  return status.result as R;
}

async function importJsonl(c: TestCore, texts: string[]): Promise<ImportReport> {
  const body = texts.map((text, i) => JSON.stringify({ text, title: `导入${i}` })).join('\n');
  const dataBase64 = Buffer.from(body).toString('base64');
  const preview = await finished<ImportPreview>(
    c,
    (await c.call('import:preview', { sources: [{ kind: 'bytes', name: 'more.jsonl', dataBase64 }], options: {} })).jobId,
  );
  return finished<ImportReport>(c, (await c.call('import:commit', { previewId: preview.previewId })).jobId);
}

/** Three documents, two spans. */
async function seeded(c: TestCore): Promise<void> {
  const first = addDocument(c, '区委书记王明远调研回龙观社区。', 'a');
  addDocument(c, '昌平区推进回天地区行动计划。', 'b');
  addDocument(c, '海淀区召开全区工作会议。', 'c');
  const labelId = (await c.call('labels:list', {}))[0].id;
  await c.call('annotations:create', { documentId: first, start: 4, end: 7, labelId });
  await c.call('annotations:create', { documentId: first, start: 9, end: 14, labelId });
}

const counts = (c: TestCore) => {
  const info = c.session.info()!;
  return { documents: info.documentCount, spans: info.annotationCount };
};

const byReason = (backups: BackupEntry[], reason: BackupEntry['reason']) => backups.filter((b) => b.reason === reason);

describe('backups', () => {
  it('takes a before-import backup that opens with the counts from before the import', async () => {
    const c = core();
    await seeded(c);
    const report = await importJsonl(c, ['朝阳区启动老旧小区改造。', '丰台区发布一号文件。']);
    expect(report.imported).toBe(2);
    expect(counts(c)).toEqual({ documents: 5, spans: 2 });

    const { backups, folder, fallbackNote } = await c.call('backups:list', {});
    expect(folder).toBe(backupFolderBeside(c.projectPath));
    expect(fallbackNote).toBeNull();
    const [before] = byReason(backups, 'before-import');
    expect(before).toMatchObject({ documentCount: 3, annotationCount: 2, schemaVersion: SCHEMA_VERSION, problem: null });
    expect(basename(before.path)).toMatch(/^\d{8}T\d{9}Z-before-import\.biaozhu$/);
    expect(Date.parse(before.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    // A self-contained project file: opened read-only, no -wal/-shm appear beside it.
    const copy = openDatabase(before.path, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(3);
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    copy.close();
    expect(readdirSync(folder).filter((f) => !f.endsWith('.biaozhu'))).toEqual([]);
  });

  it('restores a backup: later changes are gone, the replaced state is kept as before-restore', async () => {
    const c = core();
    await seeded(c);
    await importJsonl(c, ['朝阳区启动老旧小区改造。']);
    addDocument(c, '一处之后的修改。', 'later');
    expect(counts(c)).toEqual({ documents: 5, spans: 2 });
    const [before] = byReason((await c.call('backups:list', {})).backups, 'before-import');

    const info = await c.call('backups:restore', { backupPath: before.path });
    expect(info).toMatchObject({ path: c.projectPath, documentCount: 3, annotationCount: 2, readOnly: null });
    const titles = (await c.call('documents:list', {})).items.map((d) => d.title);
    expect(titles).not.toContain('later');
    const [kept] = byReason((await c.call('backups:list', {})).backups, 'before-restore');
    expect(kept).toMatchObject({ documentCount: 5, annotationCount: 2, problem: null });

    // Written for good: closed and opened again (no stale WAL replayed over it), still the backup's state.
    c.session.close();
    expect(existsSync(`${c.projectPath}-wal`)).toBe(false);
    expect(c.session.open(c.projectPath)).toMatchObject({ documentCount: 3, annotationCount: 2 });
    // And the replaced state can itself be restored.
    expect(await c.call('backups:restore', { backupPath: kept.path })).toMatchObject({ documentCount: 5 });
  });

  it("refuses to restore a file that is not one of the project's backups", async () => {
    const c = core();
    const other = join(c.dir, 'other.biaozhu');
    writeFileSync(other, '');
    await expect(c.call('backups:restore', { backupPath: other })).rejects.toMatchObject({ code: 'not_found' });
    expect(counts(c)).toEqual({ documents: 0, spans: 0 });
  });

  it(`keeps the newest ${BACKUPS_KEPT} backups of each reason`, async () => {
    const c = core();
    await seeded(c);
    await importJsonl(c, ['朝阳区启动老旧小区改造。']);
    // A copy a killed process left half-written an hour and more ago goes; one being written now stays.
    const folder = backupFolderBeside(c.projectPath);
    const [stale, fresh] = ['20260101T000000000Z-scheduled.biaozhu.partial', '20260101T000000001Z-scheduled.biaozhu.partial'].map((f) => join(folder, f));
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'half');
    utimesSync(stale, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    const taken: string[] = [];
    for (let i = 0; i < BACKUPS_KEPT + 3; i++) {
      addDocument(c, `第${i}次修改。`, `edit${i}`);
      taken.push((await c.backups.take('scheduled')).path);
    }
    const { backups } = await c.call('backups:list', {});
    const scheduled = byReason(backups, 'scheduled');
    expect(scheduled.map((b) => b.path)).toEqual(taken.slice(-BACKUPS_KEPT).reverse());
    expect(scheduled[0].documentCount).toBe(4 + BACKUPS_KEPT + 3);
    // Other reasons are rotated apart: the import's backup is still there.
    expect(byReason(backups, 'before-import')).toHaveLength(1);
    expect([existsSync(stale), existsSync(fresh)]).toEqual([false, true]);
  });

  it('backs up on the schedule only when something was written since the last backup', async () => {
    const c = core();
    const t0 = Date.now();
    expect(await c.backups.tick(t0)).toBeNull(); // first look: remembers the state
    addDocument(c, '一篇新文章。', 'new');
    expect(await c.backups.tick(t0 + 60_000)).toBeNull(); // changed, but too soon
    const taken = await c.backups.tick(t0 + 31 * 60_000);
    expect(taken).toMatchObject({ reason: 'scheduled', documentCount: 1 });
    expect(await c.backups.tick(t0 + 90 * 60_000)).toBeNull(); // nothing written since
    await c.call('documents:update', { id: 1, status: 'done' });
    expect(await c.backups.tick(t0 + 90 * 60_000)).toMatchObject({ reason: 'scheduled' });
  });

  it('never lets a damaged project push good backups out', async () => {
    const c = core();
    await seeded(c);
    for (let i = 0; i < 60; i++) addDocument(c, `${'北京市各区推进重点工作。'.repeat(200)}${i}`, `long${i}`);
    for (let i = 0; i < BACKUPS_KEPT; i++) await c.backups.take('scheduled');
    const good = byReason((await c.call('backups:list', {})).backups, 'scheduled').map((b) => b.path);

    c.session.close();
    const fd = openSync(c.projectPath, 'r+');
    writeSync(fd, Buffer.alloc(16384 * 3, 0x5a), 0, 16384 * 3, 16384 * 4);
    closeSync(fd);
    const info = c.session.open(c.projectPath);
    expect(info.readOnly?.reason).toBe('damaged');

    await expect(c.backups.take('scheduled')).rejects.toMatchObject({ code: 'damaged' });
    expect(await c.backups.tick(Date.now() + 365 * 24 * 3600_000)).toBeNull();
    const after = (await c.call('backups:list', {})).backups;
    expect(byReason(after, 'scheduled').map((b) => b.path)).toEqual(good);
    expect(readdirSync(backupFolderBeside(c.projectPath)).filter((f) => f.endsWith('.partial'))).toEqual([]);

    // Restoring over the damaged project keeps its bytes as a damaged before-restore copy.
    const restored = await c.call('backups:restore', { backupPath: good[0] });
    expect(restored).toMatchObject({ readOnly: null, documentCount: 63, annotationCount: 2 });
    const [kept] = byReason((await c.call('backups:list', {})).backups, 'before-restore');
    expect(kept.path).toMatch(/\.damaged\.biaozhu$/);
    expect(kept.problem).toMatch(/damaged/);
    await expect(c.call('backups:restore', { backupPath: kept.path })).rejects.toMatchObject({ code: 'damaged' });
  });

  it.each([3, 4])('backs up a version-%i project before migrating it, at its old version', async (version) => {
    const c = core({ create: false });
    const raw = new Database(c.projectPath);
    migrate(raw, version);
    raw.exec(`INSERT INTO project_meta (key, value) VALUES ('name', 'old');
             INSERT INTO documents (id, title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at)
             VALUES (1, 't', 'f', 'r', 'utf-8', 's', 10, 'now', 'now'), (2, 'u', 'f', 'r', 'utf-8', 's2', 10, 'now', 'now')`);
    raw.close();

    expect(c.session.open(c.projectPath)).toMatchObject({ schemaVersion: SCHEMA_VERSION, documentCount: 2 });
    const [backup] = byReason((await c.call('backups:list', {})).backups, 'before-migration');
    expect(backup).toMatchObject({ schemaVersion: version, documentCount: 2, annotationCount: 0, problem: null });
    // Opening the migrated project again makes no new one.
    c.session.close();
    c.session.open(c.projectPath);
    expect(byReason((await c.call('backups:list', {})).backups, 'before-migration')).toHaveLength(1);
    // Restored, the old version is upgraded again on opening (and backed up again first).
    expect(await c.call('backups:restore', { backupPath: backup.path })).toMatchObject({ schemaVersion: SCHEMA_VERSION, documentCount: 2 });
    expect(byReason((await c.call('backups:list', {})).backups, 'before-migration')).toHaveLength(2);
  });

  it("restores a backup whose page size differs from the project's (the project leaves WAL for the copy)", async () => {
    const c = core();
    addDocument(c, '新项目里的一篇文章。', 'current');
    const folder = backupFolderBeside(c.projectPath);
    mkdirSync(folder);
    const small = join(folder, '20260101T000000000Z-scheduled.biaozhu');
    const raw = new Database(small);
    raw.pragma('page_size = 4096');
    migrate(raw);
    raw.exec(`INSERT INTO documents (id, title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at)
             VALUES (1, 'old', 'f', 'r', 'utf-8', 's', 10, 'now', 'now')`);
    raw.close();

    expect(await c.call('backups:restore', { backupPath: small })).toMatchObject({ documentCount: 1, readOnly: null });
    expect((await c.call('documents:list', {})).items.map((d) => d.title)).toEqual(['old']);
    const db = c.session.requireDb();
    expect([db.pragma('page_size', { simple: true }), db.pragma('journal_mode', { simple: true })]).toEqual([4096, 'wal']);
  });

  it('makes no migration backup of a new project', async () => {
    const c = core();
    expect((await c.call('backups:list', {})).backups).toEqual([]);
    expect(existsSync(backupFolderBeside(c.projectPath))).toBe(false);
  });

  it('falls back to the user data folder when the backup folder cannot be made beside the project', async () => {
    const c = core({ create: false });
    writeFileSync(backupFolderBeside(c.projectPath), 'a file where the folder would go');
    c.session.create(c.projectPath);
    addDocument(c, '一篇文章。');
    const taken = await c.backups.take('scheduled');
    expect(taken.path.startsWith(join(c.dir, 'user', 'backups'))).toBe(true);
    const list = await c.call('backups:list', {});
    expect(list.fallbackNote).toMatch(/cannot be written/);
    expect(list.backups.map((b) => b.path)).toEqual([taken.path]);
  });
});

describe('backups on the command line', () => {
  const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'biaozhu.mjs');
  it('lists backups and restores one by its file name', async () => {
    const { dir, cleanup } = tempDir('biaozhu-backups-cli-');
    cleanups.push(cleanup);
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BIAOZHU_HOME: join(dir, 'home') } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const project = join(dir, 'cli.biaozhu');
    expect(cli('init', project).code).toBe(0);
    writeFileSync(join(dir, 'a.jsonl'), `${JSON.stringify({ text: '区委书记王明远调研回龙观社区。', title: '甲' })}\n`);
    writeFileSync(join(dir, 'b.jsonl'), `${JSON.stringify({ text: '昌平区推进回天地区行动计划。', title: '乙' })}\n`);
    expect(cli('import', project, join(dir, 'a.jsonl')).code).toBe(0);
    expect(cli('import', project, join(dir, 'b.jsonl')).code).toBe(0);

    const listed = cli('backups', project, '--json');
    expect(listed.code).toBe(0);
    const { backups } = JSON.parse(listed.stdout) as { backups: BackupEntry[] };
    expect(backups.map((b) => [b.reason, b.documentCount])).toEqual([
      ['before-import', 1],
      ['before-import', 0],
    ]);
    const text = cli('backups', project).stdout;
    expect(text).toContain('2 backups in');
    expect(text).toContain('before-import');

    const restored = cli('restore', project, basename(backups[0].path));
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('restored');
    expect(restored.stdout).toContain('1 documents');
    expect(JSON.parse(cli('stats', project, '--json').stdout).documents).toBe(1);
    expect(cli('restore', project, join(dir, 'a.jsonl')).code).toBe(1);
  });
});
