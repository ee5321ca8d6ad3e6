// The dashboard's kept counts (migration 018) stay exact through every way spans change: random
// creates, moves, relabels, reviews, links, deletes, undo/redo and document deletes through the API
// leave the kept tables equal to a recount from the spans (texts cut in JavaScript on UTF-16
// offsets), and every dashboard answer equal to the one computed without them (the older path,
// which cuts every span's text), under random filters.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { REVIEW_STATES } from '../../../shared/model';
import * as dashboard from '../../../electron/services/dashboard/service';
import type { Db } from '../../../electron/services/db/connection';
import { testCore, type TestCore } from '../helpers';
import { expectKeptEqualsRecount } from './kept-recount';
import { filterArb, projectArb, writeProject } from './model';

const cores: TestCore[] = [];
let copies = 0;
afterEach(() => cores.splice(0).forEach((core) => core.dispose()));

const opArb = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), doc: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 3 }), label: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('relabel' as const), pick: fc.nat(), label: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('review' as const), pick: fc.nat(), state: fc.constantFrom(...REVIEW_STATES) }),
  fc.record({ kind: fc.constant('link' as const), pick: fc.nat(), entity: fc.option(fc.nat({ max: 1 })) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const), doc: fc.nat() }),
  fc.record({ kind: fc.constant('deleteDocument' as const), doc: fc.nat() }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const ids = (db: Db, sql: string): number[] => db.prepare(sql).pluck().all() as number[];

/** Runs one operation through the API; refusals (a span already there, a label the entity lacks) are part of the game. */
async function apply(core: TestCore, op: Op): Promise<void> {
  const db = core.session.requireDb();
  const spans = ids(db, 'SELECT id FROM annotations ORDER BY id');
  const documents = ids(db, 'SELECT id FROM documents ORDER BY id');
  if (!documents.length) return;
  const span = spans.length && 'pick' in op ? spans[op.pick % spans.length] : null;
  const doc = 'doc' in op ? documents[op.doc % documents.length] : 0;
  const textOf = (id: number) => db.prepare('SELECT text FROM document_texts WHERE document_id = ?').pluck().get(id) as string;
  const placed = (text: string, from: number, length: number) => {
    const start = from % text.length;
    return { start, end: Math.min(text.length, start + length) };
  };
  const dispatch = (channel: string, input: unknown) => core.registry.dispatch(channel, input);
  if (op.kind === 'create') await dispatch('annotations:create', { documentId: doc, labelId: op.label + 1, ...placed(textOf(doc), op.from, op.length) });
  else if (op.kind === 'undo' || op.kind === 'redo') await dispatch(`history:${op.kind}`, { documentId: doc });
  else if (op.kind === 'deleteDocument') await dispatch('documents:delete', { ids: [doc] });
  else if (span === null) return;
  else if (op.kind === 'move') {
    const documentId = db.prepare('SELECT document_id FROM annotations WHERE id = ?').pluck().get(span) as number;
    await dispatch('annotations:update', { id: span, ...placed(textOf(documentId), op.from, op.length) });
  } else if (op.kind === 'relabel') await dispatch('annotations:update', { id: span, labelId: op.label + 1 });
  else if (op.kind === 'review') await dispatch('annotations:update', { id: span, reviewState: op.state });
  else if (op.kind === 'delete') await dispatch('annotations:delete', { id: span });
  else if (op.kind === 'link') {
    const entities = ids(db, 'SELECT id FROM entities ORDER BY id');
    const entityId = op.entity === null || !entities.length ? null : entities[op.entity % entities.length];
    await dispatch('entities:link', { annotationIds: [span], entityId });
  }
}

/** A copy of the project without the kept tables and their triggers: the dashboard then takes its older path. */
function withoutKeptTables(db: Db, dir: string): Db {
  const path = join(dir, `plain-${copies++}.biaozhu`);
  db.prepare('VACUUM INTO ?').run(path);
  const copy = new Database(path);
  for (const trigger of copy.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dashboard%'").pluck().all() as string[])
    copy.exec(`DROP TRIGGER ${trigger}`);
  for (const table of ['dashboard_span_counts', 'dashboard_span_mentions', 'dashboard_mention_totals', 'dashboard_astral_documents'])
    copy.exec(`DROP TABLE ${table}`);
  return copy;
}

function answers(db: Db, filter: DashboardFilter): unknown {
  const top = (orderBy: 'count' | 'documents', limit: number) => dashboard.topMentions(db, { filter, orderBy, limit });
  return {
    overTime: dashboard.mentionsOverTime(db, { filter }),
    chosen: dashboard.mentionsOverTime(db, { filter, mentions: ['蔡', '𠀀', '两个'] }),
    district: dashboard.breakdown(db, { filter, by: 'district' }),
    source: dashboard.breakdown(db, { filter, by: 'source' }),
    progress: dashboard.progress(db, { filter }),
    top: [top('count', 1000), top('documents', 1000), top('count', 2), top('documents', 1)],
    cooccurrence: [1, 2].map((rows) =>
      dashboard.cooccurrence(db, { filter, rowLabelId: 1, columnLabelId: rows === 1 ? 3 : 1, rows: rows * 2, columns: 200 / rows }),
    ),
  };
}

describe('kept dashboard counts (migration 018)', () => {
  it('equal a recount after random edits, and the dashboard answers as without them', () =>
    fc.assert(
      fc.asyncProperty(projectArb, fc.array(opArb, { maxLength: 20 }), filterArb, async (model, ops, filter) => {
        const core = testCore();
        cores.push(core);
        try {
          const labelIds = (await core.call('labels:list', {})).map((label) => label.id);
          writeProject(core, model, labelIds);
          for (const op of ops) await apply(core, op);
          const db = core.session.requireDb();
          expectKeptEqualsRecount(db);
          const plain = withoutKeptTables(db, core.dir);
          try {
            for (const f of [{}, filter]) expect(answers(db, f)).toEqual(answers(plain, f));
          } finally {
            plain.close();
          }
        } finally {
          cores.splice(cores.indexOf(core), 1);
          core.dispose();
        }
      }),
      { numRuns: 40 },
    ));
});
