// Annotation timing (#24): migration 017 on an older project file, timing:record's additive and
// idempotent totals, the first done, and spans' lead times through the real API.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion, SCHEMA_VERSION } from '../../../electron/services/db/migrations';
import { addDocument, tempDir, testCore, type TestCore } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function core(): TestCore {
  const c = testCore();
  cleanups.push(() => c.dispose());
  return c;
}

/** A schema-16 project (the one before timing) with one document and one span. */
function schema16Project(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const path = join(t.dir, 'old.biaozhu');
  const raw = new Database(path);
  migrate(raw, 16);
  raw.exec(`INSERT INTO documents (id, title, file_name, raw_sha256, encoding, text_sha256, char_count, imported_at, updated_at, published_at, span_count)
              VALUES (1, 't', 'f', 'r', 'utf-8', 's1', 8, 'now', 'now', '2024-05-01', 1);
            INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES (1, '市委书记蔡奇调研', '市委书记蔡奇调研', '[0,8,0,8]');
            INSERT INTO annotators (id, name, created_at) VALUES (1, 'a', 'now');
            INSERT INTO labels (id, key, name_zh, name_en, color, sort_order, created_at, updated_at) VALUES (1, 'PERSON', '人物', 'Person', '#c2255c', 0, 'now', 'now');
            INSERT INTO annotations (document_id, start, end, label_id, annotator_id, review_state, created_at, updated_at)
              VALUES (1, 4, 6, 1, 1, 'accepted', '2026-12-01T08:00:00Z', 'now');`);
  expect(schemaVersion(raw)).toBe(16);
  raw.close();
  return path;
}

const SESSION = 'session-aaaa';

describe('migration 017', () => {
  it('upgrades a schema-16 project: old spans have no lead time, new ones and document timings are stored', async () => {
    const c = testCore({ create: false });
    cleanups.push(() => c.dispose());
    const path = schema16Project();
    c.session.open(path);
    const db = c.session.requireDb();
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(17);
    const [old] = await c.call('annotations:list', { documentId: 1 });
    expect(old.leadTimeMs).toBeUndefined();
    expect(db.prepare('SELECT lead_time_ms FROM annotations').pluck().all()).toEqual([null]);
    const created = await c.call('annotations:create', { documentId: 1, start: 0, end: 2, labelId: 1, leadTimeMs: 4200 });
    expect(created.leadTimeMs).toBe(4200);
    expect(await c.call('timing:record', { documentId: 1, sessionId: SESSION, activeMs: 5000 })).toMatchObject({ documentId: 1, activeMs: 5000, doneAt: null });
  });
});

describe('timing:record', () => {
  it('adds only what a session reports beyond its largest total: repeats and late reports add nothing, a lost one is made good', async () => {
    const c = core();
    const doc = addDocument(c, '市委书记蔡奇调研');
    const record = (sessionId: string, activeMs: number) => c.call('timing:record', { documentId: doc, sessionId, activeMs });
    const first = await record(SESSION, 0);
    expect(first).toMatchObject({ documentId: doc, activeMs: 0, doneAt: null });
    expect(Date.parse(first.firstOpenedAt)).toBeGreaterThan(0);
    expect((await record(SESSION, 1000)).activeMs).toBe(1000);
    expect((await record(SESSION, 1000)).activeMs).toBe(1000); // repeated
    expect((await record(SESSION, 4000)).activeMs).toBe(4000); // the 2500 report was lost
    expect((await record(SESSION, 3000)).activeMs).toBe(4000); // a late, older report
    expect((await record('session-bbbb', 500)).activeMs).toBe(4500); // a second opening adds its own
    expect((await record(SESSION, 4000)).firstOpenedAt).toBe(first.firstOpenedAt);
  });

  it('stores the sum over sessions of each one’s largest report, whatever the order and repeats (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (sessions, shuffles) => {
          const c = core();
          const doc = addDocument(c, '蔡奇');
          const reports = sessions.flatMap((totals, s) => totals.map((activeMs) => ({ sessionId: `session-${s}-xyz`, activeMs })));
          for (const pick of shuffles) reports.push(reports[pick % reports.length]); // repeats
          for (let i = reports.length - 1; i > 0; i--) {
            const j = (shuffles[i % Math.max(1, shuffles.length)] ?? i) % (i + 1);
            [reports[i], reports[j]] = [reports[j], reports[i]];
          }
          let last = 0;
          for (const report of reports) last = (await c.call('timing:record', { documentId: doc, ...report })).activeMs;
          expect(last).toBe(sessions.reduce((sum, totals) => sum + Math.max(...totals), 0));
          c.dispose();
          cleanups.pop();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the first opening is when the report says it was (openedMsAgo), the earliest of all sessions', async () => {
    const c = core();
    const doc = addDocument(c, '蔡奇');
    const before = Date.now();
    const first = await c.call('timing:record', { documentId: doc, sessionId: SESSION, activeMs: 100, openedMsAgo: 90_000 });
    const opened = Date.parse(first.firstOpenedAt);
    expect(opened).toBeGreaterThanOrEqual(before - 90_000);
    expect(opened).toBeLessThanOrEqual(Date.now() - 90_000);
    const later = await c.call('timing:record', { documentId: doc, sessionId: 'session-later', activeMs: 100, openedMsAgo: 5 });
    expect(later.firstOpenedAt).toBe(first.firstOpenedAt);
    const earlier = await c.call('timing:record', { documentId: doc, sessionId: 'session-early', activeMs: 1, openedMsAgo: 3_600_000 });
    expect(Date.parse(earlier.firstOpenedAt)).toBeLessThan(opened);
    expect(earlier.activeMs).toBe(201);
  });

  it('a report naming another project (switched since) is refused and counts nowhere', async () => {
    const c = core();
    const doc = addDocument(c, '蔡奇');
    const elsewhere = await c.registry.dispatch('timing:record', { documentId: doc, sessionId: SESSION, activeMs: 5000, project: '/elsewhere/other.biaozhu' });
    expect(elsewhere.ok || elsewhere.error.code).toBe('conflict');
    const here = await c.call('timing:record', { documentId: doc, sessionId: SESSION, activeMs: 700, project: c.session.requirePath() });
    expect(here.activeMs).toBe(700);
  });

  it('refuses bad input with the field named, and an unknown document', async () => {
    const c = core();
    const doc = addDocument(c, '蔡奇');
    const bad = async (payload: unknown, field: RegExp) => {
      const answer = await c.registry.dispatch('timing:record', payload);
      expect(answer.ok || answer.error.code).toBe('invalid_input');
      expect(JSON.stringify(answer)).toMatch(field);
    };
    await bad({ documentId: doc, sessionId: 'x', activeMs: 1 }, /sessionId/);
    await bad({ documentId: doc, sessionId: SESSION, activeMs: -1 }, /activeMs/);
    await bad({ documentId: doc, sessionId: SESSION, activeMs: 1.5 }, /activeMs/);
    await bad({ documentId: doc, sessionId: SESSION, activeMs: 1, extra: 1 }, /extra/);
    const missing = await c.registry.dispatch('timing:record', { documentId: 999, sessionId: SESSION, activeMs: 1 });
    expect(missing.ok || missing.error.code).toBe('not_found');
    const lead = await c.registry.dispatch('annotations:create', { documentId: doc, start: 0, end: 2, labelId: 1, leadTimeMs: -5 });
    expect(lead.ok || lead.error.code).toBe('invalid_input');
    expect(JSON.stringify(lead)).toMatch(/leadTimeMs/);
  });
});

describe('done', () => {
  it('keeps the first done and the active time then; later time still adds to the total', async () => {
    const c = core();
    const doc = addDocument(c, '市委书记蔡奇调研');
    await c.call('timing:record', { documentId: doc, sessionId: SESSION, activeMs: 3000 });
    await c.call('documents:update', { id: doc, status: 'done' });
    const timing = await c.call('dashboard:timing', {});
    expect(timing.documents).toEqual([
      expect.objectContaining({ documentId: doc, annotator: expect.any(String), activeMs: 3000, activeMsToDone: 3000, title: 'test' }),
    ]);
    const doneAt = timing.documents[0].doneAt;
    expect(doneAt).not.toBeNull();
    await c.call('documents:update', { id: doc, status: 'in_progress' });
    await c.call('timing:record', { documentId: doc, sessionId: SESSION, activeMs: 5000 });
    await c.call('documents:update', { id: doc, status: 'done' });
    const again = await c.call('dashboard:timing', {});
    expect(again.documents[0]).toMatchObject({ doneAt, activeMs: 5000, activeMsToDone: 3000 });
  });
});

describe('lead times through the API', () => {
  it('annotations:create stores the lead time; spans without one have none; undo and redo keep it', async () => {
    const c = core();
    const doc = addDocument(c, '市委书记蔡奇调研北京');
    const timed = await c.call('annotations:create', { documentId: doc, start: 4, end: 6, labelId: 1, leadTimeMs: 1234 });
    const untimed = await c.call('annotations:create', { documentId: doc, start: 0, end: 2, labelId: 1 });
    expect(timed.leadTimeMs).toBe(1234);
    expect(untimed.leadTimeMs).toBeUndefined();
    const listed = await c.call('annotations:list', { documentId: doc });
    expect(listed.find((a) => a.id === timed.id)?.leadTimeMs).toBe(1234);
    await c.call('annotations:delete', { id: timed.id });
    await c.call('history:undo', { documentId: doc });
    expect((await c.call('annotations:list', { documentId: doc })).find((a) => a.id === timed.id)?.leadTimeMs).toBe(1234);
    await c.call('history:undo', { documentId: doc }); // the untimed create
    await c.call('history:undo', { documentId: doc }); // the timed create
    await c.call('history:redo', { documentId: doc });
    expect((await c.call('annotations:list', { documentId: doc })).find((a) => a.id === timed.id)?.leadTimeMs).toBe(1234);
  });

  it('suggestions:accept stores the lead time for one accepted suggestion, none for several', async () => {
    const c = core();
    const doc = addDocument(c, '蔡奇调研。蔡奇讲话。蔡奇指出。');
    await c.call('annotations:create', { documentId: doc, start: 0, end: 2, labelId: 1 });
    const suggestions = (await c.call('suggestions:forDocument', { documentId: doc })).filter((s) => s.source === 'dictionary');
    expect(suggestions.length).toBe(2);
    const ref = ({ start, end, labelId, source, sourceId, confidence }: (typeof suggestions)[number]) => ({
      start,
      end,
      labelId,
      source,
      sourceId,
      confidence,
    });
    const one = await c.call('suggestions:accept', { documentId: doc, suggestions: [ref(suggestions[0])], leadTimeMs: 800 });
    const spans = await c.call('annotations:list', { documentId: doc });
    expect(spans.find((a) => a.id === one.created[0])?.leadTimeMs).toBe(800);
    const other = addDocument(c, '蔡奇调研。蔡奇讲话。', 'two');
    const proposals = (await c.call('suggestions:forDocument', { documentId: other })).filter((s) => s.source === 'dictionary');
    const many = await c.call('suggestions:accept', { documentId: other, suggestions: proposals.map(ref), leadTimeMs: 800 });
    expect(many.created.length).toBe(2);
    for (const span of await c.call('annotations:list', { documentId: other })) expect(span.leadTimeMs).toBeUndefined();
  });
});
