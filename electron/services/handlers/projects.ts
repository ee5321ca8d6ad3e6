import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { demoProjectPath, ensureDemoProject } from '../demo';
import * as service from '../projects/service';

export function registerProjectHandlers(registry: HandlerRegistry, core: CoreContext): void {
  const { session } = core;
  registry.method('app:info', () => ({
    version: core.version,
    mode: core.mode,
    project: session.info(),
    recent: session.settings.recent(),
    defaultDirectory: core.projectsDir,
    startupNotice: core.startup.notice,
    demoPath: demoProjectPath(core),
  }));
  registry.method('projects:create', ({ path, name }) => session.create(path, name));
  registry.method('projects:open', ({ path }) => session.open(path));
  registry.method('projects:openDemo', async () => session.open(await ensureDemoProject(core)));
  registry.method('projects:close', () => {
    session.close();
    return null;
  });
  registry.method('projects:stats', () => service.projectStats(session.requireDb()));
  registry.explainReadOnly(() => session.readOnly?.message ?? null);
  registry.method('projects:check', () => service.checkProject(session));
  registry.method('projects:recover', ({ path, outPath }) => service.recoverProject(session, path, outPath));
  registry.method('projects:setAnnotator', ({ name }) => service.setAnnotator(session, name));
}
