// One-off measure (#24, migration 019): CPU to write ~50k spans the fixture's way (insertDocumentAnnotations,
// one transaction) with the kept counts written once per document, through the per-span triggers
// (batches of 7 spans: under the bulk threshold), and with no dashboard triggers. Alternating rounds, one process.
import { rmSync } from 'node:fs';
import { createProjectFile } from '../electron/services/app/session';
import { insertDocumentAnnotations, type AnnotationRecord } from '../electron/services/db/annotations';
import { getLabelByKey } from '../electron/services/db/labels';
import { ensureAnnotator } from '../electron/services/db/meta';
import { corpusItems } from './generate';
import { insertArticleDocument } from './lib/fixture';
import { sizeSpec } from './lib/sizes';

const articles = [...corpusItems(sizeSpec('medium', undefined, 1000))].filter((i) => i.dirty === null).map((i) => i.article);
const spanTotal = articles.reduce((n, a) => n + a.spans.length, 0);
type Mode = 'bulk' | 'triggers' | 'none';

function round(mode: Mode, n: number): number {
  const path = `/tmp/ic-bench/p-${mode}-${n}.biaozhu`;
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  const db = createProjectFile(path, 'bulk');
  if (mode === 'none')
    for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dashboard%'").pluck().all() as string[])
      db.exec(`DROP TRIGGER ${t}`);
  const labels = new Map(['PERSON', 'SLOGAN', 'PROJECT', 'TARGET'].map((k) => [k, getLabelByKey(db, k)!.id]));
  const annotatorId = ensureAnnotator(db, 'bench');
  const now = new Date().toISOString();
  const before = process.cpuUsage();
  db.transaction(() => {
    for (const a of articles) {
      const id = insertArticleDocument(db, a);
      const records: AnnotationRecord[] = a.spans.map((s) => ({
        documentId: id,
        start: s.start,
        end: s.end,
        labelId: labels.get(s.label)!,
        annotatorId,
        origin: 'manual',
        reviewState: 'pending',
        attributes: s.attributes ?? {},
        createdAt: now,
        updatedAt: now,
      }));
      if (mode === 'bulk') insertDocumentAnnotations(db, id, records);
      else for (let i = 0; i < records.length; i += 7) insertDocumentAnnotations(db, id, records.slice(i, i + 7));
    }
  })();
  const used = process.cpuUsage(before);
  db.close();
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  return (used.user + used.system) / 1e6;
}

console.log(`${articles.length} documents, ${spanTotal} spans`);
const results: Record<Mode, number[]> = { bulk: [], triggers: [], none: [] };
for (let n = 0; n < 3; n++) for (const mode of ['bulk', 'triggers', 'none'] as Mode[]) results[mode].push(round(mode, n));
for (const [mode, secs] of Object.entries(results))
  console.log(mode, secs.map((s) => s.toFixed(2)).join(' '), 'µs/span (min):', ((Math.min(...secs) / spanTotal) * 1e6).toFixed(1));
