// Label all on random documents and spans (fast-check): the spans it creates are exactly those a
// hit-by-hit oracle predicts (skip the coder's same-label span, refuse to cut one of the coder's
// spans, count the batch's own spans too), the preview said the same, an undo leaves the spans
// table exactly as before and a redo exactly as after.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

// Few characters, so queries hit often and spans meet; one outside the BMP (two UTF-16 units).
const CHARS = ['蔡', '奇', '两', '维', '𠀀'];

const spanArb = (length: number) =>
  fc
    .tuple(fc.nat({ max: length - 1 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('PERSON', 'SLOGAN'), fc.constantFrom('A', 'B'))
    .map(([from, size, label, coder]) => ({ from, to: Math.min(length, from + size), label, coder }));

const documentArb = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 24 })
  .chain((chars) => fc.record({ chars: fc.constant(chars), spans: fc.array(spanArb(chars.length), { maxLength: 6 }) }));

const caseArb = fc.record({
  // Distinct texts: the project refuses a second copy of a document.
  documents: fc.uniqueArray(documentArb, { minLength: 1, maxLength: 4, selector: (d) => d.chars.join('') }),
  query: fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 3 }).map((q) => q.join('')),
  label: fc.constantFrom('PERSON', 'SLOGAN'),
});

/** UTF-16 offset of the character at `index`. */
const unitOffset = (chars: string[], index: number) => chars.slice(0, index).join('').length;

type Place = [start: number, end: number, label: string];

/** What label all should create in one document: hits left to right, not overlapping, checked one by one. */
function oracle(text: string, query: string, label: string, mine: Place[]): Place[] {
  const created: Place[] = [];
  for (let at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + query.length)) {
    const [start, end] = [at, at + query.length];
    const near = [...mine, ...created].filter(([s, e]) => s < end && start < e);
    if (near.some(([s, e, l]) => s === start && e === end && l === label)) continue;
    if (near.some(([s, e]) => !(s <= start && end <= e) && !(start <= s && e <= end))) continue;
    created.push([start, end, label]);
  }
  return created;
}

describe('label all, undo, redo on random corpora', () => {
  it('creates what the oracle predicts; undo restores the spans table exactly, redo the labelled one', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ documents, query, label }) => {
        const core = testCore();
        cores.push(core);
        const labels = await core.call('labels:list', {});
        const labelId = (key: string) => labels.find((l) => l.key === key)!.id;
        const expected: Place[][] = [];
        const ids: number[] = [];
        for (const [n, doc] of documents.entries()) {
          const text = doc.chars.join('');
          const documentId = addDocument(core, text, `d${n}-${text}`);
          ids.push(documentId);
          const mine: Place[] = [];
          for (const span of doc.spans) {
            await core.call('projects:setAnnotator', { name: span.coder });
            const place = { start: unitOffset(doc.chars, span.from), end: unitOffset(doc.chars, span.to) };
            await core.call('annotations:create', { documentId, ...place, labelId: labelId(span.label) });
            if (span.coder === 'A') mine.push([place.start, place.end, span.label]);
          }
          expected.push(
            oracle(
              text,
              query,
              label,
              mine.sort((a, b) => a[0] - b[0]),
            ),
          );
        }
        await core.call('projects:setAnnotator', { name: 'A' });
        const db = core.session.requireDb();
        const table = () => db.prepare('SELECT * FROM annotations ORDER BY id').all();
        const before = table();

        const input = { search: { query }, hits: 'all' as const, labelId: labelId(label) };
        const preview = await core.call('search:labelPreview', input);
        const result = await core.call('search:labelAll', input);
        expect(result).toMatchObject(preview);
        expect(result.create).toBe(expected.flat().length);
        const after = table();
        for (const [n, documentId] of ids.entries()) {
          const spans = await core.call('annotations:list', { documentId });
          const made = spans.filter((s) => !before.some((b) => (b as { id: number }).id === s.id));
          expect(made.map((s) => [s.start, s.end, labels.find((l) => l.id === s.labelId)!.key])).toEqual(expected[n]);
          expect(made.every((s) => s.annotator === 'A' && s.origin === 'manual')).toBe(true);
        }
        // Spans that were there are untouched.
        expect(after.filter((row) => before.some((b) => (b as { id: number }).id === (row as { id: number }).id))).toEqual(before);

        await core.call('search:undoLabelAll', { batchId: result.batchId });
        expect(table()).toEqual(before);
        await core.call('search:redoLabelAll', { batchId: result.batchId });
        expect(table()).toEqual(after);
        // And once more, through the same rows of history.
        await core.call('search:undoLabelAll', { batchId: result.batchId });
        expect(table()).toEqual(before);
        core.dispose();
        cores.splice(cores.indexOf(core), 1);
      }),
      { numRuns: 30 },
    );
  });

  it("undoing each document's part in the reader is the same as the batch's undo", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ documents, query, label }) => {
        const core = testCore();
        cores.push(core);
        const labels = await core.call('labels:list', {});
        const ids = documents.map((doc, n) => addDocument(core, doc.chars.join(''), `d${n}-${doc.chars.join('')}`));
        for (const [n, doc] of documents.entries()) {
          for (const span of doc.spans) {
            const place = { start: unitOffset(doc.chars, span.from), end: unitOffset(doc.chars, span.to) };
            await core.call('annotations:create', { documentId: ids[n], ...place, labelId: labels.find((l) => l.key === span.label)!.id });
          }
        }
        const db = core.session.requireDb();
        const table = () => db.prepare('SELECT * FROM annotations ORDER BY id').all();
        const before = table();
        const result = await core.call('search:labelAll', { search: { query }, hits: 'all', labelId: labels.find((l) => l.key === label)!.id });
        const after = table();
        const touched = new Set<number>();
        for (const documentId of ids) {
          const state = await core.call('history:state', { documentId });
          if (state.undoKind !== 'create' || after.length === before.length) continue;
          const spans = after.filter((row) => (row as { document_id: number }).document_id === documentId).length;
          const mine = before.filter((row) => (row as { document_id: number }).document_id === documentId).length;
          if (spans === mine) continue;
          const step = await core.call('history:undo', { documentId });
          expect(step?.deletedIds).toHaveLength(spans - mine);
          touched.add(documentId);
        }
        expect(table()).toEqual(before);
        expect(result.documents).toBe(touched.size);
        // The batch's own undo finds nothing left; its redo finds each part as that document's next redo step.
        expect(await core.call('search:undoLabelAll', { batchId: result.batchId })).toMatchObject({ removed: 0, leftAlone: 0 });
        expect(await core.call('search:redoLabelAll', { batchId: result.batchId })).toMatchObject({ created: after.length - before.length });
        expect(table()).toEqual(after);
        core.dispose();
        cores.splice(cores.indexOf(core), 1);
      }),
      { numRuns: 20 },
    );
  });
});
