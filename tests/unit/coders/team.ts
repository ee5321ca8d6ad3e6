// Helpers for the coder tests: a project with documents, coder files opened as the coder's app
// opens them (a core of their own), spans added through the API as the UI adds them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDocument, testCore, type TestCore } from '../helpers';

export const cores: TestCore[] = [];
export const disposeCores = () => cores.splice(0).forEach((c) => c.dispose());

export const textOf = (n: number) => `第${n}篇：区委书记王明远在回龙观调研“智慧社区”建设，镇长李华提出“共建共享”目标。`;

export function project(documents = 10): TestCore {
  const core = testCore();
  cores.push(core);
  for (let n = 1; n <= documents; n++) addDocument(core, textOf(n), `文章${n}`);
  return core;
}

/** The coder's app with the coder file open. */
export function openCoderFile(path: string): TestCore {
  const core = testCore({ create: false });
  cores.push(core);
  core.session.open(path);
  return core;
}

/** Labels `mention` (first occurrence) in the document with `label`, as a key press in the workbench does. */
export async function label(core: TestCore, documentId: number, mention: string, key: string): Promise<void> {
  const { text } = await core.call('documents:get', { id: documentId });
  const labels = await core.call('labels:list', {});
  const start = text.indexOf(mention);
  await core.call('annotations:create', { documentId, start, end: start + mention.length, labelId: labels.find((l) => l.key === key)!.id });
}

/** Hash of the project file and its WAL: "byte-unchanged". */
export function fileState(path: string): string {
  const hash = createHash('sha256');
  for (const suffix of ['', '-wal']) if (existsSync(`${path}${suffix}`)) hash.update(readFileSync(`${path}${suffix}`));
  return hash.digest('hex');
}

/** What the project holds, for "its data is unchanged": every span and document row as text. */
export function dataOf(core: TestCore): string {
  const db = core.session.requireDb();
  return JSON.stringify([
    db.prepare('SELECT * FROM annotations ORDER BY id').all(),
    db.prepare('SELECT id, status, note, span_count, text_sha256 FROM documents ORDER BY id').all(),
    db.prepare('SELECT * FROM labels ORDER BY id').all(),
    db.prepare('SELECT * FROM coder_statuses ORDER BY document_id, annotator_id').all(),
  ]);
}

export const teamDir = (core: TestCore, ...parts: string[]) => join(core.dir, 'team', ...parts);
