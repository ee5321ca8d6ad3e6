// layers:coderCounts through the real registry on a real project file: the document list's spans
// per coder (a document has one status, so the list shows each coder's span count instead).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { insertAnnotation } from '../../../electron/services/db/annotations';
import { nowIso } from '../../../electron/services/db/connection';
import { getLabelByKey } from '../../../electron/services/db/labels';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
beforeEach(() => (core = testCore()));
afterEach(() => core.dispose());

function addSpan(documentId: number, coder: string, start: number, end: number, label = 'PERSON'): void {
  const db = core.session.requireDb();
  const now = nowIso();
  insertAnnotation(db, {
    documentId,
    start,
    end,
    labelId: getLabelByKey(db, label)!.id,
    annotatorId: ensureAnnotator(db, coder),
    origin: 'manual',
    reviewState: 'pending',
    attributes: {},
    createdAt: now,
    updatedAt: now,
  });
}

describe('layers:coderCounts', () => {
  test('counts each coder’s spans per asked document, by document then name; documents without spans are absent', async () => {
    const a = addDocument(core, '北京市昌平区区长张三今天宣布了新的目标。', 'a');
    const b = addDocument(core, '海淀区的项目。', 'b');
    const empty = addDocument(core, '无人标注的文章。', 'empty');
    addSpan(a, '王', 0, 2);
    addSpan(a, '王', 2, 4);
    addSpan(a, '李', 0, 2);
    addSpan(b, '李', 0, 3, 'PROJECT');
    expect(await core.call('layers:coderCounts', { documentIds: [empty, b, a] })).toEqual([
      { documentId: a, annotator: '李', count: 1, status: null },
      { documentId: a, annotator: '王', count: 2, status: null },
      { documentId: b, annotator: '李', count: 1, status: null },
    ]);
    expect(await core.call('layers:coderCounts', { documentIds: [b] })).toEqual([{ documentId: b, annotator: '李', count: 1, status: null }]);
  });

  test('equals a count of the spans made, for random spans', async () => {
    const docs = [addDocument(core, '甲'.repeat(40), 'x'), addDocument(core, '乙'.repeat(40), 'y')];
    const spans = fc.sample(
      fc.record({
        doc: fc.constantFrom(0, 1),
        coder: fc.constantFrom('王', '李', '张'),
        start: fc.integer({ min: 0, max: 38 }),
        len: fc.integer({ min: 1, max: 2 }),
      }),
      { numRuns: 60, seed: 20 },
    );
    const expected = new Map<string, number>();
    const seen = new Set<string>();
    for (const s of spans) {
      const key = `${s.doc}|${s.coder}|${s.start}|${s.len}`;
      if (seen.has(key)) continue; // one coder's label on one stretch is one span
      seen.add(key);
      addSpan(docs[s.doc], s.coder, s.start, s.start + s.len);
      const k = `${docs[s.doc]}|${s.coder}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    const got = await core.call('layers:coderCounts', { documentIds: docs });
    expect(new Map(got.map((r) => [`${r.documentId}|${r.annotator}`, r.count]))).toEqual(expected);
  });

  test('refuses an empty or oversized list with a message naming the field', async () => {
    for (const documentIds of [[], Array.from({ length: 1001 }, (_, i) => i + 1)]) {
      const result = await core.registry.dispatch('layers:coderCounts', { documentIds });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/documentIds/);
    }
  });
});
