// The document list's span filters (label present/absent, coder, warnings, spans, review progress)
// and the overview's counts, on a real project through the real handlers.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_PROGRESS, type ReviewProgress } from '../../../shared/api/documents';
import type { DocumentStatus, ImportWarning, ReviewState } from '../../../shared/model';
import { insertDocument } from '../../../electron/services/db/documents';
import { testCore, type TestCore } from '../helpers';

interface SpanPlan {
  label: string;
  coder: string;
  review: ReviewState;
}
interface DocPlan {
  title: string;
  status?: DocumentStatus;
  warnings?: boolean;
  spans: SpanPlan[];
}

const PLAN: DocPlan[] = [
  { title: '一 全部审过', spans: [{ label: 'PERSON', coder: 'alice', review: 'accepted' }] },
  {
    title: '二 部分审过',
    spans: [
      { label: 'PERSON', coder: 'alice', review: 'pending' },
      { label: 'SLOGAN', coder: 'bob', review: 'accepted' },
    ],
  },
  {
    title: '三 未审',
    status: 'in_progress',
    spans: [
      { label: 'PROJECT', coder: 'bob', review: 'pending' },
      { label: 'PROJECT', coder: 'bob', review: 'pending' },
    ],
  },
  { title: '四 无标注有警告', warnings: true, spans: [] },
  { title: '五 驳回', warnings: true, status: 'done', spans: [{ label: 'SLOGAN', coder: 'alice', review: 'rejected' }] },
  { title: '六 空', spans: [] },
  {
    title: '七 目标',
    status: 'done',
    spans: [
      { label: 'TARGET', coder: 'chen', review: 'pending' },
      { label: 'PERSON', coder: 'chen', review: 'rejected' },
    ],
  },
];
const WARNING: ImportWarning = { kind: 'mojibake', message: 'looks like mojibake' };

let core: TestCore;
const ids: number[] = [];

beforeAll(async () => {
  core = testCore();
  const db = core.session.requireDb();
  const labels = await core.call('labels:list', {});
  const labelId = (key: string) => labels.find((l) => l.key === key)!.id;
  for (const [i, plan] of PLAN.entries()) {
    const text = `第${i}篇：区委书记张延昆到温榆河公园调研，强调要增强“四个意识”。`;
    const id = insertDocument(db, {
      draft: {
        metadata: { title: plan.title, date: '2024-01-12', source: '测试', district: null, url: null, reporters: [], externalId: null },
        originalText: text,
        text,
        offsetMap: [0, text.length, 0, text.length],
        steps: [],
        warnings: plan.warnings ? [WARNING] : [],
        removed: [],
        spans: [],
      },
      fileName: null,
      rawSha256: null,
      encoding: 'utf-8',
      textSha256: createHash('sha256').update(text).digest('hex'),
    })!;
    ids.push(id);
    for (const [k, span] of plan.spans.entries()) {
      await core.call('projects:setAnnotator', { name: span.coder });
      const created = await core.call('annotations:create', { documentId: id, start: k, end: k + 2, labelId: labelId(span.label) });
      if (span.review !== 'pending') await core.call('annotations:update', { id: created.id, reviewState: span.review });
    }
    if (plan.status) await core.call('documents:update', { id, status: plan.status });
  }
});
afterAll(() => core.dispose());

interface Filter {
  withLabel?: string;
  withoutLabel?: string;
  annotator?: string;
  hasWarnings?: boolean;
  hasSpans?: boolean;
  review?: ReviewProgress;
  status?: DocumentStatus;
  titleContains?: string;
}

// The first span moves a to-do document to in progress.
const statusOf = (doc: DocPlan): DocumentStatus => doc.status ?? (doc.spans.length > 0 ? 'in_progress' : 'todo');

/** What each filter means, written plainly over the plan. */
function expected(filter: Filter): number[] {
  return PLAN.flatMap((doc, i) => {
    const states = doc.spans.map((s) => s.review);
    const ok =
      (filter.withLabel === undefined || doc.spans.some((s) => s.label === filter.withLabel)) &&
      (filter.withoutLabel === undefined || !doc.spans.some((s) => s.label === filter.withoutLabel)) &&
      (filter.annotator === undefined || doc.spans.some((s) => s.coder === filter.annotator)) &&
      (filter.hasWarnings === undefined || Boolean(doc.warnings) === filter.hasWarnings) &&
      (filter.hasSpans === undefined || doc.spans.length > 0 === filter.hasSpans) &&
      (filter.status === undefined || statusOf(doc) === filter.status) &&
      (filter.titleContains === undefined || doc.title.includes(filter.titleContains)) &&
      (filter.review === undefined ||
        (filter.review === 'all_reviewed' && states.length > 0 && !states.includes('pending')) ||
        (filter.review === 'some_pending' && states.includes('pending')) ||
        (filter.review === 'none_reviewed' && states.length > 0 && states.every((s) => s === 'pending')));
    return ok ? [ids[i]] : [];
  });
}

async function list(filter: Filter, page: { offset?: number; limit?: number } = {}) {
  const result = await core.call('documents:list', { filter, ...page });
  return { total: result.total, ids: result.items.map((d) => d.id) };
}

describe('document list filters', () => {
  it('filters by each span filter alone, with exact counts', async () => {
    const cases: [Filter, number[]][] = [
      [{ withLabel: 'PERSON' }, [0, 1, 6]],
      [{ withLabel: 'TARGET' }, [6]],
      [{ withoutLabel: 'PERSON' }, [2, 3, 4, 5]],
      [{ withoutLabel: 'SLOGAN' }, [0, 2, 3, 5, 6]],
      [{ annotator: 'alice' }, [0, 1, 4]],
      [{ annotator: 'bob' }, [1, 2]],
      [{ annotator: 'chen' }, [6]],
      [{ hasWarnings: true }, [3, 4]],
      [{ hasWarnings: false }, [0, 1, 2, 5, 6]],
      [{ hasSpans: true }, [0, 1, 2, 4, 6]],
      [{ hasSpans: false }, [3, 5]],
      [{ review: 'all_reviewed' }, [0, 4]],
      [{ review: 'some_pending' }, [1, 2, 6]],
      [{ review: 'none_reviewed' }, [2]],
    ];
    for (const [filter, indexes] of cases) {
      const want = indexes.map((i) => ids[i]);
      expect(await list(filter), JSON.stringify(filter)).toEqual({ total: want.length, ids: want });
      expect(expected(filter), `the test's own model of ${JSON.stringify(filter)}`).toEqual(want);
    }
  });

  it('combines the span filters with each other and with status, title, sort and paging', async () => {
    expect(await list({ withLabel: 'PERSON', annotator: 'alice' })).toEqual({ total: 2, ids: [ids[0], ids[1]] });
    expect(await list({ withLabel: 'PERSON', withoutLabel: 'SLOGAN', review: 'some_pending' })).toEqual({ total: 1, ids: [ids[6]] });
    expect(await list({ hasWarnings: true, hasSpans: true, status: 'done' })).toEqual({ total: 1, ids: [ids[4]] });
    expect(await list({ hasSpans: true, titleContains: '审' })).toEqual({ total: 3, ids: [ids[0], ids[1], ids[2]] });
    // The total counts every match; the page holds only its slice, in the asked order.
    expect(await list({ hasSpans: true }, { offset: 1, limit: 2 })).toEqual({ total: 5, ids: [ids[1], ids[2]] });
    const bySpans = await core.call('documents:list', { filter: { withoutLabel: 'TARGET' }, sort: 'spans', direction: 'desc' });
    expect(bySpans.items.map((d) => d.spanCount)).toEqual([2, 2, 1, 1, 0, 0]);
  });

  it('agrees with the plain reading for any combination of filters', async () => {
    const keys = ['PERSON', 'SLOGAN', 'PROJECT', 'TARGET'];
    const filter = fc.record(
      {
        withLabel: fc.constantFrom(...keys),
        withoutLabel: fc.constantFrom(...keys),
        annotator: fc.constantFrom('alice', 'bob', 'chen'),
        hasWarnings: fc.boolean(),
        hasSpans: fc.boolean(),
        review: fc.constantFrom(...REVIEW_PROGRESS),
        status: fc.constantFrom<DocumentStatus>('todo', 'in_progress', 'done'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(filter, async (f) => {
        const want = expected(f);
        expect(await list(f)).toEqual({ total: want.length, ids: want });
      }),
      { numRuns: 150 },
    );
  });

  it('treats a label or coder the project does not know as one no span has, and refuses bad values', async () => {
    expect(await list({ withLabel: 'GONE' })).toEqual({ total: 0, ids: [] });
    expect(await list({ withoutLabel: 'GONE' })).toEqual({ total: 7, ids });
    expect(await list({ annotator: 'dora' })).toEqual({ total: 0, ids: [] });
    await expect(list({ review: 'half' as ReviewProgress })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('review') });
    await expect(list({ hasSpans: 'yes' as unknown as boolean })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('hasSpans'),
    });
  });
});

describe('project overview counts', () => {
  it('counts documents by status, spans by label, coder and review state', async () => {
    const stats = await core.call('projects:stats', {});
    expect(stats.documents).toBe(7);
    expect(stats.annotations).toBe(8);
    expect(stats.byStatus).toEqual({ todo: 2, in_progress: 3, done: 2, reviewed: 0 });
    expect(Object.fromEntries(stats.byLabel.map((l) => [l.labelKey, l.count]))).toEqual({ PERSON: 3, SLOGAN: 2, PROJECT: 2, TARGET: 1 });
    expect(stats.annotators.filter((a) => a.count > 0)).toEqual([
      { name: 'alice', count: 3 },
      { name: 'bob', count: 3 },
      { name: 'chen', count: 2 },
    ]);
    expect(stats.byReview).toEqual({ pending: 4, accepted: 2, rejected: 2 });
  });
});
