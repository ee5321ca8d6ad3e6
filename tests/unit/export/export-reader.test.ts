// The export reader's span lists, written by SQLite per document and parsed in the reader thread,
// hold exactly the spans that a plain row-by-row SELECT of a real project file returns, document
// by document: positions, attributes and the other details of each span together, whatever those
// texts hold. (Within a document the order is SQLite's; exporters sort.)
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { insertDocumentAnnotations } from '../../../electron/services/db/annotations';
import { readExportSpanLists } from '../../../electron/services/db/export-queries';
import { listLabels } from '../../../electron/services/db/labels';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { AttributeSetsSent, AttributeTable } from '../../../electron/services/export/attribute-table';
import { readAttributeSets } from '../../../electron/services/db/attribute-sets';
import { packTexts, TextUnpacker } from '../../../electron/services/export/packed-texts';
import { packSpans, SpanUnpacker, spanOrigin, spanReviewState, type PackedSpans } from '../../../electron/services/export/span-batches';
import { utf8Text } from '../../../shared/exchange/text-builder';
import type { ExportDocumentRow } from '../../../electron/services/db/export-queries';
import { addDocument, testCore } from '../helpers';

type Row = [
  documentId: number,
  id: number,
  start: number,
  end: number,
  labelId: number,
  annotatorId: number,
  origin: string,
  reviewState: string,
  attributesJson: string,
  createdAt: string,
  updatedAt: string,
  attributeSetId: number,
];

describe('export reader', () => {
  const core = testCore();
  afterAll(() => core.dispose());
  const db = core.session.requireDb();
  const text = '北京市朝阳区委书记调研未来科学城，强调牢固树立“四个意识”。'.repeat(40);
  const labelIds = listLabels(db).map((l) => l.id);
  const annotators = [ensureAnnotator(db, '王'), ensureAnnotator(db, 'li')];
  let added = 0;

  const numberings = (limit?: number) => new AttributeSetsSent(limit);
  const readSets = (ids: number[]) => readAttributeSets(db, ids);
  const stateOf = (row: Row) => (row[6] === 'suggested' ? 1 : 0) | (row[7] === 'accepted' ? 2 : row[7] === 'rejected' ? 4 : 0);

  /** The reference: every span row by row, by document and id. */
  const rowsOf = (ids: number[]) =>
    db
      .prepare(
        `SELECT a.document_id, a.id, a.start, a.end, a.label_id, a.annotator_id, a.origin, a.review_state, coalesce(s.json, '{}'), a.created_at, a.updated_at,
                coalesce(a.attribute_set_id, 0) FROM annotations a LEFT JOIN attribute_sets s ON s.id = a.attribute_set_id
                WHERE a.document_id IN (SELECT value FROM json_each(?)) ORDER BY a.document_id, a.id`,
      )
      .raw(true)
      .all(JSON.stringify(ids)) as Row[];

  // Separators of the lists themselves (",", U+001E) and JSON escapes among the values.
  const attributesArb = fc.dictionary(fc.constantFrom('role', 'note'), fc.string({ unit: fc.constantFrom('a', ',', '\x1e', '"', '\\', '区', '\n') }), {
    maxKeys: 2,
  });

  it("property: the lists parse to the rows of a plain SELECT, each span's details with it", () => {
    const spanArb = fc
      .tuple(
        fc.nat(text.length - 1),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(labelIds.length - 1),
        fc.nat(1),
        attributesArb,
        fc.constantFrom('manual' as const, 'suggested' as const),
        fc.constantFrom('pending' as const, 'accepted' as const, 'rejected' as const),
        fc.date({ noInvalidDate: true }),
      )
      .map(([start, length, label, annotator, attributes, origin, reviewState, time]) => ({
        start,
        end: Math.min(text.length, start + length),
        labelId: labelIds[label],
        annotatorId: annotators[annotator],
        attributes,
        origin,
        reviewState,
        // Most spans are never edited: their updated time equals the created one.
        createdAt: time.toISOString(),
        updatedAt: new Date(time.getTime() + (time.getTime() % 2)).toISOString(),
      }));
    fc.assert(
      fc.property(fc.array(fc.array(spanArb, { maxLength: 40 }), { minLength: 1, maxLength: 6 }), (docs) => {
        const ids = docs.map((spans, i) => {
          const id = addDocument(core, `${text}${++added}`, `doc ${i}`); // distinct texts: the project refuses duplicates
          insertDocumentAnnotations(
            db,
            id,
            spans.map((s) => ({ ...s, documentId: id })),
          );
          return id;
        });
        const rows = rowsOf(ids);
        const expected = rows.map((row) => [...(row.slice(0, 6) as number[]), stateOf(row), row[11]]);
        // Origin and review state are read with every detail only (the state expression was a third
        // of SQLite's time), attribute sets with attributes.
        const withoutState = expected.map((numbers) => [...numbers.slice(0, 6), 0, numbers[7]]);
        const lone = expected.map((numbers) => [...numbers.slice(0, 6), 0, 0]);
        // Attribute sets come by id, the other fields by name.
        const attributes = new AttributeTable();
        /** Each packed span's numbers with its attributes and details, by document and id. */
        const spansOf = (packed: PackedSpans) => {
          if (packed.attributesUpdate) attributes.apply(packed.attributesUpdate);
          const unpacker = new SpanUnpacker(packed);
          const spans = ids
            .flatMap((id) => unpacker.take(id))
            .map((r) => ({
              numbers: [r.documentId, r.id, r.start, r.end, r.labelId, r.annotatorId, r.state, r.attributeSetId],
              attributes: packed.attributesUpdate ? attributes.get(r.attributeSetId) : null,
              details: packed.texts.createdAt ? [r.createdAt, r.updatedAt] : null,
            }));
          // Grouped by document in id order, as the document rows are; within one, SQLite's order.
          expect(spans.map((s) => s.numbers[0])).toEqual([...spans.map((s) => s.numbers[0])].sort((x, y) => x - y));
          return spans.sort((x, y) => x.numbers[0] - y.numbers[0] || x.numbers[1] - y.numbers[1]);
        };
        const lean = spansOf(packSpans(readExportSpanLists(db, ids), 'none', numberings(), readSets));
        expect(lean.map((s) => s.numbers)).toEqual(lone);
        expect(lean.every((s) => s.attributes === null && s.details === null)).toBe(true);
        const small = numberings(5); // small tables: they are emptied between batches
        const parsedAttributes = rows.map((row) => JSON.parse(row[8]));
        const withAttributes = spansOf(packSpans(readExportSpanLists(db, ids, 'attributes'), 'attributes', small, readSets));
        expect(withAttributes.map((s) => s.numbers)).toEqual(withoutState);
        expect(withAttributes.map((s) => s.attributes)).toEqual(parsedAttributes);
        expect(withAttributes.every((s) => s.details === null)).toBe(true);
        const all = spansOf(packSpans(readExportSpanLists(db, ids, 'all'), 'all', small, readSets));
        expect(all.map((s) => s.numbers)).toEqual(expected);
        expect(all.map((s) => s.attributes)).toEqual(parsedAttributes);
        expect(all.map((s) => s.details)).toEqual(rows.map((row) => [row[9], row[10]]));
        for (const [i, row] of rows.entries()) {
          expect(spanOrigin(all[i].numbers[6])).toBe(row[6]);
          expect(spanReviewState(all[i].numbers[6])).toBe(row[7]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a position list that is not made of numbers instead of exporting wrong offsets', () => {
    const none = () => [];
    expect(() =>
      packSpans(
        [
          [7, 1, '1,2,3,4,5,0,0', null, null],
          [8, 1, '1,2.5,3,4,5,0,0', null, null],
        ],
        'none',
        numberings(),
        none,
      ),
    ).toThrow('document 8: span positions hold "."');
    expect(() => packSpans([[9, 1, '1,2,3,4,5,0', null, null]], 'none', numberings(), none)).toThrow(
      'document 9: span positions hold 6 numbers for 1 spans, not 7 each',
    );
    // One number short here and one too many there must not even out over the batch.
    expect(() =>
      packSpans(
        [
          [10, 1, '1,2,3,4,5,0,0,6', null, null],
          [11, 1, '1,2,3,4,5,0', null, null],
        ],
        'none',
        numberings(),
        none,
      ),
    ).toThrow('document 10: span positions hold 8 numbers for 1 spans');
  });

  it('carries attributes holding any character, and refuses times that hold a raw list separator instead of shifting them onto other spans', () => {
    const id = addDocument(core, `${text}raw-separator`, 'raw separator');
    const now = new Date().toISOString();
    const attributes = { note: 'a\x1eb,c\x1fd' };
    insertDocumentAnnotations(
      db,
      id,
      [0, 5].map((start) => ({
        documentId: id,
        start,
        end: start + 2,
        labelId: labelIds[0],
        annotatorId: annotators[0],
        origin: 'manual',
        reviewState: 'pending',
        attributes: start === 0 ? attributes : {},
        createdAt: now,
        updatedAt: now,
      })),
    );
    const table = new AttributeTable();
    const packed = packSpans(readExportSpanLists(db, [id], 'attributes'), 'attributes', numberings(), readSets);
    table.apply(packed.attributesUpdate!);
    const sets = new SpanUnpacker(packed).take(id).map((record) => table.get(record.attributeSetId));
    expect(sets.sort((a, b) => Object.keys(a).length - Object.keys(b).length)).toEqual([{}, attributes]);
    // Only a file written by another program could hold these: our writes keep one time per field.
    db.prepare('UPDATE annotations SET created_at = ? WHERE document_id = ? AND start = 0').run('2025\x1e01', id);
    const shifted = packSpans(readExportSpanLists(db, [id], 'all'), 'all', numberings(), readSets);
    expect(() => new SpanUnpacker(shifted).take(id)).toThrow(`document ${id}: span field createdAt holds the control character U+001E`);
    // Any other character comes as it is.
    db.prepare('UPDATE annotations SET created_at = ?, updated_at = ? WHERE document_id = ? AND start = 0').run('2025\x1f01', '2025,01', id);
    const records = new SpanUnpacker(packSpans(readExportSpanLists(db, [id], 'all'), 'all', numberings(), readSets)).take(id);
    expect(records.map((r) => [r.createdAt, r.updatedAt])).toContainEqual(['2025\x1f01', '2025,01']);
  });

  it('names an attribute set missing from a damaged project instead of exporting spans without it', () => {
    const id = addDocument(core, `${text}missing-set`, 'missing set');
    const now = new Date().toISOString();
    insertDocumentAnnotations(db, id, [
      {
        documentId: id,
        start: 0,
        end: 2,
        labelId: labelIds[0],
        annotatorId: annotators[0],
        origin: 'manual',
        reviewState: 'pending',
        attributes: { role: '区长' },
        createdAt: now,
        updatedAt: now,
      },
    ]);
    db.pragma('foreign_keys = OFF'); // as another program could have written it
    db.prepare('UPDATE annotations SET attribute_set_id = 99999 WHERE document_id = ?').run(id);
    db.pragma('foreign_keys = ON');
    expect(() => packSpans(readExportSpanLists(db, [id], 'attributes'), 'attributes', numberings(), readSets)).toThrow(
      'span attribute set 99999 is missing from the project: the file is damaged',
    );
  });
});

describe('texts between the export threads', () => {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const row = (id: number, text: Uint8Array, original: Uint8Array | null): ExportDocumentRow => ({
    id,
    title: `t${id}`,
    published_at: null,
    source: null,
    district: null,
    url: null,
    reporters_json: '[]',
    external_id: null,
    status: 'todo',
    note: null,
    text,
    original_text: original,
    offset_map_json: null,
  });
  // Well-formed texts, and bytes SQLite could hold from a file another program wrote.
  const bytesArb = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    fc.uint8Array({ maxLength: 12 }),
    fc.constantFrom(
      Uint8Array.of(0xef, 0xbb, 0xbf, 0x41),
      Uint8Array.of(0xed, 0xa0, 0x80),
      Uint8Array.of(0xe5, 0x8c),
      new Uint8Array(Buffer.from('“区”\n"引号"\\\t\u0001𠮷', 'utf8')),
    ),
  );

  it('property: every text is what TextDecoder reads, its bytes come only when they are the text, and an identical original comes once', () => {
    // An original text: other bytes, the same bytes, or null (SQLite found it equal to the text).
    const rowArb = fc.tuple(bytesArb, fc.oneof(bytesArb, fc.constantFrom('same' as const, 'null' as const)));
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 6 }), fc.boolean(), fc.boolean(), (pairs, withOriginal, withUtf8) => {
        const rows = pairs.map(([text, original], i) =>
          row(i + 1, text, !withOriginal || original === 'null' ? null : original === 'same' ? new Uint8Array(text) : original),
        );
        const { rows: lean, texts } = packTexts(rows, withOriginal, withUtf8);
        expect(lean.map((r) => r.id)).toEqual(rows.map((r) => r.id));
        expect(lean.every((r) => !('text' in r) && !('original_text' in r))).toBe(true);
        const perRow = withOriginal ? 2 : 1;
        expect(texts.ranges.length).toBe(rows.length * perRow * 2);
        rows.forEach((r, i) => {
          const stored = withOriginal ? [r.text, r.original_text ?? r.text] : [r.text];
          stored.forEach((bytes, j) => {
            const k = i * perRow + j;
            const wellFormed = Buffer.from(decoder.decode(bytes), 'utf8').equals(bytes);
            const { text, utf8 } = TextUnpacker.unpack(texts, k);
            expect(text).toBe(decoder.decode(bytes));
            if (!withUtf8 || !wellFormed) return expect(utf8).toBeUndefined();
            // The bytes as stored, and exactly the offsets of the bytes JSON escapes.
            expect(utf8).toEqual(utf8Text(decoder.decode(bytes)));
          });
          if (withOriginal) {
            // Sent once when identical; told apart when not (the formatter then unpacks both).
            expect(TextUnpacker.same(texts, 2 * i, 2 * i + 1)).toBe(Buffer.from(r.text).equals(r.original_text ?? r.text));
          }
        });
        if (!withUtf8) expect(texts.utf8).toBeNull();
      }),
      { numRuns: 400 },
    );
  });
});

describe('span texts between the export threads', () => {
  it('send each attribute set once, again after the tables are emptied between batches', () => {
    const sent = new AttributeSetsSent(2);
    const table = new AttributeTable();
    const stored = new Map([
      [4, '{"role":"区长"}'],
      [9, '{"role":"书记"}'],
      [12, '{"district":"顺义区"}'],
    ]);
    const asked: number[][] = [];
    const batch = (ids: number[]) => {
      sent.beginBatch();
      for (const id of ids) sent.use(id);
      const update = sent.endBatch((wanted) => (asked.push(wanted), wanted.map((id) => [id, stored.get(id)!])));
      table.apply(update);
      return { update, sets: ids.map((id) => table.get(id)) };
    };
    const first = batch([0, 4, 4, 0, 9, 4]);
    // Most spans have no attributes (set 0): never sent, and every such span shares one frozen object.
    expect(first.update).toEqual({
      reset: false,
      sets: [
        [4, '{"role":"区长"}'],
        [9, '{"role":"书记"}'],
      ],
    });
    expect(first.sets).toEqual([{}, { role: '区长' }, { role: '区长' }, {}, { role: '书记' }, { role: '区长' }]);
    expect(first.sets[0]).toBe(first.sets[3]);
    expect(first.sets[1]).toBe(first.sets[5]);
    expect(first.sets.every((s) => Object.isFrozen(s))).toBe(true);
    // The table is full: emptied, and the set sent again.
    const second = batch([4, 12]);
    expect(second.update).toEqual({
      reset: true,
      sets: [
        [4, '{"role":"区长"}'],
        [12, '{"district":"顺义区"}'],
      ],
    });
    expect(() => table.get(9)).toThrow('span attribute set 9 was never sent');
    // A batch without new sets asks for none.
    batch([0, 0]);
    // Ids far beyond any seen so far are remembered too.
    stored.set(70_000, '{"role":"副区长"}');
    expect(batch([70_000, 70_000]).sets).toEqual([{ role: '副区长' }, { role: '副区长' }]);
    expect(batch([70_000, 0]).update.sets).toEqual([]);
    expect(asked).toEqual([[4, 9], [4, 12], [70_000]]);
  });

  it('name a text that is not JSON instead of failing somewhere later', () => {
    expect(() => new AttributeTable().apply({ reset: false, sets: [[3, '{"role":']] })).toThrow('span attribute set 3 is not valid JSON');
  });
});
