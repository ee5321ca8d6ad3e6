// Where an accepted suggestion came from travels: Biaozhu JSONL writes origin_detail and reads it
// back (export → import into a new project is lossless, random details by fast-check), Label
// Studio writes accepted suggestions as predictions with their scores, and a hand-made span's
// record is as it always was.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { ExportReport } from '../../../shared/api/export';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { SUGGESTION_SOURCES } from '../../../shared/api/suggestions';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

async function finished<R>(core: TestCore, jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

const TEXT = '市委书记蔡奇到𠮷祥村调研，强调增强“四个意识”。建设温榆河公园，蔡奇指出要做到“两个维护”。';

const spansOf = async (core: TestCore) => {
  const [doc] = (await core.call('documents:list', {})).items;
  return (await core.call('annotations:list', { documentId: doc!.id })).map(({ id: _id, documentId: _d, labelId: _l, ...rest }) => rest);
};

async function exported(core: TestCore, format: 'biaozhu-jsonl' | 'label-studio'): Promise<string> {
  const out = join(core.dir, `out-${format}-${Math.random().toString(36).slice(2)}.${format === 'label-studio' ? 'json' : 'jsonl'}`);
  const report = await finished<ExportReport>(
    core,
    (await core.call('export:start', { format, outPath: out, review: 'all', statuses: ['todo', 'in_progress', 'done', 'reviewed'] })).jobId,
  );
  return readFileSync(report.files[0]!, 'utf8');
}

const places = [
  [4, 6],
  [18, 24],
  [27, 32],
  [40, 46],
] as const;

test('accepted suggestions keep source, id and confidence through Biaozhu JSONL export and import', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          source: fc.constantFrom(...SUGGESTION_SOURCES),
          sourceId: fc.string({ maxLength: 12 }),
          confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: places.length, maxLength: places.length },
      ),
      async (details) => {
        const source = testCore();
        const target = testCore();
        cores.push(source, target);
        const documentId = addDocument(source, TEXT, 'origins');
        const labelId = (await source.call('labels:list', {}))[0]!.id;
        await source.call('annotations:create', { documentId, start: 0, end: 2, labelId });
        const suggestions = places.map(([start, end], i) => ({ start, end, labelId, ...details[i]! }));
        expect((await source.call('suggestions:accept', { documentId, suggestions })).created).toHaveLength(places.length);
        const before = await spansOf(source);
        expect(before.filter((s) => s.originDetail).map((s) => s.originDetail)).toEqual(details);

        const out = join(source.dir, 'all.jsonl');
        await finished<ExportReport>(source, (await source.call('export:start', { format: 'biaozhu-jsonl', outPath: out })).jobId);
        const { jobId } = await target.call('import:preview', { sources: [{ kind: 'path', path: out }], options: {} });
        const preview = await finished<ImportPreview>(target, jobId);
        const report = await finished<ImportReport>(target, (await target.call('import:commit', { previewId: preview.previewId })).jobId);
        expect(report.rejected).toEqual([]);
        expect(await spansOf(target)).toEqual(before);
      },
    ),
    { numRuns: 3 },
  );
}, 60_000);

test('the JSONL record of a suggested span has origin_detail; a hand-made one has no such key', async () => {
  const core = testCore();
  cores.push(core);
  const documentId = addDocument(core, TEXT);
  const labelId = (await core.call('labels:list', {}))[0]!.id;
  await core.call('annotations:create', { documentId, start: 0, end: 2, labelId });
  await core.call('suggestions:accept', { documentId, suggestions: [{ start: 4, end: 6, labelId, source: 'gazetteer', sourceId: '3', confidence: 1 }] });
  const [record] = (await exported(core, 'biaozhu-jsonl'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const [manual, suggested] = record.spans;
  expect(manual).not.toHaveProperty('origin_detail');
  expect(suggested).toMatchObject({ origin: 'suggested', origin_detail: { source: 'gazetteer', source_id: '3', confidence: 1 } });
});

test('Label Studio writes accepted suggestions as predictions (one per source, with scores); tasks without them are unchanged', async () => {
  const core = testCore();
  cores.push(core);
  const documentId = addDocument(core, TEXT);
  const labels = await core.call('labels:list', {});
  const person = labels.find((l) => l.key === 'PERSON')!.id;
  const slogan = labels.find((l) => l.key === 'SLOGAN')!.id;
  await core.call('annotations:create', { documentId, start: 0, end: 2, labelId: person });
  const withoutSuggestions = JSON.parse(await exported(core, 'label-studio'));
  expect(withoutSuggestions[0]).not.toHaveProperty('predictions');
  await core.call('suggestions:accept', {
    documentId,
    suggestions: [
      { start: 4, end: 6, labelId: person, source: 'dictionary', sourceId: '', confidence: 1 },
      { start: 33, end: 35, labelId: person, source: 'model', sourceId: 'v1', confidence: 0.5 },
      { start: 18, end: 24, labelId: slogan, source: 'model', sourceId: 'v1', confidence: 0.75 },
    ],
  });
  const [task] = JSON.parse(await exported(core, 'label-studio'));
  expect(task.annotations[0].result).toHaveLength(4);
  expect(task.predictions).toEqual([
    {
      model_version: 'biaozhu-dictionary',
      score: 1,
      result: [
        {
          id: expect.any(String),
          from_name: 'label',
          to_name: 'text',
          type: 'labels',
          value: { start: 4, end: 6, text: '蔡奇', labels: ['PERSON'] },
          score: 1,
        },
      ],
    },
    {
      model_version: 'biaozhu-model-v1',
      score: 0.625,
      result: [
        // Code points: 𠮷 is one.
        expect.objectContaining({ value: { start: 17, end: 23, text: '“四个意识”', labels: ['SLOGAN'] }, score: 0.75 }),
        expect.objectContaining({ value: { start: 32, end: 34, text: '蔡奇', labels: ['PERSON'] }, score: 0.5 }),
      ],
    },
  ]);
});
