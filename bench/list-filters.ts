// The document list's filters at full size: 20,000 documents and about 900,000 spans by three
// coders, with every review progress and some import warnings (the bench fixture has one coder and
// no reviews, so it would not exercise them). Builds the project once (about 10 s), then times
// documents:list's query — first page and a page deep into a date sort, each with its total — for
// every filter alone and a few combined, and the overview's counts. Not part of `npm run bench`:
//   node --require tsx/cjs bench/list-filters.ts [--rebuild]
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createProjectFile } from '../electron/services/app/session';
import { openDatabase, type Db } from '../electron/services/db/connection';
import type { DocumentFilter } from '../electron/services/db/document-filters';
import { countByStatus, listDocuments } from '../electron/services/db/documents';
import { countByLabel } from '../electron/services/db/annotations';
import { annotatorCounts } from '../electron/services/db/meta';
import { countByReviewState } from '../electron/services/db/project-stats';
import { workDir } from './lib/paths';

const DOCUMENTS = 20_000;
const path = join(workDir('list-filters'), 'project.biaozhu');

function build(): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  const db = createProjectFile(path, 'list filters');
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const labels = db.prepare('SELECT id FROM labels ORDER BY sort_order').pluck().all() as number[];
  for (const name of ['alice', 'bob', 'chen']) db.prepare(`INSERT INTO annotators (name, created_at) VALUES (?, 'now')`).run(name);
  const coders = db.prepare('SELECT id FROM annotators ORDER BY id').pluck().all() as number[];
  const insertDocument =
    db.prepare(`INSERT INTO documents (title, published_at, source, text_sha256, char_count, span_count, warnings_json, status, imported_at, updated_at)
    VALUES (?, ?, ?, ?, 3000, ?, ?, ?, 'now', 'now')`);
  const insertText = db.prepare(`INSERT INTO document_texts (document_id, original_text, text, offset_map_json) VALUES (?, 'x', 'x', '[0,1,0,1]')`);
  const insertSpan = db.prepare(
    `INSERT INTO annotations (document_id, start, end, label_id, annotator_id, review_state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'now', 'now')`,
  );
  const statuses = ['todo', 'in_progress', 'done', 'reviewed'];
  db.transaction(() => {
    for (let d = 0; d < DOCUMENTS; d++) {
      const spans = rnd() < 0.1 ? 0 : Math.floor(rnd() * 100);
      const warnings = rnd() < 0.05 ? '[{"kind":"other","message":"x"}]' : '[]';
      const id = Number(
        insertDocument.run(`文章 ${d}`, `2024-01-${String(1 + (d % 28)).padStart(2, '0')}`, `src${d % 7}`, `h${d}`, spans, warnings, statuses[d % 4])
          .lastInsertRowid,
      );
      insertText.run(id);
      const progress = rnd(); // half never reviewed, some partly, the rest fully
      const coder = coders[Math.floor(rnd() * coders.length)];
      const second = rnd() < 0.1 ? coders[(coders.indexOf(coder) + 1) % coders.length] : coder;
      const docLabels = labels.filter(() => rnd() < 0.7);
      if (docLabels.length === 0) docLabels.push(labels[0]);
      for (let s = 0; s < spans; s++) {
        const state = progress < 0.5 ? 'pending' : progress < 0.8 ? (rnd() < 0.5 ? 'pending' : 'accepted') : rnd() < 0.85 ? 'accepted' : 'rejected';
        insertSpan.run(id, s * 30, s * 30 + 3, docLabels[s % docLabels.length], s % 5 === 0 ? second : coder, state);
      }
    }
  })();
  db.close();
}

const median = (f: () => unknown) => {
  f();
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[3];
};

function measure(db: Db): void {
  const cases: [string, DocumentFilter][] = [
    ['no filter', {}],
    ['status done', { status: 'done' }],
    ['with label 1', { withLabelId: 1 }],
    ['without label 4', { withoutLabelId: 4 }],
    ['coder 2', { annotatorId: 2 }],
    ['has warnings', { hasWarnings: true }],
    ['has spans', { hasSpans: true }],
    ['no spans', { hasSpans: false }],
    ['all reviewed', { review: 'all_reviewed' }],
    ['some pending', { review: 'some_pending' }],
    ['none reviewed', { review: 'none_reviewed' }],
    ['label 1 + coder 2 + pending + status', { withLabelId: 1, annotatorId: 2, review: 'some_pending', status: 'in_progress' }],
    ['without label 2 + warnings', { withoutLabelId: 2, hasWarnings: true }],
  ];
  console.log('filter                                   total   first page   date-sorted page at 5,000');
  for (const [name, filter] of cases) {
    let total = 0;
    const first = median(() => (total = listDocuments(db, { filter, sort: 'id', direction: 'asc', offset: 0, limit: 200 }).total));
    const deep = median(() => listDocuments(db, { filter, sort: 'date', direction: 'desc', offset: total > 5000 ? 5000 : 0, limit: 200 }));
    console.log(`${name.padEnd(38)} ${String(total).padStart(7)} ${first.toFixed(1).padStart(9)} ms ${deep.toFixed(1).padStart(12)} ms`);
  }
  console.log(
    `overview counts: by status ${median(() => countByStatus(db)).toFixed(1)} ms, by label ${median(() => countByLabel(db)).toFixed(0)} ms, by coder ${median(() => annotatorCounts(db)).toFixed(0)} ms, by review state ${median(() => countByReviewState(db)).toFixed(0)} ms`,
  );
}

if (process.argv.includes('--rebuild') || !existsSync(path)) {
  const t0 = performance.now();
  build();
  console.log(`built ${path} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const db = openDatabase(path);
try {
  measure(db);
} finally {
  db.close();
}
