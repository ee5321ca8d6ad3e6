import { existsSync } from 'node:fs';
import { ApiFailure } from '../../../shared/api/result';
import { awaitedControl } from '../app/jobs';
import { normalizeProjectPath } from '../app/session';
import { runWorker } from '../app/workers';
import type { IntegrityWorkerData, IntegrityWorkerResult } from '../db/integrity-worker';
import { defaultRecoveryPath } from '../db/recover';
import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { annotatorCounts } from '../db/meta';
import { countAnnotations, countByLabel } from '../db/annotations';
import { countByStatus, countDocuments } from '../db/documents';
import { countByReviewState } from '../db/project-stats';
import { demoProjectPath, ensureDemoProject } from '../demo';
import { getMeta } from '../db/meta';

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
  registry.method('projects:stats', () => {
    const db = session.requireDb();
    return {
      documents: countDocuments(db),
      annotations: countAnnotations(db),
      byStatus: countByStatus(db),
      byLabel: countByLabel(db),
      annotators: annotatorCounts(db),
      byReview: countByReviewState(db),
      duplicateSpansRemoved: Number(getMeta(db, 'duplicate_spans_removed') ?? 0),
    };
  });
  registry.explainReadOnly(() => session.readOnly?.message ?? null);
  registry.method('projects:check', async () => {
    const projectPath = session.requirePath();
    const result = await runWorker<IntegrityWorkerResult>('integrity-worker', { mode: 'check', projectPath } satisfies IntegrityWorkerData, awaitedControl());
    const problems = result.mode === 'check' ? result.problems : [];
    // The project may have been closed or switched while the check ran.
    const stillOpen = session.isOpen && session.requirePath() === projectPath;
    const project = problems.length > 0 && stillOpen ? session.markDamaged(problems) : session.info();
    return { ok: problems.length === 0, problems, project };
  });
  registry.method('projects:recover', async ({ path, outPath }) => {
    const projectPath = path ? normalizeProjectPath(path) : session.requirePath();
    if (!existsSync(projectPath)) throw new ApiFailure('not_found', `No project file at ${projectPath}`);
    const out = outPath ? normalizeProjectPath(outPath) : defaultRecoveryPath(projectPath);
    if (out === projectPath) throw new ApiFailure('conflict', 'Recovery writes a new project; choose a path other than the project itself.');
    const result = await runWorker<IntegrityWorkerResult>('integrity-worker', { mode: 'recover', projectPath, outPath: out } satisfies IntegrityWorkerData, awaitedControl());
    if (result.mode !== 'recover') throw new Error('integrity worker answered the wrong request');
    return result.report;
  });
  registry.method('projects:setAnnotator', ({ name }) => {
    session.setAnnotator(name);
    const info = session.info();
    if (!info) throw new ApiFailure('no_project', 'No project is open');
    return info;
  });
}
