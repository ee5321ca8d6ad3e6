// dashboard:timing (#24) against plain counts over random spans and timings, on a real project file.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrations';
import { LEAD_TIME_BIN_EDGES_MS } from '../../../shared/api/timing';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { addDocument, tempDir, testCore, type TestCore } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const CODERS = ['王', '李', 'a'];
const SOURCES = ['北京日报', '区融媒'];

interface PlainSpan {
  document: number;
  coder: number;
  labelId: number;
  reviewState: 'pending' | 'accepted';
  leadTimeMs: number | null;
}

const spanArb = fc.record({
  document: fc.nat({ max: 3 }),
  coder: fc.nat({ max: CODERS.length - 1 }),
  labelId: fc.integer({ min: 1, max: 2 }),
  reviewState: fc.constantFrom('pending' as const, 'accepted' as const),
  // Bin edges themselves and values on either side of them.
  leadTimeMs: fc.option(fc.oneof(fc.integer({ min: 0, max: 400_000 }), fc.constantFrom(...LEAD_TIME_BIN_EDGES_MS), fc.constant(999)), { nil: null }),
});

/** The plain reading of a nearest-rank quantile and of the fixed bins. */
const nearestRank = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
const plainBin = (ms: number) => LEAD_TIME_BIN_EDGES_MS.filter((edge) => edge <= ms).length - 1;

function project(spans: PlainSpan[]): TestCore {
  const c = testCore();
  cleanups.push(() => c.dispose());
  const db = c.session.requireDb();
  const docs = [0, 1, 2, 3].map((i) => addDocument(c, `${'两个维护蔡奇'.repeat(20)}${i}`, `doc${i}`, { source: SOURCES[i % 2] }));
  const insert = db.prepare(
    `INSERT INTO annotations (document_id, start, end, label_id, annotator_id, origin, review_state, created_at, updated_at, lead_time_ms)
     VALUES (?, ?, ?, ?, ?, 'manual', ?, 'now', 'now', ?)`,
  );
  spans.forEach((s, i) => insert.run(docs[s.document], i, i + 1, s.labelId, ensureAnnotator(db, CODERS[s.coder]), s.reviewState, s.leadTimeMs));
  return c;
}

describe('dashboard:timing', () => {
  it('lead-time medians, p90, means and histograms per coder and label equal plain counts, under filters (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(spanArb, { maxLength: 60 }),
        fc.record({
          labelIds: fc.option(fc.constant([2]), { nil: undefined }),
          annotator: fc.option(fc.constantFrom(...CODERS), { nil: undefined }),
          reviewState: fc.option(fc.constant('accepted' as const), { nil: undefined }),
          source: fc.option(fc.constant(SOURCES[1]), { nil: undefined }),
        }),
        async (spans, rawFilter) => {
          const filter = Object.fromEntries(Object.entries(rawFilter).filter(([, v]) => v !== undefined));
          const c = project(spans);
          const { leadTimes, binEdgesMs } = await c.call('dashboard:timing', { filter });
          expect(binEdgesMs).toEqual(LEAD_TIME_BIN_EDGES_MS);
          const groups = new Map<string, number[]>();
          for (const s of spans) {
            if (s.leadTimeMs === null) continue;
            if (filter.labelIds && s.labelId !== 2) continue;
            if (filter.annotator && CODERS[s.coder] !== filter.annotator) continue;
            if (filter.reviewState && s.reviewState !== filter.reviewState) continue;
            if (filter.source && SOURCES[s.document % 2] !== filter.source) continue;
            const key = `${CODERS[s.coder]}\t${s.labelId}`;
            groups.set(key, [...(groups.get(key) ?? []), s.leadTimeMs]);
          }
          const expected = [...groups].map(([key, times]) => {
            const sorted = [...times].sort((x, y) => x - y);
            const [annotator, labelId] = key.split('\t');
            const histogram = LEAD_TIME_BIN_EDGES_MS.map((_, bin) => sorted.filter((ms) => plainBin(ms) === bin).length);
            const meanMs = Math.round(sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length);
            return {
              annotator,
              labelId: Number(labelId),
              spans: sorted.length,
              medianMs: nearestRank(sorted, 0.5),
              p90Ms: nearestRank(sorted, 0.9),
              meanMs,
              histogram,
            };
          });
          const byKey = (x: { annotator: string; labelId: number }, y: { annotator: string; labelId: number }) =>
            x.annotator < y.annotator ? -1 : x.annotator > y.annotator ? 1 : x.labelId - y.labelId;
          expect([...leadTimes].sort(byKey)).toEqual(expected.sort(byKey));
          for (const row of leadTimes) expect(row.histogram.reduce((a, b) => a + b, 0)).toBe(row.spans);
          c.dispose();
          cleanups.pop();
        },
      ),
      { numRuns: 30 },
    );
  });

  it('document rows: per coder, filtered by document metadata and coder, longest first, cut at the limit', async () => {
    const c = testCore();
    cleanups.push(() => c.dispose());
    const a = addDocument(c, '蔡奇调研', 'A', { source: '北京日报' });
    const b = addDocument(c, '两个维护', 'B', { source: '区融媒' });
    await c.call('timing:record', { documentId: a, sessionId: 'session-one', activeMs: 7000 });
    await c.call('timing:record', { documentId: b, sessionId: 'session-two', activeMs: 9000 });
    await c.call('documents:update', { id: b, status: 'done' });
    await c.call('projects:setAnnotator', { name: '李' });
    await c.call('timing:record', { documentId: a, sessionId: 'session-three', activeMs: 1000 });
    const all = await c.call('dashboard:timing', {});
    expect(all.documents.map((d) => [d.title, d.annotator, d.activeMs, d.activeMsToDone])).toEqual([
      ['B', expect.any(String), 9000, 9000],
      ['A', expect.not.stringMatching(/^李$/), 7000, null],
      ['A', '李', 1000, null],
    ]);
    expect(all.documentsTruncated).toBe(false);
    expect((await c.call('dashboard:timing', { filter: { source: '区融媒' } })).documents.map((d) => d.title)).toEqual(['B']);
    expect((await c.call('dashboard:timing', { filter: { annotator: '李' } })).documents.map((d) => d.activeMs)).toEqual([1000]);
    expect((await c.call('dashboard:timing', { filter: { status: 'done' } })).documents.map((d) => d.title)).toEqual(['B']);
    const cut = await c.call('dashboard:timing', { documentLimit: 2 });
    expect(cut.documents.length).toBe(2);
    expect(cut.documentsTruncated).toBe(true);
  });

  it('a project from before timing, open read-only, answers with no rows; its spans have no lead time', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'old.biaozhu');
    const raw = new Database(path);
    migrate(raw, 16);
    raw.close();
    const c = testCore({ create: false });
    cleanups.push(() => c.dispose());
    c.session.openReadOnly(path, { reason: 'file', message: 'The folder is read-only.' });
    expect(await c.call('dashboard:timing', {})).toEqual({ documents: [], documentsTruncated: false, leadTimes: [], binEdgesMs: LEAD_TIME_BIN_EDGES_MS });
    const refused = await c.registry.dispatch('timing:record', { documentId: 1, sessionId: 'session-ro-1', activeMs: 5 });
    expect(refused.ok || refused.error.code).toBe('read_only');
  });

  it('an export reads lead times through the partial index, not every span of the batch', () => {
    const c = testCore();
    cleanups.push(() => c.dispose());
    const plan = c.session
      .requireDb()
      .prepare('EXPLAIN QUERY PLAN SELECT id, lead_time_ms FROM annotations WHERE document_id IN (SELECT value FROM json_each(?)) AND lead_time_ms IS NOT NULL')
      .all('[1,2]') as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING COVERING INDEX annotations_lead_time/);
  });
});
