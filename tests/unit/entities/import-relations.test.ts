// Imported relations the project's schema does not allow (#23), in every format that carries
// relations: a relation whose labels are not its type's pair, and one of a type the project lacks,
// are both imported and reported (naming the document, and the line where the format has lines),
// and everything else in the file is imported. In the app, relations:create refuses the same pair.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ExportFormat, ExportReport } from '../../../shared/api/export';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { DOCUMENT_STATUSES } from '../../../shared/model';
import { insertImportedRelation, insertImportedRelationType, relationTypeId } from '../../../electron/services/db/entity-exchange';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

async function finished<R>(core: TestCore, jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

const TEXT = '市委书记蔡奇到通州调研城市副中心建设，提出“四个意识”。';
const OTHER = '殷勇出席会议。';
const at = (text: string, key: string) => ({ start: TEXT.indexOf(text), end: TEXT.indexOf(text) + text.length, key });

/** A project with three relations in one document: 提出 PERSON→SLOGAN (allowed), 提出 PROJECT→SLOGAN (not its pair), 视察 PERSON→PROJECT (a type the target lacks). */
async function source(): Promise<TestCore> {
  const core = testCore();
  cores.push(core);
  const doc = addDocument(core, TEXT, '蔡奇调研');
  const other = addDocument(core, OTHER, '殷勇出席');
  const labels = await core.call('labels:list', {});
  const labelId = (key: string) => labels.find((l) => l.key === key)!.id;
  const ids: Record<string, number> = {};
  for (const s of [at('蔡奇', 'PERSON'), at('城市副中心', 'PROJECT'), at('“四个意识”', 'SLOGAN')]) {
    ids[s.key] = (await core.call('annotations:create', { documentId: doc, start: s.start, end: s.end, labelId: labelId(s.key) })).id;
  }
  await core.call('annotations:create', { documentId: other, start: 0, end: 2, labelId: labelId('PERSON') });
  await core.call('relations:create', { documentId: doc, typeKey: '提出', fromId: ids.PERSON, toId: ids.SLOGAN });
  // The app refuses the other two; a file from elsewhere (or an older schema) may hold them all the same.
  const db = core.session.requireDb();
  const created = '2024-05-01T08:00:00.000Z';
  const annotatorId = ensureAnnotator(db, 'lin');
  const inspect = insertImportedRelationType(db, '视察', 'PERSON', 'PROJECT', created);
  insertImportedRelation(db, {
    documentId: doc,
    typeId: relationTypeId(db, '提出')!,
    fromId: ids.PROJECT,
    toId: ids.SLOGAN,
    annotatorId,
    reviewState: 'pending',
    createdAt: created,
  });
  insertImportedRelation(db, {
    documentId: doc,
    typeId: inspect,
    fromId: ids.PERSON,
    toId: ids.PROJECT,
    annotatorId,
    reviewState: 'pending',
    createdAt: created,
  });
  return core;
}

async function roundTrip(format: ExportFormat, out: string): Promise<{ core: TestCore; report: ImportReport }> {
  const from = await source();
  const outPath = join(from.dir, out);
  const started = await from.call('export:start', { format, outPath, review: 'all', statuses: [...DOCUMENT_STATUSES] });
  await finished<ExportReport>(from, started.jobId);
  const core = testCore();
  cores.push(core);
  const { jobId } = await core.call('import:preview', { sources: [{ kind: 'path', path: outPath }], options: {} });
  const preview = await finished<ImportPreview>(core, jobId);
  const commit = await core.call('import:commit', { previewId: preview.previewId });
  return { core, report: await finished<ImportReport>(core, commit.jobId) };
}

// Format, output, whether problems have lines, the imported document's title (brat has none: its text's first line).
const FORMATS: [ExportFormat, string, boolean, string][] = [
  ['biaozhu-jsonl', 'all.jsonl', true, '蔡奇调研'],
  ['brat', 'brat', true, TEXT],
  ['label-studio', 'ls.json', false, '蔡奇调研'],
];

describe('imported relations outside the schema', () => {
  test.each(FORMATS)(
    '%s: a relation whose labels are not its type’s pair, and one of an unknown type, are imported and reported',
    async (format, out, hasLines, title) => {
      const { core, report } = await roundTrip(format, out);
      expect(report.imported).toBe(2);
      expect(report.spansImported).toBe(4);
      expect(report.relationsImported).toBe(3);
      const codes = report.rejected.map((p) => p.code).sort();
      expect(codes).toEqual(['relation_label_pair_not_allowed', 'relation_type_unknown']);
      const pair = report.rejected.find((p) => p.code === 'relation_label_pair_not_allowed')!;
      expect(pair.params).toMatchObject({ type: '提出', from: 'PROJECT', to: 'SLOGAN', allowedFrom: 'PERSON', allowedTo: 'SLOGAN', document: title });
      expect(pair.message).toMatch(/^relation 提出 from PROJECT to SLOGAN in “.+”: the type goes from PERSON to SLOGAN; imported as it is$/);
      if (hasLines) expect(pair.line).toBeGreaterThan(0);
      const unknown = report.rejected.find((p) => p.code === 'relation_type_unknown')!;
      expect(unknown.params).toMatchObject({ type: '视察', from: 'PERSON', to: 'PROJECT' });
      // Everything is there: the three relations between the imported spans.
      const [doc] = report.documentIds;
      const spans = new Map((await core.call('annotations:list', { documentId: doc })).map((a) => [a.id, TEXT.slice(a.start, a.end)]));
      const relations = (await core.call('relations:forDocument', { documentId: doc })).map((r) => `${spans.get(r.fromId)} ${r.typeKey} ${spans.get(r.toId)}`);
      expect(relations.sort()).toEqual(['城市副中心 提出 “四个意识”', '蔡奇 提出 “四个意识”', '蔡奇 视察 城市副中心'].sort());
    },
  );

  test('relations:create refuses a pair its type does not allow, naming the allowed pair', async () => {
    const core = testCore();
    cores.push(core);
    const doc = addDocument(core, TEXT);
    const labels = await core.call('labels:list', {});
    const make = async (text: string, key: string) =>
      (
        await core.call('annotations:create', {
          documentId: doc,
          start: at(text, key).start,
          end: at(text, key).end,
          labelId: labels.find((l) => l.key === key)!.id,
        })
      ).id;
    const project = await make('城市副中心', 'PROJECT');
    const slogan = await make('“四个意识”', 'SLOGAN');
    const result = await core.registry.dispatch('relations:create', { documentId: doc, typeKey: '提出', fromId: project, toId: slogan });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toMatch(/提出 goes from PERSON to SLOGAN, not from PROJECT to SLOGAN/);
    }
    expect(await core.call('relations:forDocument', { documentId: doc })).toEqual([]);
  });
});
