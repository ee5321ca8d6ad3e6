// listAnnotations builds spans from raw rows and parses each attribute set once (the cold open's
// annotations:list). Its output must stay exactly what the row-object version gave: compared here,
// key order included, with the old query kept below as the reference, on real project files.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { getAnnotation, insertDocumentAnnotations, listAnnotations, type AnnotationRecord } from '../../../electron/services/db/annotations';
import type { Db } from '../../../electron/services/db/connection';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { migrate } from '../../../electron/services/db/migrations';
import { addDocument, tempDir, testCore, type TestCore } from '../helpers';

/** The list as it was read before: a.* row objects, the set's JSON joined and parsed per span. */
function referenceList(db: Db, documentId: number): Annotation[] {
  const rows = db
    .prepare(
      `SELECT a.*, an.name AS annotator, coalesce(s.json, '{}') AS attributes_json
    FROM annotations a JOIN annotators an ON an.id = a.annotator_id LEFT JOIN attribute_sets s ON s.id = a.attribute_set_id
    WHERE a.document_id = ? ORDER BY a.start, a.end, a.id`,
    )
    .all(documentId) as Record<string, never>[];
  return rows.map((row) => ({
    id: row.id,
    documentId: row.document_id,
    start: row.start,
    end: row.end,
    labelId: row.label_id,
    annotator: row.annotator,
    origin: row.origin,
    reviewState: row.review_state,
    attributes: JSON.parse(row.attributes_json),
    note: row.note ?? '',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

let core: TestCore | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  core?.dispose();
  core = undefined;
  cleanups.splice(0).forEach((c) => c());
});

const TEXT = '市委书记蔡奇到怀柔科学城调研，强调增强“四个意识”，森林覆盖率提高到48.7%，2025年前建成。'.repeat(3);

const attributeSets = fc.constantFrom<Record<string, string>>(
  {},
  { role: '书记' },
  { role: '区长' },
  { value: '48.7', unit: '%', deadline: '2025' },
  { district: '怀柔' },
  { role: '引号"与\\反斜杠\n换行' },
);

const spanArb = (labelIds: number[], annotatorIds: number[]) =>
  fc.record({
    start: fc.integer({ min: 0, max: TEXT.length - 1 }),
    length: fc.integer({ min: 1, max: 12 }),
    labelId: fc.constantFrom(...labelIds),
    annotatorId: fc.constantFrom(...annotatorIds),
    origin: fc.constantFrom('manual' as const, 'suggested' as const),
    reviewState: fc.constantFrom('pending' as const, 'accepted' as const, 'rejected' as const),
    attributes: attributeSets,
    note: fc.constantFrom('', '', '待复核', '来源：北京日报\n第二行'),
    createdAt: fc.constantFrom('2024-03-12T08:00:00.000Z', '2024-03-13T09:30:00.000Z'),
  });

describe('listAnnotations', () => {
  it('gives exactly the old output (key order included) for varied spans on a real project file', () => {
    core = testCore();
    const db = core.session.requireDb();
    const documentId = addDocument(core, TEXT);
    const otherId = addDocument(core, `${TEXT}另一篇`, 'other');
    const labelIds = db.prepare('SELECT id FROM labels').pluck().all() as number[];
    const annotatorIds = ['林', 'wang', '张 三'].map((name) => ensureAnnotator(db, name));
    fc.assert(
      // One span per coder, label and place (migration 006).
      fc.property(
        fc.uniqueArray(spanArb(labelIds, annotatorIds), {
          maxLength: 60,
          selector: (s) => `${s.start}:${Math.min(TEXT.length, s.start + s.length)}:${s.labelId}:${s.annotatorId}`,
        }),
        (spans) => {
          db.exec('DELETE FROM annotations');
          const records: AnnotationRecord[] = spans.map(({ length, ...s }) => ({
            ...s,
            documentId,
            end: Math.min(TEXT.length, s.start + length),
            updatedAt: '2024-04-01T00:00:00.000Z',
          }));
          // Spans of another document must stay out of the list.
          db.transaction(() => {
            insertDocumentAnnotations(db, documentId, records);
            insertDocumentAnnotations(
              db,
              otherId,
              records.slice(0, 3).map((r) => ({ ...r, documentId: otherId })),
            );
          })();
          const listed = listAnnotations(db, documentId);
          expect(JSON.stringify(listed)).toBe(JSON.stringify(referenceList(db, documentId)));
          expect(listed).toHaveLength(records.length);
          for (const span of listed.slice(0, 5)) expect(JSON.stringify(getAnnotation(db, span.id))).toBe(JSON.stringify(span));
        },
      ),
      { numRuns: 60 },
    );
    expect(listAnnotations(db, 999)).toEqual([]);
  });

  it('reads a version-6 project opened read-only (no note column) as before, notes empty', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'v6.biaozhu');
    const raw = new Database(path);
    migrate(raw, 6);
    raw.exec(`
      INSERT INTO documents (id, title, text_sha256, char_count, imported_at, updated_at) VALUES (1, '旧文', 'x', 10, 'now', 'now');
      INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES (1, '蔡奇到怀柔科学城调研', '蔡奇到怀柔科学城调研', '[0,10,0,10]');
      INSERT INTO annotators (id, name, created_at) VALUES (1, 'lin', 'now'), (2, 'wang', 'now');
      INSERT INTO labels (id, key, name_zh, name_en, color, hotkey, sort_order, created_at, updated_at) VALUES (1, 'PERSON', '人物', 'Person', '#d9480f', '1', 0, 'now', 'now');
      INSERT INTO attribute_sets (id, json) VALUES (1, '{"role":"书记"}');
      INSERT INTO annotations (id, document_id, start, end, label_id, annotator_id, review_state, attribute_set_id, created_at, updated_at)
        VALUES (7, 1, 0, 2, 1, 1, 'accepted', 1, 't1', 't2'), (8, 1, 3, 5, 1, 1, 'pending', NULL, 't1', 't2'), (9, 1, 0, 2, 1, 2, 'rejected', 1, 't3', 't4');
    `);
    raw.close();
    const readOnly = new Database(path, { readonly: true });
    cleanups.unshift(() => readOnly.close());
    const listed = listAnnotations(readOnly, 1);
    expect(JSON.stringify(listed)).toBe(JSON.stringify(referenceList(readOnly, 1)));
    expect(listed.map((a) => [a.id, a.note, a.attributes])).toEqual([
      [7, '', { role: '书记' }],
      [9, '', { role: '书记' }],
      [8, '', {}],
    ]);
    expect(getAnnotation(readOnly, 9)).toEqual(listed[1]);
    // Each stored set is parsed once per list: its spans share the parsed object, frozen so no one
    // changes every span's attributes by changing one.
    expect(listed[1]!.attributes).toBe(listed[0]!.attributes);
    expect(Object.isFrozen(listed[0]!.attributes)).toBe(true);
  });
});
