// Entities and relations through the real export and import jobs (#23), on project files: random
// spans linked to random entities, random relations (one of a type the new project lacks) →
// export as Biaozhu JSONL, brat or Label Studio → import into a new project → the same links, the
// same relations and (JSONL) the same entity table; the unknown type is reported, naming its line,
// and nothing is lost. Then the relations CSV is read by NetworkX as researchers read it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import type { ExportFormat, ExportReport } from '../../../shared/api/export';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { DOCUMENT_STATUSES } from '../../../shared/model';
import { insertAnnotation } from '../../../electron/services/db/annotations';
import type { Db } from '../../../electron/services/db/connection';
import {
  addEntityAliases,
  insertImportedEntity,
  insertImportedRelation,
  insertImportedRelationType,
  linkSpanToEntity,
  relationTypeId,
} from '../../../electron/services/db/entity-exchange';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

async function finished<R>(core: TestCore, jobId: string): Promise<R> {
  const status = await core.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`job ${status.state}: ${status.error}`);
  return status.result as R;
}

const TEXTS = ['市委书记蔡奇到𠮷祥村调研，强调增强“四个意识”，建设温榆河公园。', '蔡奇同志提出“两个维护”😀，部署到2025年森林覆盖率提高到48.7%。'];
const LABELS = ['PERSON', 'SLOGAN', 'PROJECT', 'TARGET'] as const;
const TYPES = ['提出', '调研', '部署', '属于', '视察'] as const; // 视察: not a default type
const DEFAULT_PAIRS: Record<string, string> = { 提出: 'PERSON→SLOGAN', 调研: 'PERSON→PROJECT', 部署: 'PERSON→TARGET', 属于: 'PROJECT→TARGET' };

const spanArb = (text: string) =>
  fc
    .record({
      a: fc.nat(text.length - 1),
      b: fc.nat(text.length - 1),
      label: fc.constantFrom(...LABELS),
      entity: fc.nat(5),
      annotator: fc.constantFrom('王', 'lin'),
    })
    .map((s) => {
      let [start, end] = s.a < s.b ? [s.a, s.b + 1] : [s.b, s.a + 1];
      if (/[\uDC00-\uDFFF]/.test(text[start]!)) start--;
      if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
      return { ...s, start, end };
    });
const corpusArb = fc.record({
  spans: fc.tuple(
    ...TEXTS.map((t) => fc.uniqueArray(spanArb(t), { minLength: 2, maxLength: 8, selector: (s) => `${s.start} ${s.end} ${s.label} ${s.annotator}` })),
  ),
  relations: fc.array(
    fc.record({
      doc: fc.nat(1),
      from: fc.nat(),
      to: fc.nat(),
      type: fc.constantFrom(...TYPES),
      review: fc.constantFrom('pending', 'accepted', 'rejected' as const),
    }),
    {
      maxLength: 10,
    },
  ),
});
type Corpus = typeof corpusArb extends fc.Arbitrary<infer T> ? T : never;

/** The corpus in a new project: three entities per label (two with aliases, fields and notes), some spans linked. */
async function buildSource(corpus: Corpus): Promise<TestCore> {
  const core = testCore();
  cores.push(core);
  const docs = TEXTS.map((t, i) => addDocument(core, t, `doc ${i}`, { district: '通州区', source: '北京日报', date: `2024-0${i + 1}-15` }));
  const db = core.session.requireDb();
  const labels = await core.call('labels:list', {});
  const labelId = (key: string) => labels.find((l) => l.key === key)!.id;
  db.transaction(() => {
    const entities = new Map<string, number>();
    for (const label of LABELS) {
      for (let n = 0; n < 3; n++) {
        const id = insertImportedEntity(
          db,
          labelId(label),
          `${label}实体${n}`,
          n === 0 ? { role: '市委书记', district: '通州区' } : {},
          n === 1 ? '注：同名' : '',
          '2024-01-01T00:00:00.000Z',
        );
        if (n < 2) addEntityAliases(db, id, [`别名${n}`, `${label}-${n}`]);
        entities.set(`${label} ${n}`, id);
      }
    }
    const created = new Date('2024-05-01T08:00:00.000Z').toISOString();
    const spanIds = corpus.spans.map((spans, d) =>
      spans.map((s) => {
        const id = insertAnnotation(db, {
          documentId: docs[d]!,
          start: s.start,
          end: s.end,
          labelId: labelId(s.label),
          annotatorId: ensureAnnotator(db, s.annotator),
          origin: 'manual',
          reviewState: 'pending',
          attributes: {},
          createdAt: created,
          updatedAt: created,
        });
        if (s.entity < 3) linkSpanToEntity(db, id, entities.get(`${s.label} ${s.entity}`)!);
        return id;
      }),
    );
    const seen = new Set<string>();
    for (const r of corpus.relations) {
      const ids = spanIds[r.doc]!;
      const [from, to] = [ids[r.from % ids.length]!, ids[r.to % ids.length]!];
      if (from === to || seen.has(`${from} ${r.type} ${to}`)) continue;
      seen.add(`${from} ${r.type} ${to}`);
      const typeId = relationTypeId(db, r.type) ?? insertImportedRelationType(db, r.type, 'PERSON', 'PROJECT', created);
      insertImportedRelation(db, {
        documentId: docs[r.doc]!,
        typeId,
        fromId: from,
        toId: to,
        annotatorId: ensureAnnotator(db, 'lin'),
        reviewState: r.review,
        createdAt: created,
      });
    }
  })();
  return core;
}

/** What a project holds, by document text and span place: links, relations, the entity table. */
function snapshot(db: Db, whole: boolean) {
  const links = db
    .prepare(
      `SELECT t.text, a.start, a.end, l.key AS label, e.name, el.key AS entityLabel, e.fields_json AS fields, e.note,
         (SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY alias)) AS aliases
       FROM annotations a JOIN document_texts t ON t.document_id = a.document_id JOIN labels l ON l.id = a.label_id
       JOIN entities e ON e.id = a.entity_id JOIN labels el ON el.id = e.label_id`,
    )
    .all() as Record<string, string | number>[];
  const relations = db
    .prepare(
      `SELECT t.text, ty.key AS type, f.start || ':' || f.end || ':' || fl.key AS "from", o.start || ':' || o.end || ':' || ol.key AS "to", an.name AS annotator, r.review_state AS review
       FROM relations r JOIN relation_types ty ON ty.id = r.type_id JOIN document_texts t ON t.document_id = r.document_id
       JOIN annotations f ON f.id = r.from_annotation_id JOIN labels fl ON fl.id = f.label_id
       JOIN annotations o ON o.id = r.to_annotation_id JOIN labels ol ON ol.id = o.label_id JOIN annotators an ON an.id = r.annotator_id`,
    )
    .all() as Record<string, string>[];
  const entities = db
    .prepare(
      `SELECT e.name, l.key AS label, e.fields_json AS fields, e.note,
         (SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY alias)) AS aliases
       FROM entities e JOIN labels l ON l.id = e.label_id`,
    )
    .all() as Record<string, string>[];
  const line = (r: Record<string, unknown>, keys: string[]) => keys.map((k) => String(r[k])).join(' | ');
  return {
    links: links
      .map((r) =>
        line(
          r,
          whole
            ? ['text', 'start', 'end', 'label', 'name', 'entityLabel', 'fields', 'note', 'aliases']
            : ['text', 'start', 'end', 'label', 'name', 'entityLabel'],
        ),
      )
      .sort(),
    relations: relations.map((r) => line(r, whole ? ['text', 'type', 'from', 'to', 'annotator', 'review'] : ['text', 'type', 'from', 'to'])).sort(),
    entities: entities.map((r) => line(r, ['name', 'label', 'fields', 'note', 'aliases'])).sort(),
  };
}

async function exportTo(core: TestCore, format: ExportFormat, outPath: string): Promise<ExportReport> {
  const started = await core.call('export:start', { format, outPath, review: 'all', statuses: [...DOCUMENT_STATUSES] });
  return finished<ExportReport>(core, started.jobId);
}

async function importInto(path: string): Promise<{ core: TestCore; report: ImportReport }> {
  const core = testCore();
  cores.push(core);
  const { jobId } = await core.call('import:preview', { sources: [{ kind: 'path', path }], options: {} });
  const preview = await finished<ImportPreview>(core, jobId);
  const commit = await core.call('import:commit', { previewId: preview.previewId });
  return { core, report: await finished<ImportReport>(core, commit.jobId) };
}

const OUT: Record<'biaozhu-jsonl' | 'brat' | 'label-studio', string> = { 'biaozhu-jsonl': 'all.jsonl', brat: 'brat', 'label-studio': 'ls.json' };

describe('entities and relations through export and import jobs', () => {
  test.each(Object.keys(OUT) as (keyof typeof OUT)[])(
    '%s: same links, same relations; an unknown relation type is created and reported',
    async (format) => {
      await fc.assert(
        fc.asyncProperty(corpusArb, async (corpus) => {
          const source = await buildSource(corpus);
          const out = join(source.dir, OUT[format]);
          await exportTo(source, format, out);
          const { core: target, report } = await importInto(out);
          const whole = format === 'biaozhu-jsonl';
          const before = snapshot(source.session.requireDb(), whole);
          const after = snapshot(target.session.requireDb(), whole);
          expect(after.links).toEqual(before.links);
          expect(after.relations).toEqual(before.relations);
          if (whole) expect(after.entities).toEqual(before.entities);
          const unknown = report.rejected.filter((p) => p.code === 'relation_type_unknown');
          const pairs = report.rejected.filter((p) => p.code === 'relation_label_pair_not_allowed');
          expect(report.rejected.filter((p) => p.code !== 'relation_type_unknown' && p.code !== 'relation_label_pair_not_allowed')).toEqual([]);
          // The random relations join any labels: each one of a default type outside its pair is imported and reported.
          const outsideDefaultPair = before.relations.filter((line) => {
            const [, type, from, to] = line.split(' | ');
            const pair = DEFAULT_PAIRS[type];
            return pair !== undefined && `${from.split(':')[2]}→${to.split(':')[2]}` !== pair;
          });
          expect(pairs.filter((p) => p.params?.type !== '视察')).toHaveLength(outsideDefaultPair.length);
          for (const p of pairs) expect(`${p.params?.from}→${p.params?.to}`).not.toBe(`${p.params?.allowedFrom}→${p.params?.allowedTo}`);
          const usesNewType = before.relations.some((r) => r.includes(' | 视察 | '));
          expect(unknown.map((p) => p.params?.type)).toEqual(usesNewType ? ['视察'] : []);
          if (usesNewType && format !== 'label-studio') expect(unknown[0]!.line).toBeGreaterThan(0);
        }),
        { numRuns: 3, endOnFailure: true },
      );
    },
    60_000,
  );
});

/** A Python with NetworkX (CI installs Debian's python3-networkx). */
function pythonWithNetworkx(): string | null {
  for (const exe of [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p)) {
    if (spawnSync(exe, ['-c', 'import networkx'], { encoding: 'utf8' }).status === 0) return exe;
  }
  return null;
}

// How a researcher reads the edge list: csv and NetworkX, nothing of ours.
const READ_EDGE_LIST = `
import csv, json, sys
import networkx as nx
g = nx.MultiDiGraph()
with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    for row in csv.DictReader(f):
        g.add_edge(row['source'], row['target'], relation=row['relation'], document=row['document_id'])
with open(sys.argv[2], encoding='utf-8-sig', newline='') as f:
    entities = list(csv.DictReader(f))
print(json.dumps({'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(), 'relations': sorted({d['relation'] for _, _, d in g.edges(data=True)}),
                  'entities': len(entities), 'mentions': sum(int(e['mentions']) for e in entities)}, ensure_ascii=False))
`;

describe('the relations CSV is an edge list NetworkX reads', () => {
  test('node and edge counts, relation types and the entity table match the project', async () => {
    const py = pythonWithNetworkx();
    expect(py, 'NetworkX is needed: apt-get install python3-networkx').not.toBeNull();
    const [corpus] = fc.sample(corpusArb, { numRuns: 1, seed: 23 });
    const source = await buildSource({ ...corpus!, relations: [...corpus!.relations, { doc: 0, from: 0, to: 1, type: '提出', review: 'accepted' }] });
    const edges = join(source.dir, 'relations.csv');
    const table = join(source.dir, 'entities.csv');
    await exportTo(source, 'relations-csv', edges);
    await exportTo(source, 'entities-csv', table);
    const r = spawnSync(py!, ['-c', READ_EDGE_LIST, edges, table], { encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    expect(r.status, r.stderr).toBe(0);
    const read = JSON.parse(r.stdout) as { nodes: number; edges: number; relations: string[]; entities: number; mentions: number };

    const db = source.session.requireDb();
    // A node is a linked span's entity name, or an unlinked span's text (entity names are unique here).
    const node = `CASE WHEN a.entity_id IS NULL THEN substr(t.text, a.start + 1, a.end - a.start) ELSE (SELECT name FROM entities WHERE id = a.entity_id) END`;
    const ends = db
      .prepare(
        `SELECT ${node} AS node FROM relations r JOIN annotations a ON a.id = r.from_annotation_id JOIN document_texts t ON t.document_id = a.document_id
         UNION SELECT ${node} FROM relations r JOIN annotations a ON a.id = r.to_annotation_id JOIN document_texts t ON t.document_id = a.document_id`,
      )
      .pluck()
      .all();
    expect(read).toEqual({
      nodes: ends.length,
      edges: db.prepare('SELECT count(*) FROM relations').pluck().get(),
      relations: db.prepare('SELECT DISTINCT t.key FROM relations r JOIN relation_types t ON t.id = r.type_id ORDER BY t.key').pluck().all().sort(),
      entities: db.prepare('SELECT count(*) FROM entities').pluck().get(),
      mentions: db.prepare('SELECT count(*) FROM annotations WHERE entity_id IS NOT NULL').pluck().get(),
    });
    expect(read.edges).toBeGreaterThan(0);
  }, 60_000);
});
