// The first-run demo project: our own sample articles from resources/samples, imported through the
// same pipeline as user files, with a few spans already labeled so the workbench is never empty.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importOptions } from '../../shared/api/import';
import type { CoreContext } from './core';
import { createAnnotation } from './annotations/service';
import { createProjectFile } from './app/session';
import type { Db } from './db/connection';
import { getLabelByKey } from './db/labels';
import { commitPrepared } from './import/commit';
import { Previewer } from './import/preview';
import { inMemory } from './import/staging';
import { IMPORTABLE_EXTENSIONS } from './import/sources';

interface DemoSpan {
  match: string;
  label: string;
  attributes?: Record<string, string>;
}

export function demoProjectPath(core: Pick<CoreContext, 'projectsDir'>): string {
  return join(core.projectsDir, 'biaozhu-demo.biaozhu');
}

/** Imports every sample into db and labels the spans listed in demo-spans.json. */
export function populateDemo(db: Db, samplesDir: string, annotator: string): void {
  const files = readdirSync(samplesDir)
    .filter((name) => IMPORTABLE_EXTENSIONS.has(name.slice(name.lastIndexOf('.')).toLowerCase()) && name !== 'demo-spans.json')
    .sort();
  const previewer = new Previewer(db, importOptions.parse({}));
  const prepared = files.map((name, i) => previewer.preview({ kind: 'path', path: join(samplesDir, name), fileName: name }, i, null).prepared);
  const report = commitPrepared(
    db,
    { files: prepared.map(inMemory), annotator },
    () => {},
    () => {},
  );
  const spansFile = join(samplesDir, 'demo-spans.json');
  if (!existsSync(spansFile)) return;
  const spans = JSON.parse(readFileSync(spansFile, 'utf8')) as DemoSpan[];
  // Label only the first few documents so the demo also shows unfinished work.
  for (const documentId of report.documentIds.slice(0, 3)) {
    const text = (db.prepare('SELECT text FROM document_texts WHERE document_id = ?').get(documentId) as { text: string }).text;
    for (const span of spans) {
      const start = text.indexOf(span.match);
      const label = getLabelByKey(db, span.label);
      if (start < 0 || !label) continue;
      createAnnotation(db, { documentId, start, end: start + span.match.length, labelId: label.id, attributes: span.attributes, annotator });
    }
  }
}

export async function ensureDemoProject(core: Pick<CoreContext, 'projectsDir' | 'resourcesDir' | 'session'>): Promise<string> {
  const path = demoProjectPath(core);
  if (existsSync(path)) return path;
  const db = createProjectFile(path, 'Biaozhu 示例项目 Demo');
  try {
    populateDemo(db, join(core.resourcesDir, 'samples'), core.session.annotator());
  } finally {
    db.close();
  }
  return path;
}
