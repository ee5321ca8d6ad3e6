// The coder's dictionary counted from the span texts migration 018 keeps equals the dictionary cut
// span by span from the documents (the way before), on random projects through the real handlers
// on a real file: documents with astral characters (texts not kept), rejected, relabelled, moved
// and deleted spans, another coder's spans, and spans added after the dictionary was built.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dictionaryEntries, dictionaryMatcher } from '../../../shared/suggest/dictionary';
import type { Db } from '../../../electron/services/db/connection';
import { annotatorIdByName } from '../../../electron/services/db/document-filters';
import {
  coderDictionaryEntries,
  confirmedMentions,
  dictionaryRebuildPending,
  projectDictionary,
  rebuildDictionary,
  startRebuild,
} from '../../../electron/services/suggest/sources';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const CODER = 'coder';
// A small alphabet so texts repeat; 𠮷 is astral (two UTF-16 units), a space is trimmed away.
const CHARACTERS = ['蔡', '奇', '殷', '勇', '会', '𠮷', '。', ' '];
const textArb = fc.array(fc.constantFrom(...CHARACTERS), { minLength: 4, maxLength: 24 }).map((cs) => cs.join(''));

type Op =
  | { kind: 'create'; doc: number; start: number; length: number; label: number; other: boolean }
  | { kind: 'delete' | 'reject' | 'accept'; pick: number }
  | { kind: 'relabel'; pick: number; label: number }
  | { kind: 'move'; pick: number; start: number; length: number };

const createArb = fc.record({
  kind: fc.constant('create' as const),
  doc: fc.nat(),
  start: fc.nat(),
  length: fc.integer({ min: 1, max: 5 }),
  label: fc.nat(3),
  other: fc.boolean(),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: createArb },
  fc.record({ kind: fc.constantFrom('delete' as const, 'reject' as const, 'accept' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('relabel' as const), pick: fc.nat(), label: fc.nat(3) }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), start: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
);

interface Project {
  c: TestCore;
  db: Db;
  docs: { id: number; text: string }[];
  labels: number[];
  spans: number[];
}

async function project(texts: string[]): Promise<Project> {
  const c = testCore();
  cores.push(c);
  c.session.setAnnotator(CODER);
  const docs = texts.map((text) => ({ id: addDocument(c, text), text }));
  const labels = (await c.call('labels:list', {})).map((l) => l.id);
  return { c, db: c.session.requireDb(), docs, labels, spans: [] };
}

/** Applies an op; one the handlers refuse (a duplicate, a cut surrogate pair, a vanished span) is skipped, as a coder's would be. */
async function apply(p: Project, op: Op): Promise<void> {
  const label = (i: number) => p.labels[i % p.labels.length]!;
  const pick = (i: number) => p.spans[i % Math.max(1, p.spans.length)];
  try {
    if (op.kind === 'create') {
      const doc = p.docs[op.doc % p.docs.length]!;
      const start = op.start % doc.text.length;
      const end = Math.min(doc.text.length, start + op.length);
      p.c.session.setAnnotator(op.other ? 'other' : CODER);
      const span = await p.c.call('annotations:create', { documentId: doc.id, start, end, labelId: label(op.label) });
      p.spans.push(span.id);
      return;
    }
    const id = pick(op.pick);
    if (id === undefined) return;
    if (op.kind === 'delete') await p.c.call('annotations:delete', { id });
    else if (op.kind === 'reject' || op.kind === 'accept')
      await p.c.call('annotations:update', { id, reviewState: op.kind === 'reject' ? 'rejected' : 'accepted' });
    else if (op.kind === 'relabel') await p.c.call('annotations:update', { id, labelId: label(op.label) });
    else if (op.kind === 'move') await p.c.call('annotations:update', { id, start: op.start % 6, end: (op.start % 6) + op.length });
  } catch {
    // refused: nothing written
  } finally {
    p.c.session.setAnnotator(CODER);
  }
}

/** The dictionary as the project had it before migration 018: every confirmed span's text cut from its document. */
function cutEntries(p: Project): Map<string, number> {
  const coder = annotatorIdByName(p.db, CODER);
  return coder === null ? new Map() : dictionaryEntries(confirmedMentions(p.db, coder));
}

/** The dictionary counted from the kept texts, as projectDictionary builds it. */
function keptEntries(p: Project): Map<string, number> {
  const coder = annotatorIdByName(p.db, CODER);
  return coder === null ? new Map() : coderDictionaryEntries(p.db, coder);
}

const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** What the open dictionary finds in every document equals what the cut dictionary finds. */
async function expectSameHits(p: Project): Promise<void> {
  const coder = annotatorIdByName(p.db, CODER);
  if (coder === null) return expect(cutEntries(p).size).toBe(0);
  const expected = dictionaryMatcher(cutEntries(p));
  const open = projectDictionary(p.db, coder).matcher;
  for (const doc of p.docs) expect(open.find(doc.text)).toEqual(expected.find(doc.text));
}

describe('the dictionary from the kept span texts', () => {
  it('equals the dictionary cut span by span, built at once, after spans are added, and rebuilt after any edit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(textArb, { minLength: 1, maxLength: 4 }),
        fc.array(opArb, { maxLength: 25 }),
        fc.array(createArb, { maxLength: 8 }),
        fc.array(opArb, { maxLength: 10 }),
        async (texts, before, added, after) => {
          const p = await project(texts);
          for (const op of before) await apply(p, op);
          // A document opened: the dictionary is built (the coder exists once a span was made).
          await p.c.call('suggestions:forDocument', { documentId: p.docs[0]!.id, sources: ['dictionary'] });
          expect(sorted(keptEntries(p))).toEqual(sorted(cutEntries(p)));
          await expectSameHits(p);
          // Spans added since are counted at once, without a rebuild.
          for (const op of added) await apply(p, op);
          await p.c.call('suggestions:forDocument', { documentId: p.docs[0]!.id, sources: ['dictionary'] });
          await expectSameHits(p);
          // Deleted, rejected, relabelled, moved: exact once rebuilt.
          for (const op of after) await apply(p, op);
          await p.c.call('suggestions:forDocument', { documentId: p.docs[0]!.id, sources: ['dictionary'] });
          // In steps of one document (and two texts), each a timer of its own, as the app does in the background.
          startRebuild(p.db, 1, 2);
          for (let i = 0; i < 100 && dictionaryRebuildPending(p.db); i++) await new Promise((resolve) => setTimeout(resolve, 0));
          expect(dictionaryRebuildPending(p.db)).toBe(false);
          expect(sorted(keptEntries(p))).toEqual(sorted(cutEntries(p)));
          await expectSameHits(p);
          // At once (the bench's measure), and the matcher is kept when nothing changed.
          const built = projectDictionary(p.db, annotatorIdByName(p.db, CODER) ?? 0);
          rebuildDictionary(p.db);
          const rebuilt = projectDictionary(p.db, annotatorIdByName(p.db, CODER) ?? 0);
          expect(rebuilt.version).toBe(built.version);
          expect(rebuilt.matcher).toBe(built.matcher);
          cores.splice(cores.indexOf(p.c), 1);
          p.c.dispose();
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  it('reads the kept texts (a kept text changed behind its back shows), and cuts only the spans whose text is not kept', async () => {
    const p = await project(['蔡奇会见殷勇。', '𠮷蔡奇会见殷勇']);
    await p.c.call('annotations:create', { documentId: p.docs[0]!.id, start: 0, end: 2, labelId: p.labels[0]! });
    await p.c.call('annotations:create', { documentId: p.docs[1]!.id, start: 6, end: 8, labelId: p.labels[0]! });
    const coder = annotatorIdByName(p.db, CODER)!;
    expect(sorted(coderDictionaryEntries(p.db, coder))).toEqual([
      ['殷勇', p.labels[0]],
      ['蔡奇', p.labels[0]],
    ]);
    p.db.prepare("UPDATE dashboard_span_mentions SET text = '殷勇X' WHERE text = '蔡奇'").run();
    expect(sorted(coderDictionaryEntries(p.db, coder))).toEqual([
      ['殷勇', p.labels[0]],
      ['殷勇X', p.labels[0]],
    ]);
  });

  it('a span without its kept row, or a project older than schema 18 (read-only: never migrated), is counted the old way', async () => {
    const p = await project(['蔡奇会见殷勇。蔡奇', '𠮷蔡奇会见殷勇']);
    for (const [doc, start] of [
      [0, 0],
      [0, 4],
      [1, 6],
    ] as const) {
      await p.c.call('annotations:create', { documentId: p.docs[doc]!.id, start, end: start + 2, labelId: p.labels[1]! });
    }
    const coder = annotatorIdByName(p.db, CODER)!;
    p.db.prepare("DELETE FROM dashboard_span_mentions WHERE text = '蔡奇'").run();
    expect(sorted(coderDictionaryEntries(p.db, coder))).toEqual(sorted(cutEntries(p)));
    const dashboard = p.db.prepare("SELECT type, name FROM sqlite_master WHERE name LIKE 'dashboard%' AND type IN ('trigger', 'table')").all() as {
      type: string;
      name: string;
    }[];
    for (const { type, name } of dashboard.sort((a) => (a.type === 'trigger' ? -1 : 1))) p.db.exec(`DROP ${type.toUpperCase()} IF EXISTS ${name}`);
    await p.c.call('annotations:create', { documentId: p.docs[0]!.id, start: 2, end: 4, labelId: p.labels[0]! });
    expect(sorted(coderDictionaryEntries(p.db, coder))).toEqual(sorted(cutEntries(p)));
    expect(cutEntries(p).get('会见')).toBe(p.labels[0]);
  });
});
