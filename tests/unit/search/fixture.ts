// A project for the search tests: documents with chosen text and metadata, spans by coder.
import { addDocument, type TestCore, type TestDocumentMeta } from '../helpers';

export interface DocumentSpec extends TestDocumentMeta {
  text: string;
  title?: string;
}

export function addSearchDocument(core: TestCore, spec: DocumentSpec): number {
  return addDocument(core, spec.text, spec.title ?? spec.text.slice(0, 8), spec);
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
