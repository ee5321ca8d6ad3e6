// Gazetteers from real files in the encodings coders have (GB18030, UTF-8 with a BOM, UTF-16),
// with blank lines and repeats; patterns created, tested and refused with the problem named.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gb18030 } from '../import/fuzz-files';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

function core(): TestCore {
  const c = testCore();
  cores.push(c);
  return c;
}

const TEXT = '殷勇在城市副中心调研，殷勇要求加快环球影城项目。';
const utf16le = (s: string) => Uint8Array.from([0xff, 0xfe, ...[...s].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);

describe('gazetteers', () => {
  it('a GB18030 TXT with blank lines and repeats imports its terms once, and they are proposed', async () => {
    const c = core();
    const doc = addDocument(c, TEXT);
    const path = join(c.dir, '北京官员.txt');
    writeFileSync(path, gb18030('殷勇\r\n\r\n蔡奇\r\n殷勇\r\n   \r\n陈吉宁\r\n'));
    const imported = await c.call('gazetteers:import', { path, labelKey: 'PERSON' });
    expect(imported).toMatchObject({ name: '北京官员', enabled: true, terms: 3, encoding: 'gb18030', byLabel: [{ labelKey: 'PERSON', terms: 3 }] });
    expect(Object.fromEntries(imported.skipped.map((s) => [s.reason, s.count]))).toEqual({ 'blank line': 2, duplicate: 1 });
    const found = await c.call('suggestions:forDocument', { documentId: doc, sources: ['gazetteer'] });
    expect(found.map((s) => [s.start, s.text, s.sourceId])).toEqual([
      [0, '殷勇', String(imported.id)],
      [11, '殷勇', String(imported.id)],
    ]);
    await c.call('gazetteers:update', { id: imported.id, enabled: false });
    expect(await c.call('suggestions:forDocument', { documentId: doc, sources: ['gazetteer'] })).toEqual([]);
    expect(await c.call('gazetteers:delete', { id: imported.id })).toEqual({ id: imported.id });
    expect(await c.call('gazetteers:list', {})).toEqual([]);
  });

  it('a CSV with a BOM, a header, labels by name and a canonical column; UTF-16 too', async () => {
    const c = core();
    addDocument(c, TEXT);
    const csv = join(c.dir, 'projects.csv');
    writeFileSync(csv, '\uFEFFterm,label,canonical\n环球影城,项目,北京环球度假区\n城市副中心,PROJECT\n殷勇,人物\n');
    const imported = await c.call('gazetteers:import', { path: csv, name: '项目表' });
    expect(imported).toMatchObject({ name: '项目表', terms: 3, encoding: 'utf-8' });
    expect(imported.byLabel).toEqual([
      { labelKey: 'PERSON', terms: 1 },
      { labelKey: 'PROJECT', terms: 2 },
    ]);
    const utf16 = join(c.dir, 'u16.txt');
    writeFileSync(utf16, utf16le('殷勇\n蔡奇\n'));
    expect(await c.call('gazetteers:import', { path: utf16, labelKey: '人物' })).toMatchObject({ terms: 2, encoding: 'utf-16le' });
  });

  it('refuses, naming why: no label for a TXT, an unknown label, no terms, a missing file', async () => {
    const c = core();
    const path = join(c.dir, 'a.txt');
    writeFileSync(path, '\n\n');
    const failure = async (input: { path: string; labelKey?: string }) => {
      const r = await c.registry.dispatch('gazetteers:import', input);
      return r.ok ? null : r.error;
    };
    expect(await failure({ path })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/needs a label/) });
    expect(await failure({ path, labelKey: 'NOPE' })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/no label is called NOPE/) });
    expect(await failure({ path, labelKey: 'PERSON' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/no term to import \(2 × blank line/),
    });
    expect(await failure({ path: join(c.dir, 'missing.txt'), labelKey: 'PERSON' })).toMatchObject({
      code: 'io',
      message: expect.stringMatching(/missing\.txt/),
    });
    expect(await c.call('gazetteers:list', {})).toEqual([]);
  });
});

describe('patterns', () => {
  it('ships the built-in patterns; create, test, update and delete one; built-ins are disabled, not deleted', async () => {
    const c = core();
    const doc = addDocument(c, TEXT);
    const listed = await c.call('patterns:list', {});
    expect(listed.filter((p) => p.builtIn).map((p) => p.labelKey)).toEqual(['SLOGAN', 'SLOGAN', 'TARGET', 'TARGET', 'TARGET', 'PROJECT']);
    const made = await c.call('patterns:create', { regex: '(?<span>\\p{Script=Han}{2})(?:在|要求)', labelKey: 'PERSON', name: '人名' });
    expect(await c.call('patterns:test', { regex: made.regex, documentId: doc })).toEqual({
      hits: [
        { start: 0, end: 2, text: '殷勇' },
        { start: 11, end: 13, text: '殷勇' },
      ],
      error: null,
    });
    const found = await c.call('suggestions:forDocument', { documentId: doc, sources: ['pattern'] });
    expect(found.filter((s) => s.sourceId === String(made.id)).map((s) => s.text)).toEqual(['殷勇', '殷勇']);
    expect(found.map((s) => s.text)).toContain('环球影城项目');
    expect(await c.call('patterns:update', { id: made.id, changes: { enabled: false } })).toMatchObject({ enabled: false, regex: made.regex });
    // A change that does not name `enabled` leaves it as it is.
    expect(await c.call('patterns:update', { id: made.id, changes: { name: '人名（停用）' } })).toMatchObject({ enabled: false, name: '人名（停用）' });
    expect(await c.call('patterns:delete', { id: made.id })).toEqual({ id: made.id });
    const builtIn = listed[0];
    expect(await c.registry.dispatch('patterns:delete', { id: builtIn.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await c.call('patterns:update', { id: builtIn.id, changes: { enabled: false } })).toMatchObject({ enabled: false, builtIn: true });
  });

  it('a shipped pattern the project lacks is added under its key; the ones it has are kept as edited', async () => {
    const c = core();
    const [first, second] = await c.call('patterns:list', {});
    await c.call('patterns:update', { id: second!.id, changes: { enabled: false, regex: '“[^”]{2,8}”' } });
    // As a project from a Biaozhu that shipped fewer patterns.
    c.session.requireDb().prepare('DELETE FROM suggestion_patterns WHERE id = ?').run(first!.id);
    const listed = await c.call('patterns:list', {});
    expect(listed.filter((p) => p.builtIn)).toHaveLength(6);
    expect(listed.find((p) => p.id === second!.id)).toMatchObject({ enabled: false, regex: '“[^”]{2,8}”' });
    expect(listed.find((p) => p.name === first!.name)).toMatchObject({ regex: first!.regex, enabled: true, builtIn: true });
  });

  it('an invalid pattern: patterns:test answers the problem, create and update refuse naming it', async () => {
    const c = core();
    const doc = addDocument(c, TEXT);
    expect(await c.call('patterns:test', { regex: '殷勇(', documentId: doc })).toEqual({ hits: [], error: expect.stringMatching(/Unterminated group/) });
    expect(await c.call('patterns:test', { regex: '[殷', documentId: doc })).toMatchObject({ error: expect.stringMatching(/Unterminated character class/) });
    const refused = await c.registry.dispatch('patterns:create', { regex: '(?<span>殷', labelKey: 'PERSON', name: 'x' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^regex: Not a valid regular expression: .*Unterminated group/) },
    });
    const badLabel = await c.registry.dispatch('patterns:create', { regex: '殷勇', labelKey: 'NOPE', name: 'x' });
    expect(badLabel).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^labelKey: no label is called NOPE/) } });
    const id = (await c.call('patterns:list', {}))[0].id;
    expect(await c.registry.dispatch('patterns:update', { id, changes: { regex: 'a*' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/empty text/) },
    });
  });
});
