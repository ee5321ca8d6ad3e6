// The document list's dashboard filters (#24: district, several labels, span review state, mentions,
// entities) on random small projects written to real SQLite files, against a plain JavaScript
// filter of every document.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentListFilter } from '../../../shared/api/documents';
import { REVIEW_STATES } from '../../../shared/model';
import { insertAnnotation } from '../../../electron/services/db/annotations';
import { mentionSpanCandidates } from '../../../electron/services/db/document-filters';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { addDocument, testCore, type TestCore } from '../helpers';
import { projectArb, writeProject, type ModelProject, type PlainSpan } from '../dashboard/model';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.dispose()));

const LABEL_KEYS = ['PERSON', 'SLOGAN', 'PROJECT', 'TARGET'];
const TEXTS = ['蔡', '蔡奇', '两个', '维护', '𠀀', '奇两个', '护𠀀'];

/** Mostly texts some span of the project has, so mention filters match something. */
const spanTexts = (model: ModelProject) =>
  model.spans.flatMap((s) => {
    const text = model.documents[s.doc].chars.slice(s.from, s.from + s.length).join('');
    // Linked spans' texts twice: whether `unlinked` is honoured shows only on them.
    return s.linked && s.label < 2 ? [text, text] : [text];
  });

const mentionArb = (texts: string[]) =>
  fc.oneof(
    fc.record({
      text: texts.length ? fc.oneof({ arbitrary: fc.constantFrom(...texts), weight: 4 }, fc.constantFrom(...TEXTS)) : fc.constantFrom(...TEXTS),
      label: fc.option(fc.constantFrom(...LABEL_KEYS, 'NOPE'), { nil: undefined, freq: 1 }),
      unlinked: fc.option(fc.boolean(), { nil: undefined }),
    }),
    fc.record({ entityLabel: fc.integer({ min: 1, max: 2 }), label: fc.option(fc.constantFrom(...LABEL_KEYS), { nil: undefined }) }),
  );

const filterParts = (texts: string[]) => ({
  district: fc.constantFrom('朝阳', '海淀', '西城'),
  labels: fc.uniqueArray(fc.constantFrom(...LABEL_KEYS, 'NOPE'), { minLength: 1, maxLength: 3 }),
  spanReview: fc.constantFrom(...REVIEW_STATES),
  annotator: fc.constantFrom('ann1', 'ann2', 'nobody'),
  withLabel: fc.constantFrom(...LABEL_KEYS),
  mentions: fc.array(mentionArb(texts), { minLength: 1, maxLength: 2 }),
  entityLabels: fc.uniqueArray(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 2 }),
});
type Parts = ReturnType<typeof filterParts>;
type FilterModel = { [K in keyof Parts]?: Parts[K] extends fc.Arbitrary<infer T> ? T : never };

const filterModelArb = (texts: string[]): fc.Arbitrary<FilterModel> => {
  const parts = filterParts(texts);
  return fc
    .subarray(Object.keys(parts) as (keyof Parts)[], { minLength: 1, maxLength: 3 })
    .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, parts[k]])) as Record<string, fc.Arbitrary<unknown>>))
    .map((filter) => filter as FilterModel);
};

/** A project and several filters over it (a project costs far more to write than a filter to check). */
const projectAndFiltersArb = projectArb.chain((model) =>
  fc.tuple(fc.constant(model), fc.array(filterModelArb(spanTexts(model)), { minLength: 8, maxLength: 8 })),
);

/** The filter sent (entities by id: the model names them by their label, 实体<labelId>). */
function toFilter(model: FilterModel, entityId: (labelId: number) => number): DocumentListFilter {
  const { entityLabels, mentions, ...rest } = model;
  const filter: DocumentListFilter = { ...rest };
  if (entityLabels) filter.entityIds = entityLabels.map(entityId);
  if (mentions)
    filter.mentions = mentions.map((m) =>
      'text' in m ? { text: m.text, label: m.label, unlinked: m.unlinked } : { entityId: entityId(m.entityLabel), label: m.label },
    );
  return filter;
}

const labelOf = (key: string | undefined) => (key === undefined ? undefined : LABEL_KEYS.indexOf(key) + 1 || -1);

/** The documents the filter admits, counted plainly. */
function plainFilter(documents: { id: number; district: string | null }[], spans: PlainSpan[], f: FilterModel): number[] {
  const labelIds = f.labels?.map(labelOf);
  const oneSpan = (s: PlainSpan) =>
    (!labelIds || labelIds.includes(s.labelId)) && (!f.annotator || s.annotator === f.annotator) && (!f.spanReview || s.review === f.spanReview);
  const entityLabelOf = (s: PlainSpan) => (s.entity === null ? null : Number(s.entity.replace('实体', '')));
  return documents
    .filter((d) => {
      const own = spans.filter((s) => s.documentId === d.id);
      if (f.district && d.district !== f.district) return false;
      if (f.withLabel && !own.some((s) => s.labelId === labelOf(f.withLabel))) return false;
      if (f.annotator && !own.some((s) => s.annotator === f.annotator)) return false;
      const conditions: ((s: PlainSpan) => boolean)[] = [];
      for (const m of f.mentions ?? []) {
        const label = labelOf(m.label);
        if ('text' in m) conditions.push((s) => s.text === m.text && (label === undefined || s.labelId === label) && (!m.unlinked || s.entity === null));
        else conditions.push((s) => entityLabelOf(s) === m.entityLabel && (label === undefined || s.labelId === label));
      }
      for (const e of f.entityLabels ?? []) conditions.push((s) => entityLabelOf(s) === e);
      if (!conditions.length && (f.labels || f.spanReview)) conditions.push(() => true);
      return conditions.every((c) => own.some((s) => oneSpan(s) && c(s)));
    })
    .map((d) => d.id);
}

describe('document list: dashboard filters against a plain filter', () => {
  it('district, labels, span review state, mentions and entities', () =>
    fc.assert(
      fc.asyncProperty(projectAndFiltersArb, async ([model, filterModels]) => {
        const core = testCore();
        try {
          const labelIds = (await core.call('labels:list', {})).map((label) => label.id);
          expect(labelIds.slice(0, 4)).toEqual([1, 2, 3, 4]);
          const spans = writeProject(core, model, labelIds);
          const db = core.session.requireDb();
          const entityId = (labelId: number) =>
            (db.prepare('SELECT id FROM entities WHERE name = ?').pluck().get(`实体${labelId}`) as number | undefined) ?? 999;
          const all = await core.call('documents:list', { limit: 1000 });
          for (const filterModel of filterModels) {
            const page = await core.call('documents:list', { filter: toFilter(filterModel, entityId), limit: 1000 });
            const expected = plainFilter(all.items, spans, filterModel);
            expect(page.items.map((d) => d.id)).toEqual(expected);
            expect(page.total).toBe(expected.length);
          }
        } finally {
          core.dispose();
        }
      }),
      { numRuns: 60 },
    ));
});

describe('documents:values', () => {
  it('lists each district and source with its documents, most first, leaving out documents without one', async () => {
    const core = testCore();
    try {
      const rows: [string | null, string | null][] = [
        ['朝阳', '北京日报'],
        ['海淀', '北京日报'],
        ['朝阳', null],
        [null, '区融媒'],
        ['朝阳', ''],
      ];
      rows.forEach(([district, source], i) => addDocument(core, `文本${i}`, `d${i}`, { district, source }));
      expect(await core.call('documents:values', { field: 'district' })).toEqual([
        { value: '朝阳', documents: 3 },
        { value: '海淀', documents: 1 },
      ]);
      expect(await core.call('documents:values', { field: 'source' })).toEqual([
        { value: '北京日报', documents: 2 },
        { value: '区融媒', documents: 1 },
      ]);
      await expect(core.call('documents:values', { field: 'title' } as never)).rejects.toThrow(/field/);
      // A mention naming neither a text nor an entity (or both) is refused, saying which one.
      await expect(core.call('documents:list', { filter: { mentions: [{ text: '朝阳' }, { label: 'PERSON' }] } })).rejects.toThrow(
        /filter\.mentions\.1: a mention names either a text or an entityId/,
      );
      await expect(core.call('documents:list', { filter: { mentions: [{ text: '朝阳', entityId: 1 }] } })).rejects.toThrow(/filter\.mentions\.0/);
    } finally {
      core.dispose();
    }
  });
});

describe('mention filter: where span text digests narrow the documents', () => {
  const span = (db: ReturnType<TestCore['session']['requireDb']>, documentId: number, start: number, end: number) =>
    insertAnnotation(db, {
      documentId,
      start,
      end,
      labelId: 1,
      annotatorId: ensureAnnotator(db, 'ann1'),
      origin: 'manual',
      reviewState: 'pending',
      attributes: {},
      createdAt: 'now',
      updatedAt: 'now',
      entityId: null,
    });

  it('a document edited since the digests were made (stale) is still found; without digests every text is read', async () => {
    const core = testCore();
    try {
      const db = core.session.requireDb();
      // 𠀀 before the span: its UTF-16 offsets are not SQLite's code-point places.
      const first = addDocument(core, '𠀀蔡奇来了', 'a');
      span(db, first, 2, 4);
      const mention = { mentions: [{ text: '蔡奇', label: 'PERSON' }] };
      expect((await core.call('documents:list', { filter: mention })).items.map((d) => d.id)).toEqual([first]);
      expect(db.prepare('SELECT count(*) FROM span_text_stale').pluck().get()).toBe(0);

      const second = addDocument(core, '又见蔡奇', 'b');
      span(db, second, 2, 4);
      expect(mentionSpanCandidates(db, '蔡奇', { labelIds: [1] }, true).map(([id]) => id)).toEqual([first, second]);
      expect(mentionSpanCandidates(db, '蔡奇', { labelIds: [2] }, true)).toEqual([]);
      expect(mentionSpanCandidates(db, '蔡奇', {}, false).map(([id]) => id)).toEqual([first, second]);

      db.exec('DROP TABLE span_text_digests');
      expect((await core.call('documents:list', { filter: mention })).items.map((d) => d.id)).toEqual([first, second]);
    } finally {
      core.dispose();
    }
  });
});
