// The project the export, API and reader measures run against: the whole corpus plus the 100,000-
// character reader document, written straight through the db modules in one transaction (so these
// measures do not depend on the import pipeline). Built once per size and seed, then reused.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProjectFile } from '../../electron/services/app/session';
import { insertDocumentAnnotations } from '../../electron/services/db/annotations';
import { insertDocument } from '../../electron/services/db/documents';
import { getLabelByKey } from '../../electron/services/db/labels';
import { ensureAnnotator } from '../../electron/services/db/meta';
import type { Db } from '../../electron/services/db/connection';
import type { Article } from '../corpus/article';
import { corpusItems, readerDocument } from '../generate';
import { ROOT, workDir } from './paths';
import type { SizeSpec } from './sizes';

export interface Fixture {
  projectPath: string;
  readerDocId: number;
  readerChars: number;
  readerSpans: number;
  documents: number;
  spans: number;
  chars: number;
  buildSeconds: number | null;
}

const FIXTURE_VERSION = 3;

/** Hash of the code that decides what the fixture holds: the db layer and the corpus generator. */
function codeHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(join(ROOT, 'electron', 'services', 'db'));
  walk(join(ROOT, 'bench', 'corpus'));
  hash.update(readFileSync(join(ROOT, 'bench', 'generate.ts')));
  return hash.digest('hex').slice(0, 16);
}

/** A generated article as a document, its text normalized already (no spans). */
export function insertArticleDocument(db: Db, a: Article): number {
  const id = insertDocument(db, {
    draft: {
      metadata: { title: a.title, date: a.date, source: a.source, district: a.district, url: null, reporters: a.reporters, externalId: a.id },
      originalText: a.text,
      text: a.text,
      offsetMap: [0, a.text.length, 0, a.text.length],
      steps: [],
      warnings: [],
      removed: [],
      spans: [],
    },
    fileName: `${a.id}.jsonl`,
    rawSha256: null,
    encoding: 'utf-8',
    textSha256: createHash('sha256').update(a.text).digest('hex'),
  });
  if (id === null) throw new Error(`duplicate generated text in ${a.id}`);
  return id;
}

function addArticle(db: Db, a: Article, withSpans: boolean, labelIds: Map<string, number>, annotatorId: number): number {
  const id = insertArticleDocument(db, a);
  if (!withSpans) return id;
  const now = new Date().toISOString();
  insertDocumentAnnotations(
    db,
    id,
    a.spans.map((s) => ({
      documentId: id,
      start: s.start,
      end: s.end,
      labelId: labelIds.get(s.label)!,
      annotatorId,
      origin: 'manual' as const,
      reviewState: 'pending' as const,
      attributes: s.attributes ?? {},
      createdAt: now,
      updatedAt: now,
    })),
  );
  return id;
}

/** The fixture project of this size, built on first use. */
export function fixture(spec: SizeSpec, log: (m: string) => void = () => {}): Fixture {
  const dir = workDir(spec.name, 'fixture');
  const projectPath = join(dir, 'project.biaozhu');
  const markerPath = join(dir, 'fixture.json');
  // The schema, db modules and generator are part of the key: a fixture written by older code is rebuilt.
  const key = JSON.stringify({ FIXTURE_VERSION, spec, code: codeHash() });
  if (existsSync(markerPath) && existsSync(projectPath)) {
    const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as Fixture & { key: string };
    if (marker.key === key) return { ...marker, projectPath, buildSeconds: null };
  }
  for (const f of [projectPath, `${projectPath}-wal`, `${projectPath}-shm`, markerPath]) rmSync(f, { force: true });
  log(`building the ${spec.name} fixture project…`);
  const started = Date.now();
  const db = createProjectFile(projectPath, `bench ${spec.name}`);
  const result = { documents: 0, spans: 0, chars: 0, readerDocId: 0, readerChars: 0, readerSpans: 0 };
  try {
    db.transaction(() => {
      const labelIds = new Map(['PERSON', 'SLOGAN', 'PROJECT', 'TARGET'].map((k) => [k, getLabelByKey(db, k)!.id]));
      const annotatorId = ensureAnnotator(db, 'bench');
      const reader = readerDocument(spec.seed);
      result.readerDocId = addArticle(db, reader, true, labelIds, annotatorId);
      result.readerChars = reader.text.length;
      result.readerSpans = reader.spans.length;
      result.documents++;
      result.spans += reader.spans.length;
      for (const { article, dirty } of corpusItems(spec)) {
        addArticle(db, article, dirty === null, labelIds, annotatorId);
        result.documents++;
        result.chars += article.text.length;
        if (dirty === null) result.spans += article.spans.length;
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const built: Fixture = { projectPath, ...result, buildSeconds: (Date.now() - started) / 1000 };
  writeFileSync(markerPath, JSON.stringify({ ...built, key }, null, 2));
  log(`fixture: ${built.documents} documents, ${built.spans} spans in ${built.buildSeconds!.toFixed(1)} s`);
  return built;
}

/** A private copy of the fixture for measures that write to it (import, keypresses). */
export function fixtureCopy(fx: Fixture, dir: string): string {
  const target = join(dir, 'project.biaozhu');
  for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  copyFileSync(fx.projectPath, target);
  return target;
}
