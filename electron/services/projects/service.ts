// Projects: counts for the overview, the full integrity check and recovery (both in the integrity
// worker), and the annotator's name. Opening and closing are the session's (app/session.ts).
import { existsSync } from 'node:fs';
import type { ApiOutput } from '../../../shared/api/index';
import { ApiFailure } from '../../../shared/api/result';
import { awaitedControl } from '../app/jobs';
import { normalizeProjectPath, type ProjectSession } from '../app/session';
import { runWorker } from '../app/workers';
import { countAnnotations, countByLabel } from '../db/annotations';
import type { Db } from '../db/connection';
import { countByStatus, countDocuments } from '../db/documents';
import type { IntegrityWorkerData, IntegrityWorkerResult } from '../db/integrity-worker';
import { annotatorCounts, getMeta } from '../db/meta';
import { countByReviewState } from '../db/project-stats';
import { defaultRecoveryPath } from '../db/recover';

export function projectStats(db: Db): ApiOutput<'projects:stats'> {
  return {
    documents: countDocuments(db),
    annotations: countAnnotations(db),
    byStatus: countByStatus(db),
    byLabel: countByLabel(db),
    annotators: annotatorCounts(db),
    byReview: countByReviewState(db),
    duplicateSpansRemoved: Number(getMeta(db, 'duplicate_spans_removed') ?? 0),
  };
}

/** The full check; a project found damaged is from then on open read-only. */
export async function checkProject(session: ProjectSession): Promise<ApiOutput<'projects:check'>> {
  const projectPath = session.requirePath();
  const result = await runWorker<IntegrityWorkerResult>('integrity-worker', { mode: 'check', projectPath } satisfies IntegrityWorkerData, awaitedControl());
  const problems = result.mode === 'check' ? result.problems : [];
  // The project may have been closed or switched while the check ran.
  const stillOpen = session.isOpen && session.requirePath() === projectPath;
  const project = problems.length > 0 && stillOpen ? session.markDamaged(problems) : session.info();
  return { ok: problems.length === 0, problems, project };
}

/** Copies what is readable of a project (the open one unless `path`) into a new project. */
export async function recoverProject(session: ProjectSession, path: string | undefined, outPath: string | undefined): Promise<ApiOutput<'projects:recover'>> {
  const projectPath = path ? normalizeProjectPath(path) : session.requirePath();
  if (!existsSync(projectPath)) throw new ApiFailure('not_found', `No project file at ${projectPath}`);
  const out = outPath ? normalizeProjectPath(outPath) : defaultRecoveryPath(projectPath);
  if (out === projectPath) throw new ApiFailure('conflict', 'Recovery writes a new project; choose a path other than the project itself.');
  const result = await runWorker<IntegrityWorkerResult>(
    'integrity-worker',
    { mode: 'recover', projectPath, outPath: out } satisfies IntegrityWorkerData,
    awaitedControl(),
  );
  if (result.mode !== 'recover') throw new Error('integrity worker answered the wrong request');
  return result.report;
}

export function setAnnotator(session: ProjectSession, name: string): ApiOutput<'projects:setAnnotator'> {
  session.setAnnotator(name);
  const info = session.info();
  if (!info) throw new ApiFailure('no_project', 'No project is open');
  return info;
}
