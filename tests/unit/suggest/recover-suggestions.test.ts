// Recovery copies the suggestions' data too: gazetteers and their terms, patterns as edited,
// rejected suggestions (still not proposed again), accepted spans' origin detail and the stored
// tagger — everything a project's suggestions depend on.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { recoverProject } from '../../../electron/services/db/recover';
import { writeModel } from '../../../electron/services/db/suggestions';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const TEXT = '殷勇在城市副中心调研，殷勇要求加快环球影城项目。殷勇强调“两个维护”。';

/** What a project's suggestions depend on, as the API shows it. */
async function suggestionState(c: TestCore, documentId: number) {
  return {
    gazetteers: await c.call('gazetteers:list', {}),
    patterns: await c.call('patterns:list', {}),
    spans: await c.call('annotations:list', { documentId }),
    proposed: (await c.call('suggestions:forDocument', { documentId, sources: ['gazetteer', 'pattern'] })).map((s) => [s.start, s.text, s.source]),
    model: (await c.call('model:status', {})).version,
  };
}

test('a recovered project keeps gazetteers, patterns, rejections, origin details and the tagger', async () => {
  const core = testCore();
  cores.push(core);
  const documentId = addDocument(core, TEXT);
  const path = join(core.dir, '官员.txt');
  writeFileSync(path, '殷勇\n');
  const gazetteer = await core.call('gazetteers:import', { path, labelKey: 'PERSON' });
  await core.call('patterns:create', { name: '影城', regex: '环球影城', labelKey: 'PROJECT' });
  const builtIn = (await core.call('patterns:list', {})).find((p) => p.builtIn)!;
  await core.call('patterns:update', { id: builtIn.id, changes: { enabled: false, name: '改过' } });
  const found = await core.call('suggestions:forDocument', { documentId, sources: ['gazetteer'] });
  const [accepted, rejected] = found.map(({ text: _t, ...ref }) => ref);
  await core.call('suggestions:accept', { documentId, suggestions: [accepted!] });
  await core.call('suggestions:reject', { documentId, suggestion: rejected! });
  writeModel(core.session.requireDb(), {
    version: 'v-test',
    labels: ['PERSON'],
    trainedOn: { spans: 20, documents: 1, fingerprint: 'x' },
    trainedAt: '2026-01-01T00:00:00.000Z',
    model: new Uint8Array([1, 2, 3]),
  } as Parameters<typeof writeModel>[1]);
  const before = await suggestionState(core, documentId);
  expect(before.spans[0]!.originDetail).toEqual({ source: 'gazetteer', sourceId: String(gazetteer.id), confidence: 1 });
  expect(before.proposed.some(([start]) => start === rejected!.start)).toBe(false);
  core.session.close();

  const out = join(core.dir, 'recovered.biaozhu');
  const report = recoverProject(core.projectPath, out);
  expect(report.tables.filter((t) => t.lost > 0)).toEqual([]);
  expect(report.tables.map((t) => t.table)).toEqual(
    expect.arrayContaining(['gazetteers', 'gazetteer_terms', 'suggestion_patterns', 'rejected_suggestions', 'suggestion_models']),
  );

  const recovered = testCore({ create: false });
  cores.push(recovered);
  await recovered.call('projects:open', { path: out });
  expect(await suggestionState(recovered, documentId)).toEqual(before);
});

test('rows of the suggestion tables whose document or gazetteer was lost are dropped and counted, never left to match a new row', async () => {
  const core = testCore();
  cores.push(core);
  addDocument(core, '无关的文本。', 'first');
  const lost = addDocument(core, TEXT, 'lost');
  const path = join(core.dir, '官员.txt');
  writeFileSync(path, '殷勇\n');
  const gazetteer = await core.call('gazetteers:import', { path, labelKey: 'PERSON' });
  const [first] = await core.call('suggestions:forDocument', { documentId: lost, sources: ['gazetteer'] });
  const { text: _t, ...rejected } = first!;
  await core.call('suggestions:reject', { documentId: lost, suggestion: rejected });
  core.session.close();
  // What recovery meets when the pages holding a document's and a gazetteer's rows were unreadable.
  const raw = new Database(core.projectPath);
  raw.pragma('foreign_keys = OFF');
  raw.prepare('DELETE FROM documents WHERE id = ?').run(lost);
  raw.prepare('DELETE FROM gazetteers WHERE id = ?').run(gazetteer.id);
  raw.close();

  const out = join(core.dir, 'recovered.biaozhu');
  const lostRows = Object.fromEntries(recoverProject(core.projectPath, out).tables.map((t) => [t.table, t.lost]));
  expect(lostRows).toMatchObject({ rejected_suggestions: 1, gazetteer_terms: 1 });
  const recovered = testCore({ create: false });
  cores.push(recovered);
  await recovered.call('projects:open', { path: out });
  const db = recovered.session.requireDb();
  expect(db.prepare('SELECT COUNT(*) FROM rejected_suggestions').pluck().get()).toBe(0);
  expect(db.prepare('SELECT COUNT(*) FROM gazetteer_terms').pluck().get()).toBe(0);
});
