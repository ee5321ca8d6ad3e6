// The bulk paths write the dashboard's kept rows (migration 018) once per document instead of per
// span (migration 019, db/dashboard-bulk.ts): random imports, label-all, accepted suggestions,
// merged coder spans and bulk inserts, mixed with single edits through the API, leave the kept
// tables equal to a recount; so does recovery. A listed document's new spans skip the triggers.
import fc from 'fast-check';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { REVIEW_STATES } from '../../../shared/model';
import { insertDocumentAnnotations } from '../../../electron/services/db/annotations';
import { AttributeSetIds } from '../../../electron/services/db/attribute-sets';
import type { Db } from '../../../electron/services/db/connection';
import { withBulkKeptCounts } from '../../../electron/services/db/dashboard-bulk';
import { insertEntity } from '../../../electron/services/db/entities';
import { insertCoderSpans } from '../../../electron/services/db/merge';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { recoverProject } from '../../../electron/services/db/recover';
import { addDocument, testCore, type TestCore } from '../helpers';
import { expectKeptEqualsRecount } from './kept-recount';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.dispose()));

// Few characters, so that a search has many hits in a document; 𠀀 is astral (its document's texts stay uncut).
const CHARS = ['两', '个', '维', '护', '𠀀'];
const DAYS = ['2026-11-30', '2026-12-01'];
const ANNOTATORS = ['ann1', 'ann2'];

const spanArb = fc.record({
  from: fc.nat(),
  length: fc.integer({ min: 1, max: 3 }),
  label: fc.nat({ max: 3 }),
  annotator: fc.nat({ max: 1 }),
  review: fc.constantFrom(...REVIEW_STATES),
  day: fc.nat({ max: 1 }),
  linked: fc.boolean(),
});
type SpanModel = typeof spanArb extends fc.Arbitrary<infer T> ? T : never;
const spansArb = fc.array(spanArb, { minLength: 6, maxLength: 30 });
const textArb = fc.array(fc.constantFrom(...CHARS), { minLength: 8, maxLength: 40 }).map((cs) => cs.join(''));

const opArb = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), doc: fc.nat(), spans: spansArb }),
  fc.record({ kind: fc.constant('merge' as const), doc: fc.nat(), spans: spansArb }),
  fc.record({ kind: fc.constant('labelAll' as const), query: fc.constantFrom(...CHARS, '两个'), label: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('accept' as const), doc: fc.nat(), spans: spansArb }),
  fc.record({ kind: fc.constant('import' as const), texts: fc.array(fc.tuple(textArb, spansArb), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('create' as const), doc: fc.nat(), span: spanArb }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('link' as const), pick: fc.nat(), linked: fc.boolean() }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const ids = (db: Db, sql: string): number[] => db.prepare(sql).pluck().all() as number[];
const textOf = (db: Db, id: number) => db.prepare('SELECT text FROM document_texts WHERE document_id = ?').pluck().get(id) as string;

/** Places in UTF-16 units that never cut the astral character in two. */
function placed(text: string, span: SpanModel): { start: number; end: number } {
  const chars = [...text];
  const from = span.from % chars.length;
  const start = chars.slice(0, from).join('').length;
  return { start, end: start + chars.slice(from, from + span.length).join('').length };
}

/** One entity per label, for linked spans. */
function entityFor(db: Db, labelId: number): number {
  const found = db.prepare('SELECT id FROM entities WHERE label_id = ?').pluck().get(labelId) as number | undefined;
  return found ?? insertEntity(db, { labelId, name: `实体${labelId}`, fields: {}, note: '' }, 'now');
}

/** The model spans as records of one document, without places this coder already labels (one span per place). */
function records(db: Db, documentId: number, spans: SpanModel[], labelIds: number[]) {
  const text = textOf(db, documentId);
  const seen = new Set<string>();
  return spans.flatMap((span) => {
    const place = placed(text, span);
    const labelId = labelIds[span.label];
    const annotatorId = ensureAnnotator(db, ANNOTATORS[span.annotator]);
    const key = `${place.start}/${place.end}/${labelId}/${annotatorId}`;
    const taken = db
      .prepare('SELECT 1 FROM annotations WHERE document_id = ? AND start = ? AND end = ? AND label_id = ? AND annotator_id = ?')
      .get(documentId, place.start, place.end, labelId, annotatorId);
    if (seen.has(key) || taken) return [];
    seen.add(key);
    return [
      {
        documentId,
        ...place,
        labelId,
        annotatorId,
        origin: 'manual' as const,
        reviewState: span.review,
        attributes: {},
        createdAt: `${DAYS[span.day]}T10:00:00.000Z`,
        updatedAt: 'now',
        entityId: span.linked ? entityFor(db, labelId) : null,
      },
    ];
  });
}

async function importTexts(core: TestCore, texts: [string, SpanModel[]][], labelKeys: string[], round: number): Promise<void> {
  const path = join(core.dir, `import-${round}.jsonl`);
  const lines = texts.map(([text, spans]) => {
    const label: Record<string, Record<string, [number, number][]>> = {};
    for (const span of spans) {
      const { start, end } = placed(text, span);
      const key = labelKeys[span.label].toLowerCase();
      ((label[key] ??= {})[text.slice(start, end)] ??= []).push([start, end - 1]);
    }
    return JSON.stringify({ text, label });
  });
  writeFileSync(path, lines.join('\n') + '\n');
  const finished = async <R>(jobId: string): Promise<R> => {
    const status = await core.jobs.wait(jobId);
    if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
    return status.result as R;
  };
  const preview = await finished<ImportPreview>((await core.call('import:preview', { sources: [{ kind: 'path', path }], options: {} })).jobId);
  await finished<ImportReport>((await core.call('import:commit', { previewId: preview.previewId })).jobId);
}

/** Runs one operation; refusals through the API (a span already there) are part of the game. */
async function apply(core: TestCore, op: Op, labelIds: number[], labelKeys: string[], round: number): Promise<void> {
  const db = core.session.requireDb();
  const documents = ids(db, 'SELECT id FROM documents ORDER BY id');
  const doc = 'doc' in op ? documents[op.doc % documents.length] : 0;
  const dispatch = (channel: string, input: unknown) => core.registry.dispatch(channel, input);
  if (op.kind === 'insert') db.transaction(() => insertDocumentAnnotations(db, doc, records(db, doc, op.spans, labelIds), new AttributeSetIds()))();
  else if (op.kind === 'merge') {
    // A coder's file holds spans the project may already have: those are counted as present, not added.
    const mine = records(db, doc, op.spans, labelIds).map((r) => ({ ...r, attributesJson: null, note: null, originDetailJson: null }));
    const again = mine.slice(0, 2);
    db.transaction(() => insertCoderSpans(db, doc, again, new AttributeSetIds()))();
    db.transaction(() => insertCoderSpans(db, doc, mine, new AttributeSetIds()))();
  } else if (op.kind === 'labelAll') await dispatch('search:labelAll', { search: { query: op.query }, hits: 'all', labelId: labelIds[op.label] });
  else if (op.kind === 'accept') {
    const text = textOf(db, doc);
    const suggestions = op.spans.map((s) => ({ ...placed(text, s), labelId: labelIds[s.label], source: 'dictionary', sourceId: '', confidence: 1 }));
    if (suggestions.length) await dispatch('suggestions:accept', { documentId: doc, suggestions });
  } else if (op.kind === 'import') await importTexts(core, op.texts, labelKeys, round);
  else if (op.kind === 'create') {
    const labelId = labelIds[op.span.label];
    await dispatch('annotations:create', { documentId: doc, labelId, ...placed(textOf(db, doc), op.span) });
  } else {
    const spans = ids(db, 'SELECT id FROM annotations ORDER BY id');
    if (!spans.length) return;
    const span = spans[op.pick % spans.length];
    if (op.kind === 'delete') await dispatch('annotations:delete', { id: span });
    else {
      const labelId = db.prepare('SELECT label_id FROM annotations WHERE id = ?').pluck().get(span) as number;
      await dispatch('entities:link', { annotationIds: [span], entityId: op.linked ? entityFor(db, labelId) : null });
    }
  }
}

async function seeded(texts: string[]): Promise<{ core: TestCore; labelIds: number[]; labelKeys: string[] }> {
  const core = testCore();
  cores.push(core);
  const labels = await core.call('labels:list', {});
  texts.forEach((text, i) => addDocument(core, text, `d${i}`));
  return { core, labelIds: labels.slice(0, 4).map((l) => l.id), labelKeys: labels.slice(0, 4).map((l) => l.key) };
}

const listed = (db: Db) => db.prepare('SELECT count(*) FROM dashboard_bulk_documents').pluck().get();

describe('kept dashboard counts written in bulk (migration 019)', () => {
  it('equal a recount after random imports, label-all, accepted suggestions, merges and bulk inserts among single edits', () =>
    fc.assert(
      fc.asyncProperty(fc.array(textArb, { minLength: 1, maxLength: 4 }), fc.array(opArb, { minLength: 1, maxLength: 8 }), async (texts, ops) => {
        const { core, labelIds, labelKeys } = await seeded(texts);
        try {
          for (const [round, op] of ops.entries()) await apply(core, op, labelIds, labelKeys, round);
          const db = core.session.requireDb();
          expectKeptEqualsRecount(db);
          expect(listed(db)).toBe(0);
        } finally {
          cores.splice(cores.indexOf(core), 1);
          core.dispose();
        }
      }),
      { numRuns: 30 },
    ));

  it('skip the per-span triggers for a listed document, and count its new spans once afterwards', async () => {
    const { core, labelIds } = await seeded(['两个维护两个维护', '𠀀两个']);
    const db = core.session.requireDb();
    const [first, second] = ids(db, 'SELECT id FROM documents ORDER BY id');
    const spans = (doc: number) =>
      records(
        db,
        doc,
        [0, 1, 2, 3, 4].map((from) => ({ from, length: 2, label: from % 2, annotator: 0, review: 'pending' as const, day: 0, linked: from === 0 })),
        labelIds,
      );
    db.transaction(() => insertDocumentAnnotations(db, first, spans(first).slice(0, 1)))();
    const kept = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    db.transaction(() =>
      withBulkKeptCounts(db, [first, second], () => {
        const before = [kept('dashboard_span_counts'), kept('dashboard_span_mentions'), kept('dashboard_mention_totals')];
        const insert = db.prepare(
          `INSERT INTO annotations (document_id, start, end, label_id, annotator_id, origin, review_state, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 'manual', 'pending', '2026-12-01T10:00:00.000Z', 'now')`,
        );
        const annotatorId = ensureAnnotator(db, 'ann1');
        for (const [doc, start, label] of [
          [first, 1, 0],
          [first, 4, 1],
          [second, 2, 0],
          [second, 2, 1],
        ])
          insert.run(doc, start, start + 2, labelIds[label], annotatorId);
        expect([kept('dashboard_span_counts'), kept('dashboard_span_mentions'), kept('dashboard_mention_totals')]).toEqual(before);
        expect(listed(db)).toBe(2);
      }),
    )();
    expect(listed(db)).toBe(0);
    expectKeptEqualsRecount(db);
  });

  it('count a bulk-written document once more for a mention other documents have, and not for one it already had', async () => {
    const { core, labelIds } = await seeded(['两个维护两个维护', '两个维护两个维护两个维护']);
    const db = core.session.requireDb();
    const [first, second] = ids(db, 'SELECT id FROM documents ORDER BY id');
    const one = (from: number, linked = false) => ({ from, length: 1, label: 0, annotator: 0, review: 'pending' as const, day: 0, linked });
    db.transaction(() => insertDocumentAnnotations(db, first, records(db, first, [one(0), one(1, true), one(2)], labelIds)))();
    db.transaction(() => insertDocumentAnnotations(db, second, records(db, second, [one(4)], labelIds)))();
    const many = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10].map((from) => one(from, from === 9));
    db.transaction(() => insertDocumentAnnotations(db, second, records(db, second, many, labelIds)))();
    const total = (mention: string) =>
      db.prepare('SELECT spans, documents FROM dashboard_mention_totals WHERE label_id = ? AND mention = ?').get(labelIds[0], mention);
    expect(total('两')).toEqual({ spans: 4, documents: 2 });
    expect(total('维')).toEqual({ spans: 4, documents: 2 });
    expect(total('')).toEqual({ spans: 2, documents: 2 });
    expectKeptEqualsRecount(db);
  });

  it('are rebuilt by recovery once per document', async () => {
    const { core, labelIds } = await seeded(['两个维护两个维护两个维护', '护维个两护维个两', '𠀀两个维护']);
    const db = core.session.requireDb();
    const all = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((from) => ({
      from,
      length: 1 + (from % 3),
      label: from % 4,
      annotator: from % 2,
      review: 'pending' as const,
      day: from % 2,
      linked: from % 3 === 0,
    }));
    for (const doc of ids(db, 'SELECT id FROM documents')) db.transaction(() => insertDocumentAnnotations(db, doc, records(db, doc, all, labelIds)))();
    expectKeptEqualsRecount(db);
    const out = join(core.dir, 'recovered.biaozhu');
    recoverProject(core.projectPath, out);
    const recovered = testCore({ create: false });
    cores.push(recovered);
    await recovered.call('projects:open', { path: out });
    const copy = recovered.session.requireDb();
    expect(copy.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(db.prepare('SELECT count(*) FROM annotations').pluck().get());
    expectKeptEqualsRecount(copy);
    expect(listed(copy)).toBe(0);
  });
});
