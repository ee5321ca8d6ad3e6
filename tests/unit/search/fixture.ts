// A project for the search tests: documents with chosen text and metadata, spans by coder.
import { createHash } from 'node:crypto';
import type { DocumentStatus } from '../../../shared/model';
import { insertDocument } from '../../../electron/services/db/documents';
import type { TestCore } from '../helpers';

export interface DocumentSpec {
  text: string;
  title?: string;
  date?: string | null;
  source?: string | null;
  district?: string | null;
  status?: DocumentStatus;
}

export function addSearchDocument(core: TestCore, spec: DocumentSpec): number {
  const { text } = spec;
  const id = insertDocument(core.session.requireDb(), {
    draft: {
      metadata: {
        title: spec.title ?? text.slice(0, 8),
        date: spec.date === undefined ? '2024-01-12' : spec.date,
        source: spec.source === undefined ? '测试' : spec.source,
        district: spec.district ?? null,
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
      status: spec.status,
    },
    fileName: null,
    rawSha256: null,
    encoding: 'utf-8',
    textSha256: createHash('sha256').update(text).digest('hex'),
  });
  if (id === null) throw new Error(`duplicate test document: ${text}`);
  return id;
}

export async function labelIds(core: TestCore): Promise<Record<string, number>> {
  const labels = await core.call('labels:list', {});
  return Object.fromEntries(labels.map((l) => [l.key, l.id]));
}

/** Marks `mention` (its `nth` occurrence) in the document as `coder`. */
export async function mark(core: TestCore, documentId: number, text: string, mention: string, labelId: number, coder = 'alice', nth = 0) {
  await core.call('projects:setAnnotator', { name: coder });
  let start = -1;
  for (let n = 0; n <= nth; n++) start = text.indexOf(mention, start + 1);
  if (start < 0) throw new Error(`${mention} not in ${text}`);
  return core.call('annotations:create', { documentId, start, end: start + mention.length, labelId });
}
