// Helpers for the project-file tests: real project files, fingerprints, and damage done to them.
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createProjectFile } from '../../../electron/services/app/session';
import { insertAnnotation } from '../../../electron/services/db/annotations';
import { insertDocument } from '../../../electron/services/db/documents';
import { listLabels } from '../../../electron/services/db/labels';
import { ensureAnnotator } from '../../../electron/services/db/meta';

/** sha256, mtime and the names of any -wal/-shm beside the file: all must stay as they were. */
export function fingerprint(path: string): { sha256: string; mtimeMs: number; companions: string[] } {
  return {
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    mtimeMs: statSync(path).mtimeMs,
    companions: ['-wal', '-shm', '-journal'].filter((suffix) => existsSync(path + suffix)),
  };
}

const SENTENCE = '北京市朝阳区召开会议，区委书记张明强调要推进重点项目建设，确保完成年度目标任务。';

/** A closed project of `documents` documents (~1.3 KB of text and two spans each). */
export function makeProject(path: string, documents: number): void {
  const db = createProjectFile(path, 'test');
  const label = listLabels(db)[0];
  const annotator = ensureAnnotator(db, 'tester');
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < documents; i++) {
      const text = `第${i}篇。${SENTENCE.repeat(30)}`;
      const id = insertDocument(db, {
        draft: {
          metadata: { title: `文章 ${i}`, date: '2024-01-12', source: '测试', district: null, url: null, reporters: [], externalId: null },
          originalText: text,
          text,
          offsetMap: [0, text.length, 0, text.length],
          steps: [],
          warnings: [],
          removed: [],
          spans: [],
        },
        fileName: `doc-${i}.txt`,
        rawSha256: null,
        encoding: 'utf-8',
        textSha256: createHash('sha256').update(text).digest('hex'),
      });
      if (id === null) throw new Error('duplicate document');
      const span = {
        documentId: id,
        labelId: label.id,
        annotatorId: annotator,
        origin: 'manual',
        reviewState: 'pending',
        createdAt: now,
        updatedAt: now,
      } as const;
      insertAnnotation(db, { ...span, start: 10, end: 13, attributes: {} });
      insertAnnotation(db, { ...span, start: 20, end: 24, attributes: { role: '书记' } });
    }
  })();
  db.close();
}

/**
 * Overwrites `pages` whole leaf pages of the article texts in the middle of a closed project file
 * with random bytes: texts are nearly all of a real project's pages, so that is where damage falls.
 * (Picking pages by position alone made the test depend on where the schema's small tables happen
 * to sit: one page of `documents` holds ~70 documents.) Returns the page numbers (1-based).
 */
export function overwritePages(path: string, pages: number, seed = 1): number[] {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const textPages = db.prepare(`SELECT pageno FROM dbstat WHERE name = 'document_texts' AND pagetype = 'leaf' ORDER BY pageno`).pluck().all() as number[];
  db.close();
  const middle = Math.floor(textPages.length / 2);
  const chosen = [...Array(pages).keys()].map((i) => textPages[Math.min(textPages.length - 1, Math.max(0, middle - pages + 2 * i + seed))]);
  const fd = openSync(path, 'r+');
  try {
    for (const page of chosen) writeSync(fd, randomBytes(pageSize), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return chosen;
}
