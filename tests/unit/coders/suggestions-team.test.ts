// Suggestions in team work (#22): a coder's hand-out file carries the project's gazetteers and
// patterns (so the coder gets the same suggestions), and merging it back keeps where each
// accepted suggestion came from (origin 'suggested' and its detail), through to the export.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { writeModel } from '../../../electron/services/db/suggestions';
import type { ExportReport } from '../../../shared/api/export';
import { disposeCores, label, openCoderFile, project } from './team';

afterEach(disposeCores);

test('hand out with gazetteers and patterns → the coder accepts suggestions → merge keeps origin and detail → JSONL carries it', async () => {
  const main = project(3);
  const path = join(main.dir, '官员.txt');
  writeFileSync(path, '王明远\n李华\n');
  const gazetteer = await main.call('gazetteers:import', { path, labelKey: 'PERSON', name: '区领导' });
  await main.call('patterns:create', { name: '社区 Community', regex: '“[^”]{2,6}社区”', labelKey: 'PROJECT' });
  const builtIn = (await main.call('patterns:list', {})).find((p) => p.builtIn && p.labelKey === 'SLOGAN')!;
  await main.call('patterns:update', { id: builtIn.id, changes: { enabled: false } });
  writeModel(main.session.requireDb(), {
    version: 'v-team',
    labels: ['PERSON'],
    trainedOn: { spans: 20, documents: 3 },
    trainedAt: '2026-01-01T00:00:00.000Z',
    model: new Uint8Array([1, 2, 3]),
  });
  const mainGazetteers = await main.call('gazetteers:list', {});
  const mainPatterns = await main.call('patterns:list', {});

  const handout = await main.call('coders:handout', { annotators: ['王'], outPath: 'team/{annotator}.biaozhu' });
  const wang = openCoderFile(handout.files[0]!.path);
  expect(await wang.call('gazetteers:list', {})).toEqual(mainGazetteers);
  expect(await wang.call('patterns:list', {})).toEqual(mainPatterns);
  expect((await wang.call('model:status', {})).version).toBe('v-team');

  const [doc] = (await wang.call('documents:list', {})).items;
  const found = await wang.call('suggestions:forDocument', { documentId: doc!.id, sources: ['gazetteer', 'pattern'] });
  const fromGazetteer = found.find((s) => s.text === '王明远')!;
  const fromPattern = found.find((s) => s.text === '“智慧社区”')!;
  expect(fromGazetteer).toMatchObject({ source: 'gazetteer', sourceId: String(gazetteer.id) });
  expect(fromPattern).toMatchObject({ source: 'pattern', sourceId: String(mainPatterns.at(-1)!.id) });
  const strip = ({ text: _text, ...ref }: (typeof found)[number]) => ref;
  await wang.call('suggestions:accept', { documentId: doc!.id, suggestions: [strip(fromGazetteer), strip(fromPattern)] });
  wang.session.close();

  const report = await main.call('coders:merge', { paths: [handout.files[0]!.path] });
  expect(report.coders[0]).toMatchObject({ coder: '王', spansAdded: 2 });
  const mainDoc = (await main.call('documents:list', {})).items.find((d) => d.title === doc!.title)!;
  const spans = (await main.call('annotations:list', { documentId: mainDoc.id })).map((s) => [s.start, s.end, s.origin, s.originDetail]);
  expect(spans).toEqual([
    [fromGazetteer.start, fromGazetteer.end, 'suggested', { source: 'gazetteer', sourceId: String(gazetteer.id), confidence: 1 }],
    [fromPattern.start, fromPattern.end, 'suggested', { source: 'pattern', sourceId: fromPattern.sourceId, confidence: 1 }],
  ]);

  const out = join(main.dir, 'all.jsonl');
  const { jobId } = await main.call('export:start', {
    format: 'biaozhu-jsonl',
    outPath: out,
    review: 'all',
    statuses: ['todo', 'in_progress', 'done', 'reviewed'],
  });
  const status = await main.jobs.wait(jobId);
  const file = (status.result as ExportReport).files[0]!;
  const records = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const spansOut = records.flatMap((r) => r.spans).filter((span) => span.origin === 'suggested');
  expect(spansOut.map((span) => span.origin_detail)).toEqual([
    { source: 'gazetteer', source_id: String(gazetteer.id), confidence: 1 },
    { source: 'pattern', source_id: fromPattern.sourceId, confidence: 1 },
  ]);
});

test('a coder file whose origin detail is not well-formed merges the span without it, and the span reads', async () => {
  const main = project(1);
  const handout = await main.call('coders:handout', { annotators: ['李'], outPath: 'team/{annotator}.biaozhu' });
  const li = openCoderFile(handout.files[0]!.path);
  const [doc] = (await li.call('documents:list', {})).items;
  const person = (await li.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
  const suggestion = { start: 8, end: 11, labelId: person, source: 'gazetteer' as const, sourceId: '9', confidence: 1 };
  await li.call('suggestions:accept', { documentId: doc!.id, suggestions: [suggestion, { ...suggestion, start: 25, end: 27 }] });
  const db = li.session.requireDb();
  db.prepare("UPDATE annotations SET origin_detail = '{not json' WHERE start = 8").run();
  db.prepare(`UPDATE annotations SET origin_detail = '{"source":"crystal ball","sourceId":"","confidence":7}' WHERE start = 25`).run();
  li.session.close();

  expect((await main.call('coders:merge', { paths: [handout.files[0]!.path] })).coders[0]).toMatchObject({ spansAdded: 2 });
  const spans = await main.call('annotations:list', { documentId: 1 });
  expect(spans.map((s) => [s.start, s.origin, 'originDetail' in s])).toEqual([
    [8, 'suggested', false],
    [25, 'suggested', false],
  ]);
});

test('a coder file from before suggestions (no origin_detail column) still merges, its spans without detail', async () => {
  const main = project(1);
  const handout = await main.call('coders:handout', { annotators: ['赵'], outPath: 'team/{annotator}.biaozhu' });
  const zhao = openCoderFile(handout.files[0]!.path);
  await label(zhao, 1, '王明远', 'PERSON');
  zhao.session.close();
  // As a schema-12 file has it: annotations without the column migration 013 added.
  const raw = new Database(handout.files[0]!.path);
  raw.exec('ALTER TABLE annotations DROP COLUMN origin_detail');
  raw.close();

  expect((await main.call('coders:merge', { paths: [handout.files[0]!.path] })).coders[0]).toMatchObject({ spansAdded: 1 });
  const [span] = await main.call('annotations:list', { documentId: 1 });
  expect(span).toMatchObject({ start: 8, end: 11, origin: 'manual' });
  expect(span).not.toHaveProperty('originDetail');
});
