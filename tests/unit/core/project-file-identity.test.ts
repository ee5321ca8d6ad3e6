// Which files open as projects: ours and older Biaozhu projects do; anything else is refused and
// left byte for byte as it was; damaged files say so.
import Database from 'better-sqlite3';
import { closeSync, openSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../electron/services/db/project-file';
import { SCHEMA_VERSION, migrate } from '../../../electron/services/db/migrations';
import { testCore, type TestCore } from '../helpers';
import { fingerprint, makeProject } from './project-file-helpers';

let core: TestCore | null = null;
afterEach(() => {
  core?.dispose();
  core = null;
});

function setup(): TestCore {
  core = testCore({ create: false });
  return core;
}

async function openFails(c: TestCore, path: string): Promise<{ code: string; message: string }> {
  const result = await c.registry.dispatch('projects:open', { path });
  if (result.ok) throw new Error(`${path} opened as a project`);
  return result.error;
}

async function expectRefusedUntouched(c: TestCore, path: string, code: string, message: RegExp): Promise<void> {
  const before = fingerprint(path);
  const error = await openFails(c, path);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
  expect(fingerprint(path)).toEqual(before);
  expect(c.session.isOpen).toBe(false);
}

describe('opening files that are not Biaozhu projects', () => {
  it("refuses another application's SQLite file (rollback journal) and leaves it untouched", async () => {
    const c = setup();
    const path = join(c.dir, 'other.sqlite');
    const raw = new Database(path);
    raw.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('王')");
    raw.close();
    await expectRefusedUntouched(c, path, 'not_a_project', /not a Biaozhu project.*not changed/);
  });

  it("refuses another application's WAL database, even one with a user_version in our range", async () => {
    const c = setup();
    const path = join(c.dir, 'other-wal.sqlite');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('user_version = 2');
    raw.exec('CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT)');
    raw.close();
    await expectRefusedUntouched(c, path, 'not_a_project', /without Biaozhu's tables/);
  });

  it('refuses a database with another application_id', async () => {
    const c = setup();
    const path = join(c.dir, 'geo.gpkg');
    const raw = new Database(path);
    raw.pragma('application_id = 1196444487'); // GeoPackage's "GPKG"
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    await expectRefusedUntouched(c, path, 'not_a_project', /another application, application_id 0x47504b47/);
  });

  it('refuses a 0-byte file as an empty file and does not turn it into a project', async () => {
    const c = setup();
    const path = join(c.dir, 'empty.biaozhu');
    writeFileSync(path, '');
    await expectRefusedUntouched(c, path, 'not_a_project', /empty file/);
    expect(statSync(path).size).toBe(0);
  });

  it('refuses a text file renamed .biaozhu', async () => {
    const c = setup();
    const path = join(c.dir, 'notes.biaozhu');
    writeFileSync(path, '这是一份笔记，不是项目。\n'.repeat(200));
    await expectRefusedUntouched(c, path, 'not_a_project', /not an SQLite database/);
  });
});

describe('Biaozhu projects', () => {
  it('stamps our application_id on a new project', () => {
    const c = setup();
    c.session.create(c.projectPath);
    expect(c.session.requireDb().pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    c.session.close();
    // In the file's own header, not only in the WAL.
    const header = Buffer.alloc(100);
    const fd = openSync(c.projectPath, 'r');
    try {
      (require('node:fs') as typeof import('node:fs')).readSync(fd, header, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
    expect(header.readUInt32BE(68)).toBe(APPLICATION_ID);
  });

  it('opens a project made before the application_id (schema 4, id 0) and stamps the id', async () => {
    const c = setup();
    const path = join(c.dir, 'old.biaozhu');
    // A real schema-4 file, as Biaozhu wrote them before the id existed.
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    migrate(raw, 4);
    const insert = raw.prepare(`INSERT INTO documents (title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at)
      VALUES (?, 'f.txt', 'r', 'utf-8', ?, 10, 'now', 'now')`);
    for (let i = 0; i < 3; i++) insert.run(`文章 ${i}`, `sha-${i}`);
    expect(raw.pragma('application_id', { simple: true })).toBe(0);
    raw.close();
    const info = await c.call('projects:open', { path });
    expect(info.documentCount).toBe(3);
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(c.session.requireDb().pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });

  it('opens a project at schema 1 without the id and migrates it', async () => {
    const c = setup();
    const path = join(c.dir, 'older.biaozhu');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    migrate(raw, 1);
    raw.close();
    const info = await c.call('projects:open', { path });
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(c.session.requireDb().pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });
});

describe('damaged project files', () => {
  it('says a truncated project is damaged and what to do, not "not an SQLite database"', async () => {
    const c = setup();
    const path = join(c.dir, 'cut.biaozhu');
    makeProject(path, 40);
    truncateSync(path, Math.floor(statSync(path).size / 2) + 1000);
    const error = await openFails(c, path);
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/damaged/);
    expect(error.message).toMatch(/Recover/);
    expect(error.message).not.toMatch(/not an SQLite database/);
  });

  it('says a project with garbage after a valid header is damaged', async () => {
    const c = setup();
    const path = join(c.dir, 'garbage.biaozhu');
    makeProject(path, 5);
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    try {
      writeSync(fd, Buffer.alloc(size - 100, 0xa5), 0, size - 100, 100);
    } finally {
      closeSync(fd);
    }
    const error = await openFails(c, path);
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/damaged.*Recover/s);
  });
});
