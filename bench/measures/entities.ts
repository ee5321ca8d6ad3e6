// Measure: entities and relations (#23) over the fixture corpus, through the registry as the app calls
// them. Every PERSON mention is linked first (one entity per name once titles are stripped, written
// straight through the db modules in one transaction, timed for information). Then the entity panel:
// entities:list (the first page, 100 rows, in each order, and filtered) and entities:get of the most
// mentioned entity; and the reader document (100,000 characters, 5,000 spans) with 2,000 relations:
// annotations:list + relations:forDocument, the data side of opening it. Baselines: the bare
// aggregate the panel is built on, and a bare SELECT of the document's relations.
import Database from 'better-sqlite3';
import { benchCore } from '../lib/core';
import { fixture, fixtureCopy } from '../lib/fixture';
import { workDir } from '../lib/paths';
import { addRelations } from '../lib/relations';
import { percentile, round, row, runMeasure, type Row } from '../lib/result';
import { setEntityLink } from '../../electron/services/db/annotations';
import type { Db } from '../../electron/services/db/connection';
import { insertEntity } from '../../electron/services/db/entities';
import { stripTitles } from '../../electron/services/entities/titles';

const RUNS = 10;
const RELATIONS = 2_000;

const ms = (started: number) => performance.now() - started;

async function timed(runs: number, run: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(ms(started));
  }
  return times;
}

const p95 = (times: number[]) => round(percentile(times, 95), 1);
const p50 = (times: number[]) => round(percentile(times, 50), 1);

/** Links every PERSON span to an entity named by its text without titles; answers entities and mentions. */
function linkEveryPerson(db: Db): { entities: number; mentions: number } {
  const personId = db.prepare(`SELECT id FROM labels WHERE key = 'PERSON'`).pluck().get() as number;
  const spans = db.prepare('SELECT id, document_id, start, end FROM annotations WHERE label_id = ? ORDER BY document_id').raw().all(personId) as [
    number,
    number,
    number,
    number,
  ][];
  const text = db.prepare('SELECT text FROM document_texts WHERE document_id = ?').pluck();
  const byName = new Map<string, number>();
  const now = new Date().toISOString();
  db.transaction(() => {
    let documentId = -1;
    let documentText = '';
    for (const [id, doc, start, end] of spans) {
      if (doc !== documentId) [documentId, documentText] = [doc, text.get(doc) as string];
      const name = stripTitles(documentText.slice(start, end)).name || documentText.slice(start, end);
      let entityId = byName.get(name);
      if (entityId === undefined) byName.set(name, (entityId = insertEntity(db, { labelId: personId, name, fields: {}, note: '' }, now)));
      setEntityLink(db, id, entityId);
    }
  })();
  return { entities: byName.size, mentions: spans.length };
}

runMeasure('entities', 'Entities and relations', async (ctx) => {
  const { spec, log } = ctx;
  const fx = fixture(spec, log);
  const dir = workDir(spec.name, 'entities');
  const path = fixtureCopy(fx, dir);
  const bench = benchCore(dir, path, false);
  const rows: Row[] = [];
  try {
    const db = bench.core.session.requireDb();
    let started = performance.now();
    const linked = linkEveryPerson(db);
    const linkMs = ms(started);
    log(`linked ${linked.mentions} PERSON mentions to ${linked.entities} entities in ${round(linkMs / 1000, 1)} s`);
    const relations = addRelations(db, fx.readerDocId, RELATIONS).added;
    started = performance.now();
    const firstPage = await bench.call('entities:list', {});
    const coldMs = ms(started);
    const byOrder: Record<string, number[]> = {};
    for (const sort of ['mentions', 'name', 'first', 'last'] as const) byOrder[sort] = await timed(RUNS, () => bench.call('entities:list', { sort }));
    const filtered = await timed(RUNS, () => bench.call('entities:list', { query: firstPage.entities[0].name.slice(0, 1) }));
    const top = firstPage.entities[0];
    const detail = await timed(RUNS, () => bench.call('entities:get', { id: top.id }));
    const raw = new Database(path, { readonly: true });
    const bare = await timed(RUNS, () => raw.prepare('SELECT entity_id, COUNT(*) FROM annotations WHERE entity_id IS NOT NULL GROUP BY entity_id').all());
    const bareRelations = await timed(RUNS, () => raw.prepare('SELECT * FROM relations WHERE document_id = ?').all(fx.readerDocId));
    raw.close();
    const open = await timed(RUNS, async () => {
      await bench.call('annotations:list', { documentId: fx.readerDocId });
      await bench.call('relations:forDocument', { documentId: fx.readerDocId });
    });
    const relationsOnly = await timed(RUNS, () => bench.call('relations:forDocument', { documentId: fx.readerDocId }));
    const notes = `${linked.entities.toLocaleString('en-US')} entities, ${linked.mentions.toLocaleString('en-US')} linked mentions`;
    rows.push(
      row({
        name: 'entity panel: first page (100 entities by mentions, with counts and dates), first call',
        value: round(coldMs, 1),
        unit: 'ms',
        baseline: p95(bare),
        baselineName: 'bare GROUP BY entity_id count over the linked spans (p95)',
        goal: { op: '<=', value: 200 },
        note: `${notes}; ${firstPage.total.toLocaleString('en-US')} rows in all`,
      }),
      ...(['mentions', 'name', 'first', 'last'] as const).map((sort) =>
        row({
          name: `entity panel: first page sorted by ${sort}, p95`,
          value: p95(byOrder[sort]),
          unit: 'ms',
          baseline: p95(bare),
          baselineName: 'bare GROUP BY entity_id count over the linked spans (p95)',
          goal: { op: '<=', value: 200 },
          note: `p50 ${p50(byOrder[sort])} ms; ${RUNS} calls`,
        }),
      ),
      row({
        name: 'entity panel: filtered by a name or alias, p95',
        value: p95(filtered),
        unit: 'ms',
        baseline: p95(bare),
        baselineName: 'bare GROUP BY entity_id count over the linked spans (p95)',
        goal: { op: '<=', value: 200 },
      }),
      row({
        name: `entities:get of the most mentioned (${top.mentions.toLocaleString('en-US')} mentions; first 500 with text and role), p95`,
        value: p95(detail),
        unit: 'ms',
        baseline: null,
        baselineName: '',
      }),
      row({
        name: `reader document data: annotations:list + relations:forDocument (${fx.readerSpans.toLocaleString('en-US')} spans, ${relations.toLocaleString('en-US')} relations), p95`,
        value: p95(open),
        unit: 'ms',
        baseline: null,
        baselineName: '',
        note: `relations:forDocument alone p95 ${p95(relationsOnly)} ms (bare SELECT ${p95(bareRelations)} ms); the whole open (≤ 300 ms) is the renderer's open measure`,
      }),
      row({
        name: 'linking every PERSON mention (direct db writes, one transaction)',
        value: round(linkMs / 1000, 2),
        unit: 's',
        baseline: null,
        baselineName: '',
        note: notes,
      }),
    );
  } finally {
    bench.close();
  }
  return rows;
});
