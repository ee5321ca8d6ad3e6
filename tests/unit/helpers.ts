// Test helpers: real project files in a temp folder, real handlers — no mocks of our own layers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ApiInput, ApiOutput, Channel } from '../../shared/api/index';
import { createCore, type Core } from '../../electron/services/core';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SEEDS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'seeds');

export function tempDir(prefix = 'biaozhu-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestCore extends Core {
  dir: string;
  projectPath: string;
  call<K extends Channel>(channel: K, input: ApiInput<K>): Promise<ApiOutput<K>>;
  dispose(): void;
}

/** A core with a fresh project file open, as the app has after "new project". */
export function testCore(options: { create?: boolean } = {}): TestCore {
  const { dir, cleanup } = tempDir();
  const core = createCore({ mode: 'browser', userDataDir: join(dir, 'user') });
  const projectPath = join(dir, 'project.biaozhu');
  if (options.create !== false) core.session.create(projectPath);
  return {
    ...core,
    dir,
    projectPath,
    async call(channel, input) {
      const result = await core.registry.dispatch(channel, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value as never;
    },
    dispose() {
      core.dispose();
      cleanup();
    },
  };
}

import { createHash } from 'node:crypto';
import { insertDocument } from '../../electron/services/db/documents';
import type { DocumentStatus } from '../../shared/model';

/** A test document's metadata and status beyond its title (defaults: dated 2024-01-12, source 测试). */
export interface TestDocumentMeta {
  date?: string | null;
  source?: string | null;
  district?: string | null;
  status?: DocumentStatus;
}

/** Adds a document straight through the documents module (import has its own tests). */
export function addDocument(core: Core, text: string, title = 'test', meta: TestDocumentMeta = {}): number {
  const db = core.session.requireDb();
  const id = insertDocument(db, {
    draft: {
      metadata: {
        title,
        date: meta.date === undefined ? '2024-01-12' : meta.date,
        source: meta.source === undefined ? '测试' : meta.source,
        district: meta.district ?? null,
        url: null,
        reporters: [],
        externalId: null,
      },
      originalText: text,
      text,
      offsetMap: [0, text.length, 0, text.length],
      steps: [],
      warnings: [],
      removed: [],
      spans: [],
      status: meta.status,
    },
    fileName: `${title}.txt`,
    rawSha256: null,
    encoding: 'utf-8',
    textSha256: createHash('sha256').update(text).digest('hex'),
  });
  if (id === null) throw new Error('duplicate test document');
  return id;
}
