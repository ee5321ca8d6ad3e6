// The export reader's ways of reading spans from a real project file agree: the position (and
// attributes) lists SQLite writes for the leaner formats hold exactly what the detailed read returns.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { insertDocumentAnnotations } from '../../../electron/services/db/annotations';
import { readExportSpanPositions, readExportSpans } from '../../../electron/services/db/export-queries';
import { listLabels } from '../../../electron/services/db/labels';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { AttributesNumbering, AttributesTable } from '../../../electron/services/export/attributes-table';
import { packPositions, packSpans, SPAN_NUMBERS } from '../../../electron/services/export/reader';
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

  // Separators of the lists themselves (",", U+001E) and JSON escapes among the values.
  const attributesArb = fc.dictionary(fc.constantFrom('role', 'note'), fc.string({ unit: fc.constantFrom('a', ',', '\x1e', '"', '\\', '区', '\n') }), { maxKeys: 2 });

  it('property: position lists parse to the same numbers as the detailed rows, in the same order', () => {
    const spanArb = fc
      .tuple(fc.nat(text.length - 1), fc.integer({ min: 1, max: 30 }), fc.nat(labelIds.length - 1), fc.nat(1), attributesArb)
      .map(([start, length, label, annotator, attributes]) => ({ start, end: Math.min(text.length, start + length), labelId: labelIds[label], annotatorId: annotators[annotator], attributes }));
    fc.assert(
      fc.property(fc.array(fc.array(spanArb, { maxLength: 40 }), { minLength: 1, maxLength: 6 }), (docs) => {
        const ids = docs.map((spans, i) => {
          const id = addDocument(core, `${text}${++added}`, `doc ${i}`); // distinct texts: the project refuses duplicates
          insertDocumentAnnotations(db, id, spans.map((s) => ({ ...s, documentId: id, origin: 'manual', reviewState: 'pending', createdAt: now, updatedAt: now })));
          return id;
        });
        const rows = readExportSpans(db, ids);
        const expected = rows.flatMap((row) => row.slice(0, SPAN_NUMBERS) as number[]);
        const { numbers, details, attributes } = packPositions(readExportSpanPositions(db, ids));
        expect(details).toBeNull();
        expect(attributes).toBeNull();
        expect([...numbers]).toEqual(expected);
        expect(numbers.length).toBe(docs.flat().length * SPAN_NUMBERS);
        // Attributes arrive as numbers into a table the formatter builds from the texts sent.
        const table = new AttributesTable();
        const attributesOf = (packed: ReturnType<typeof packPositions>) => {
          table.apply(packed.attributesUpdate!);
          return [...packed.attributes!].map((n) => table.get(n));
        };
        const numbering = new AttributesNumbering(5); // small: the table is emptied between batches
        const withAttributes = packPositions(readExportSpanPositions(db, ids, true), numbering);
        expect([...withAttributes.numbers]).toEqual(expected);
        const parsedRows = rows.map((row) => JSON.parse(row[8]));
        expect(attributesOf(withAttributes)).toEqual(parsedRows);
        const detailed = packSpans(readExportSpans(db, ids), numbering);
        expect([...detailed.numbers]).toEqual(expected);
        expect(attributesOf(detailed)).toEqual(parsedRows);
        expect(detailed.details).toEqual(rows.flatMap((row) => [row[6], row[7], row[9], row[10]]));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a position list that is not made of numbers instead of exporting wrong offsets', () => {
    expect(() => packPositions([[7, '1,2,3,4,5', null], [8, '1,2.5,3,4,5', null]])).toThrow('document 8: span positions hold "."');
  });

  it('refuses attributes that hold a raw list separator instead of shifting them onto other spans', () => {
    const id = addDocument(core, `${text}raw-separator`, 'raw separator');
    insertDocumentAnnotations(db, id, [0, 5].map((start) => ({ documentId: id, start, end: start + 2, labelId: labelIds[0], annotatorId: annotators[0], origin: 'manual', reviewState: 'pending', attributes: {}, createdAt: now, updatedAt: now })));
    // Only a file written by another program could hold this: our writes go through JSON.stringify.
    db.prepare('UPDATE annotations SET attributes_json = ? WHERE document_id = ? AND start = 0').run('{"note":"a\x1eb"}', id);
    expect(() => packPositions(readExportSpanPositions(db, [id], true), new AttributesNumbering())).toThrow(`document ${id}: span attributes hold the control character U+001E`);
  });
});

describe('span attributes between the export threads', () => {
  it('are sent once per distinct text, numbered again after the table is emptied between batches', () => {
    const numbering = new AttributesNumbering(2);
    const table = new AttributesTable();
    const batch = (texts: string[]) => {
      numbering.beginBatch();
      const numbers = texts.map((t) => numbering.numberOf(t));
      const update = numbering.endBatch();
      table.apply(update);
      return { numbers, update, attributes: numbers.map((n) => table.get(n)) };
    };
    const first = batch(['{}', '{"role":"区长"}', '{}', '{"role":"书记"}']);
    expect(first.update).toEqual({ reset: false, texts: ['{}', '{"role":"区长"}', '{"role":"书记"}'] });
    expect(first.attributes).toEqual([{}, { role: '区长' }, {}, { role: '书记' }]);
    const second = batch(['{"role":"区长"}']); // the table is full: emptied, and the text sent again
    expect(second.update).toEqual({ reset: true, texts: ['{"role":"区长"}'] });
    expect(second.numbers).toEqual([0]);
    expect(second.attributes).toEqual([{ role: '区长' }]);
    expect(Object.isFrozen(second.attributes[0])).toBe(true);
  });

  it('name a text that is not JSON instead of failing somewhere later', () => {
    expect(() => new AttributesTable().apply({ reset: false, texts: ['{"role":'] })).toThrow('span attributes are not valid JSON');
    expect(() => new AttributesTable().get(3)).toThrow('span attributes number 3 was never sent');
  });
});
