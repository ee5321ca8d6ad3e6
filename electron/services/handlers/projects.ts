import { ApiFailure } from '../../../shared/api/result';
import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { annotatorCounts } from '../db/meta';
import { countAnnotations, countByLabel } from '../db/annotations';
import { countByStatus, countDocuments } from '../db/documents';
import { ensureDemoProject } from '../demo';

export function registerProjectHandlers(registry: HandlerRegistry, core: CoreContext): void {
  const { session } = core;
  registry.method('app:info', () => ({
    version: core.version,
    mode: core.mode,
    project: session.info(),
    recent: session.settings.recent(),
    defaultDirectory: core.projectsDir,
  }));
  registry.method('projects:create', ({ path, name }) => session.create(path, name));
  registry.method('projects:open', ({ path }) => session.open(path));
  registry.method('projects:openDemo', async () => session.open(await ensureDemoProject(core)));
  registry.method('projects:close', () => {
    session.close();
    return null;
  });
  registry.method('projects:stats', () => {
    const db = session.requireDb();
    return {
      documents: countDocuments(db),
      annotations: countAnnotations(db),
      byStatus: countByStatus(db),
      byLabel: countByLabel(db),
      annotators: annotatorCounts(db),
    };
  });
  registry.method('projects:setAnnotator', ({ name }) => {
    session.settings.setAnnotator(name);
    const info = session.info();
    if (!info) throw new ApiFailure('no_project', 'No project is open');
    return info;
  });
}
