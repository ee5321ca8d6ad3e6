// The export reader's two ways of reading spans from a real project file agree: the position
// lists SQLite writes for the lean formats hold exactly the rows the detailed read returns.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { insertDocumentAnnotations } from '../../../electron/services/db/annotations';
import { readExportSpanPositions, readExportSpans } from '../../../electron/services/db/export-queries';
import { listLabels } from '../../../electron/services/db/labels';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { packPositions, SPAN_NUMBERS } from '../../../electron/services/export/reader';
import { addDocument, testCore } from '../helpers';

describe('export reader', () => {
  const core = testCore();
  afterAll(() => core.dispose());
  const db = core.session.requireDb();
  const text = '北京市朝阳区委书记调研未来科学城，强调牢固树立“四个意识”。'.repeat(40);
  const labelIds = listLabels(db).map((l) => l.id);
  const annotators = [ensureAnnotator(db, '王'), ensureAnnotator(db, 'li')];
  const now = new Date().toISOString();
  let added = 0;

  it('property: position lists parse to the same numbers as the detailed rows, in the same order', () => {
    const spanArb = fc
      .tuple(fc.nat(text.length - 1), fc.integer({ min: 1, max: 30 }), fc.nat(labelIds.length - 1), fc.nat(1))
      .map(([start, length, label, annotator]) => ({ start, end: Math.min(text.length, start + length), labelId: labelIds[label], annotatorId: annotators[annotator] }));
    fc.assert(
      fc.property(fc.array(fc.array(spanArb, { maxLength: 40 }), { minLength: 1, maxLength: 6 }), (docs) => {
        const ids = docs.map((spans, i) => {
          const id = addDocument(core, `${text}${++added}`, `doc ${i}`); // distinct texts: the project refuses duplicates
          insertDocumentAnnotations(db, id, spans.map((s) => ({ ...s, documentId: id, origin: 'manual', reviewState: 'pending', attributes: { note: 'a,b' }, createdAt: now, updatedAt: now })));
          return id;
        });
        const rows = readExportSpans(db, ids);
        const expected = rows.flatMap((row) => row.slice(0, SPAN_NUMBERS) as number[]);
        const { numbers, details } = packPositions(readExportSpanPositions(db, ids));
        expect(details).toBeNull();
        expect([...numbers]).toEqual(expected);
        expect(numbers.length).toBe(docs.flat().length * SPAN_NUMBERS);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a position list that is not made of numbers instead of exporting wrong offsets', () => {
    expect(() => packPositions([[7, '1,2,3,4,5'], [8, '1,2.5,3,4,5']])).toThrow('document 8: span positions hold "."');
  });
});
