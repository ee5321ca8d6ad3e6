// A drill lists exactly the documents the clicked bar or cell counted (#24): for random projects on
// real SQLite files, random chart filters and every bar of the month, district, source, chosen
// mention, entity and co-occurrence charts, documents:list (through the drill's query, as the
// workbench sends it) answers the row's `documents` — and, for the district and source bars, the
// very documents a plain count over the spans finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { REVIEW_STATES } from '../../../shared/model';
import { itemMention, monthRange, type DashboardDrill } from '../../../renderer/src/dashboard/drill';
import { drillQuery } from '../../../renderer/src/dashboard/drillQuery';
import { toFilter } from '../../../renderer/src/hooks/listFilter';
import { testCore, type TestCore } from '../helpers';
import { filterArb, projectArb, spanMatches, writeProject, type PlainSpan } from '../dashboard/model';

type DocumentsDrill = Extract<DashboardDrill, { kind: 'documents' }>;

/** The chart's filter narrowed to a bar's month, as the over-time chart does (the filter's own dates kept inside it). */
function withinMonth(filter: DashboardFilter, month: string): DashboardFilter {
  const range = monthRange(month);
  return {
    ...filter,
    dateFrom: filter.dateFrom && filter.dateFrom > range.dateFrom ? filter.dateFrom : range.dateFrom,
    dateTo: filter.dateTo && filter.dateTo < range.dateTo ? filter.dateTo : range.dateTo,
  };
}

async function listed(core: TestCore, drill: DocumentsDrill, keyOf: (id: number) => string): Promise<number[]> {
  const query = drillQuery(drill, keyOf, { sort: 'id', direction: 'asc' });
  const page = await core.call('documents:list', { filter: toFilter(query), limit: 1000 });
  expect(page.items.length).toBe(page.total);
  return page.items.map((d) => d.id);
}

/** Every drill of every chart under the filter, with the documents its row counted. */
async function drills(core: TestCore, filter: DashboardFilter, mentions: string[], entityIds: number[]): Promise<[string, DocumentsDrill, number][]> {
  const out: [string, DocumentsDrill, number][] = [];
  for (const row of await core.call('dashboard:mentionsOverTime', { filter })) {
    if (row.month) out.push(['month', { kind: 'documents', filter: { ...withinMonth(filter, row.month), labelIds: [row.labelId] } }, row.documents]);
  }
  for (const by of ['district', 'source'] as const) {
    for (const row of await core.call('dashboard:breakdown', { filter, by })) {
      if (row.key !== null) out.push([by, { kind: 'documents', filter: { ...filter, labelIds: [row.labelId], [by]: row.key } }, row.documents]);
    }
  }
  if (mentions.length) {
    for (const row of await core.call('dashboard:mentionsOverTime', { filter, mentions })) {
      if (row.month)
        out.push([
          'mention',
          { kind: 'documents', filter: { ...withinMonth(filter, row.month), labelIds: [row.labelId] }, mentions: [row.mention!] },
          row.documents,
        ]);
    }
  }
  if (entityIds.length) {
    for (const row of await core.call('dashboard:mentionsOverTime', { filter, entityIds })) {
      if (row.month)
        out.push([
          'entity',
          { kind: 'documents', filter: { ...withinMonth(filter, row.month), labelIds: [row.labelId] }, entityIds: [row.entityId!] },
          row.documents,
        ]);
    }
  }
  // The workbench shows a text's concordance for its bar, but its documents drill must count right too.
  for (const row of await core.call('dashboard:topMentions', { filter, limit: 1000 })) {
    out.push(['top mention', { kind: 'documents', filter: { ...filter }, mentions: [itemMention(row, row.labelId)] }, row.documents]);
  }
  for (const [rowLabelId, columnLabelId] of [
    [1, 3],
    [1, 2],
    [2, 2],
  ]) {
    const matrix = await core.call('dashboard:cooccurrence', { filter, rowLabelId, columnLabelId, rows: 200, columns: 200 });
    for (const cell of matrix.cells) {
      const mentions = [itemMention(matrix.rows[cell.row], rowLabelId), itemMention(matrix.columns[cell.column], columnLabelId)];
      out.push(['cell', { kind: 'documents', filter: { ...filter }, mentions }, cell.documents]);
    }
  }
  return out;
}

/** The dashboard's random projects over three characters (one astral), so texts repeat across labels, links and documents. */
const denseProjectArb = projectArb.map((model) => ({
  ...model,
  documents: model.documents.map((d) => ({ ...d, chars: d.chars.map((c) => (c === '𠀀' || c === '奇' ? c : '蔡')) })),
}));

/** The dashboard tests' filters, or the span conditions alone, often together (where one span must meet them all). */
const drillFilterArb: fc.Arbitrary<DashboardFilter> = fc.oneof(
  filterArb,
  fc.record(
    {
      annotator: fc.constantFrom('ann1', 'ann2'),
      reviewState: fc.constantFrom(...REVIEW_STATES),
      labelIds: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['annotator'] },
  ),
);

const documentsOf = (spans: PlainSpan[]) => [...new Set(spans.map((s) => s.documentId))].sort((a, b) => a - b);

describe('a drill lists the documents its bar counted', () => {
  it('month, district, source, chosen mention, entity, top mention and co-occurrence cell', () =>
    fc.assert(
      fc.asyncProperty(denseProjectArb, fc.array(drillFilterArb, { minLength: 4, maxLength: 4 }), fc.nat(), async (model, filters, seed) => {
        const core = testCore();
        try {
          const labels = await core.call('labels:list', {});
          const keyOf = (id: number) => labels.find((l) => l.id === id)?.key ?? `#${id}`;
          const spans = writeProject(
            core,
            model,
            labels.map((l) => l.id),
          );
          const texts = [...new Set(spans.map((s) => s.text))];
          const mentions = texts.length ? [texts[seed % texts.length], texts[(seed >> 3) % texts.length]] : [];
          const db = core.session.requireDb();
          const entityIds = db.prepare('SELECT id FROM entities ORDER BY id').pluck().all() as number[];
          for (const filter of filters) {
            for (const [chart, drill, documents] of await drills(core, filter, [...new Set(mentions)], entityIds)) {
              const ids = await listed(core, drill, keyOf);
              expect({ chart, drill, documents: ids.length }).toEqual({ chart, drill, documents });
              if (chart === 'district' || chart === 'source') expect(ids).toEqual(documentsOf(spans.filter((s) => spanMatches(s, drill.filter))));
            }
          }
        } finally {
          core.dispose();
        }
      }),
      { numRuns: 60 },
    ));
});
