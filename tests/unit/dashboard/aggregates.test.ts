// Every dashboard aggregate (#24) equals a plain JavaScript count over the same spans, on random
// small projects written to real SQLite files, under random filters.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { testCore, type TestCore } from '../helpers';
import { countBy, documentMatches, filterArb, projectArb, spanMatches, writeProject, type ModelProject, type PlainSpan } from './model';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.dispose()));

async function project(model: ModelProject): Promise<{ core: TestCore; spans: PlainSpan[] }> {
  const core = testCore();
  cores.push(core);
  const labelIds = (await core.call('labels:list', {})).map((label) => label.id);
  expect(labelIds.slice(0, 4)).toEqual([1, 2, 3, 4]);
  return { core, spans: writeProject(core, model, labelIds) };
}

const sorted = <T>(rows: T[]): T[] => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
const RUNS = { numRuns: 30 };

/** Property over a fresh project per run (closed after each run). */
function onProjects(check: (core: TestCore, spans: PlainSpan[], filter: DashboardFilter, model: ModelProject) => Promise<void>) {
  return fc.assert(
    fc.asyncProperty(projectArb, filterArb, async (model, filter) => {
      const { core, spans } = await project(model);
      try {
        await check(core, spans, filter, model);
      } finally {
        cores.splice(cores.indexOf(core), 1);
        core.dispose();
      }
    }),
    RUNS,
  );
}

describe('dashboard aggregates against plain counts', () => {
  it('mentions per label per month', () =>
    onProjects(async (core, spans, filter) => {
      const expected = countBy(
        spans.filter((s) => spanMatches(s, filter)),
        (s) => JSON.stringify([s.labelId, s.document.date?.slice(0, 7) ?? null]),
        (s) => s.documentId,
      );
      const rows = await core.call('dashboard:mentionsOverTime', { filter });
      expect(sorted(rows)).toEqual(sorted([...expected].map(([k, c]) => ({ labelId: JSON.parse(k)[0], month: JSON.parse(k)[1], ...c }))));
    }));

  it('breakdown by district and by source', () =>
    onProjects(async (core, spans, filter) => {
      for (const by of ['district', 'source'] as const) {
        const matching = spans.filter((s) => spanMatches(s, filter));
        const expected = countBy(
          matching,
          (s) => JSON.stringify([s.labelId, s.document[by]]),
          (s) => s.documentId,
        );
        const rows = await core.call('dashboard:breakdown', { filter, by });
        expect(sorted(rows)).toEqual(sorted([...expected].map(([k, c]) => ({ labelId: JSON.parse(k)[0], key: JSON.parse(k)[1], ...c }))));
      }
    }));

  it('top mentions: every mention (entity name when linked) with its count and documents; a limit keeps the top of that order', () =>
    onProjects(async (core, spans, filter) => {
      const matching = spans.filter((s) => spanMatches(s, filter));
      const expected = countBy(
        matching,
        (s) => JSON.stringify([s.labelId, s.entity ?? s.text]),
        (s) => s.documentId,
      );
      const all = await core.call('dashboard:topMentions', { filter, limit: 1000 });
      expect(sorted(all.map(({ labelId, text, count, documents }) => ({ labelId, text, count, documents })))).toEqual(
        sorted([...expected].map(([k, c]) => ({ labelId: JSON.parse(k)[0], text: JSON.parse(k)[1], count: c.mentions, documents: c.documents }))),
      );
      for (const row of all) expect(row.entityId !== undefined).toBe(row.text.startsWith('实体'));
      for (const orderBy of ['count', 'documents'] as const) {
        const full = await core.call('dashboard:topMentions', { filter, orderBy, limit: 1000 });
        const top = await core.call('dashboard:topMentions', { filter, orderBy, limit: 2 });
        const labels = [...new Set(full.map((r) => r.labelId))];
        expect(top).toEqual(labels.flatMap((l) => full.filter((r) => r.labelId === l).slice(0, 2)));
        for (const l of labels) {
          const values = full.filter((r) => r.labelId === l).map((r) => r[orderBy]);
          expect(values).toEqual([...values].sort((a, b) => b - a));
        }
      }
    }));

  it('co-occurrence of two labels: documents holding both mentions', () =>
    onProjects(async (core, spans, filter) => {
      const matching = spans.filter((s) => spanMatches(s, filter));
      const docsOf = (labelId: number) => {
        const map = new Map<string, Set<number>>();
        for (const s of matching.filter((m) => m.labelId === labelId))
          map.set(s.entity ?? s.text, (map.get(s.entity ?? s.text) ?? new Set()).add(s.documentId));
        return map;
      };
      const rowsOf = docsOf(1);
      const columnsOf = docsOf(3);
      const expected = [...rowsOf].flatMap(([r, rd]) =>
        [...columnsOf].map(([c, cd]) => ({ r, c, documents: [...rd].filter((d) => cd.has(d)).length })).filter((cell) => cell.documents > 0),
      );
      const matrix = await core.call('dashboard:cooccurrence', { filter, rowLabelId: 1, columnLabelId: 3, rows: 200, columns: 200 });
      expect(sorted(matrix.rows.map((r) => [r.text, r.documents]))).toEqual(sorted([...rowsOf].map(([t, d]) => [t, d.size])));
      expect(sorted(matrix.columns.map((c) => [c.text, c.documents]))).toEqual(sorted([...columnsOf].map(([t, d]) => [t, d.size])));
      expect(sorted(matrix.cells.map((cell) => ({ r: matrix.rows[cell.row].text, c: matrix.columns[cell.column].text, documents: cell.documents })))).toEqual(
        sorted(expected),
      );
      const small = await core.call('dashboard:cooccurrence', { filter, rowLabelId: 1, columnLabelId: 3, rows: 1, columns: 1 });
      expect(small.rows).toEqual(matrix.rows.slice(0, 1));
      expect(small.columns).toEqual(matrix.columns.slice(0, 1));
    }));

  it('progress: documents by status, spans per coder per day, review states per label', () =>
    onProjects(async (core, spans, filter, model) => {
      const progress = await core.call('dashboard:progress', { filter });
      const docs = model.documents.filter((d) => documentMatches(d, filter));
      const statuses = countBy(
        docs,
        (d) => d.status,
        (_d) => 0,
      );
      expect(sorted(progress.documentsByStatus)).toEqual(sorted([...statuses].map(([status, c]) => ({ status, documents: c.mentions }))));
      const matching = spans.filter((s) => spanMatches(s, filter));
      const perDay = countBy(
        matching,
        (s) => JSON.stringify([s.annotator, s.day]),
        () => 0,
      );
      expect(sorted(progress.spansPerAnnotatorDay)).toEqual(
        sorted([...perDay].map(([k, c]) => ({ annotator: JSON.parse(k)[0], day: JSON.parse(k)[1], spans: c.mentions }))),
      );
      const review = countBy(
        matching,
        (s) => JSON.stringify([s.labelId, s.review]),
        () => 0,
      );
      expect(sorted(progress.reviewStates)).toEqual(
        sorted([...review].map(([k, c]) => ({ labelId: JSON.parse(k)[0], reviewState: JSON.parse(k)[1], spans: c.mentions }))),
      );
    }));

  it('over time for chosen mention texts and for chosen entities', () =>
    onProjects(async (core, spans, filter) => {
      const matching = spans.filter((s) => spanMatches(s, filter));
      const chosen = ['蔡', '𠀀', '两个'];
      const expected = countBy(
        matching.filter((s) => chosen.includes(s.text)),
        (s) => JSON.stringify([s.labelId, s.text, s.document.date?.slice(0, 7) ?? null]),
        (s) => s.documentId,
      );
      const rows = await core.call('dashboard:mentionsOverTime', { filter, mentions: chosen });
      expect(sorted(rows)).toEqual(
        sorted([...expected].map(([k, c]) => ({ labelId: JSON.parse(k)[0], mention: JSON.parse(k)[1], month: JSON.parse(k)[2], ...c }))),
      );
      const linked = matching.filter((s) => s.entity !== null);
      const entities = (await core.call('entities:list', {})).entities;
      const byEntity = countBy(
        linked,
        (s) => JSON.stringify([s.labelId, s.entity, s.document.date?.slice(0, 7) ?? null]),
        (s) => s.documentId,
      );
      const idOf = new Map(entities.map((e) => [e.name, e.id]));
      const entityRows = await core.call('dashboard:mentionsOverTime', { filter, entityIds: entities.length ? entities.map((e) => e.id) : [999] });
      expect(sorted(entityRows)).toEqual(
        sorted([...byEntity].map(([k, c]) => ({ labelId: JSON.parse(k)[0], entityId: idOf.get(JSON.parse(k)[1]), month: JSON.parse(k)[2], ...c }))),
      );
    }));
});
