// Biaozhu JSONL export → import into a new project file is lossless for what a project knows about
// its documents and spans: status, note, and each span's offsets, label, attributes, annotator,
// origin, review state, note and created/updated timestamps (random spans, fast-check).
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, expect, test } from 'vitest';
import type { ExportReport } from '../../../shared/api/export';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../../shared/model';
import { insertAnnotation } from '../../../electron/services/db/annotations';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { updateDocument } from '../../../electron/services/db/documents';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

async function finished<R>(core: TestCore, jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

const TEXT = '市委书记蔡奇到𠮷祥村调研，强调增强“四个意识”。\n建设温榆河公园，森林覆盖率提高到48.7%😀。';

const spanArb = fc
  .record({
    a: fc.nat(TEXT.length - 1),
    b: fc.nat(TEXT.length - 1),
    label: fc.constantFrom('PERSON', 'SLOGAN', 'PROJECT', 'TARGET'),
    annotator: fc.constantFrom('王', 'lin', 'coder-3'),
    origin: fc.constantFrom('manual' as const, 'suggested' as const),
    reviewState: fc.constantFrom('pending' as const, 'accepted' as const, 'rejected' as const),
    note: fc.constantFrom('', '待核实', 'check "this"'),
    role: fc.constantFrom('', '书记'),
    created: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 0, 1) }),
    later: fc.nat(1e9),
  })
  .map((s) => {
    let [start, end] = s.a < s.b ? [s.a, s.b + 1] : [s.b, s.a + 1];
    // Never split a surrogate pair: offsets are validated on every write.
    if (/[\uDC00-\uDFFF]/.test(TEXT[start]!)) start--;
    if (/[\uD800-\uDBFF]/.test(TEXT[end - 1]!)) end++;
    return { ...s, start, end, createdAt: new Date(s.created).toISOString(), updatedAt: new Date(s.created + s.later).toISOString() };
  });

const spansOf = async (core: TestCore) => {
  const labels = await core.call('labels:list', {});
  const { items } = await core.call('documents:list', {});
  const spans = [];
  for (const doc of items) {
    for (const a of await core.call('annotations:list', { documentId: doc.id })) {
      const { id: _id, documentId: _doc, labelId, ...rest } = a;
      spans.push({ ...rest, label: labels.find((l) => l.id === labelId)!.key });
    }
  }
  return spans.sort((x, y) => x.start - y.start || x.end - y.end || x.label.localeCompare(y.label) || x.annotator.localeCompare(y.annotator));
};

test('export then import keeps status, notes, origin, review state, timestamps and annotators', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(spanArb, { maxLength: 12, selector: (s) => `${s.start} ${s.end} ${s.label} ${s.annotator}` }),
      fc.constantFrom(...DOCUMENT_STATUSES),
      async (spans, status: DocumentStatus) => {
        const source = testCore();
        const target = testCore();
        cores.push(source, target);
        const documentId = addDocument(source, TEXT, 'lossless');
        const db = source.session.requireDb();
        const labels = await source.call('labels:list', {});
        db.transaction(() => {
          updateDocument(db, documentId, status, {}, '整篇待复核');
          for (const s of spans) {
            insertAnnotation(db, {
              documentId,
              start: s.start,
              end: s.end,
              labelId: labels.find((l) => l.key === s.label)!.id,
              annotatorId: ensureAnnotator(db, s.annotator),
              origin: s.origin,
              reviewState: s.reviewState,
              attributes: s.role ? { role: s.role } : {},
              note: s.note,
              createdAt: s.createdAt,
              updatedAt: s.updatedAt,
            });
          }
        })();
        const out = join(source.dir, 'all.jsonl');
        const started = await source.call('export:start', { format: 'biaozhu-jsonl', outPath: out });
        await finished<ExportReport>(source, started.jobId);

        const { jobId } = await target.call('import:preview', { sources: [{ kind: 'path', path: out }], options: {} });
        const preview = await finished<ImportPreview>(target, jobId);
        const commit = await target.call('import:commit', { previewId: preview.previewId });
        const report = await finished<ImportReport>(target, commit.jobId);
        expect(report.rejected).toEqual([]);
        const [doc] = (await target.call('documents:list', {})).items;
        expect(doc!.status).toBe(status);
        expect((await target.call('documents:get', { id: doc!.id })).note).toBe('整篇待复核');
        expect(await spansOf(target)).toEqual(await spansOf(source));
      },
    ),
    { numRuns: 8 },
  );
}, 60_000);
