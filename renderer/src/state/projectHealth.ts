// "Check project" and "Recover…": the full integrity check and recovery of a damaged project.
import type { ProjectInfo } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import type { Translate } from '../i18n';
import type { Command } from './commands';
import { errorMessage } from './toasts';

export interface HealthDeps {
  t: Translate;
  project: ProjectInfo | null;
  setProject: (project: ProjectInfo | null) => void;
  info: (message: string) => void;
  error: (message: string) => void;
}

export async function checkProject(d: HealthDeps): Promise<void> {
  d.info(d.t('health.checking'));
  try {
    const report = await callOrThrow('projects:check', {});
    if (report.project) d.setProject(report.project);
    if (report.ok) d.info(d.t('health.ok'));
    else d.error(d.t('health.failed', { n: report.problems.length, first: report.problems[0] ?? '' }));
  } catch (error) {
    d.error(errorMessage(error));
  }
}

/** Copies what is readable into a new project beside the damaged one, then opens the copy. */
export async function recoverProject(d: HealthDeps): Promise<void> {
  d.info(d.t('health.recovering'));
  try {
    const report = await callOrThrow('projects:recover', {});
    const documents = report.tables.find((table) => table.table === 'documents');
    const lost = report.tables.reduce((n, table) => n + table.lost, 0);
    d.setProject(await callOrThrow('projects:open', { path: report.path }));
    d.info(d.t('health.recovered', { path: report.path, documents: documents?.copied ?? 0, lost }));
  } catch (error) {
    d.error(errorMessage(error));
  }
}

export function projectHealthCommands(d: HealthDeps): Command[] {
  return [
    { id: 'project:check', group: 'app', title: d.t('cmd.checkProject'), keys: [], run: () => void checkProject(d), enabled: () => d.project !== null },
    {
      id: 'project:recover',
      group: 'app',
      title: d.t('cmd.recoverProject'),
      keys: [],
      run: () => void recoverProject(d),
      enabled: () => d.project?.readOnly?.reason === 'damaged',
    },
  ];
}
