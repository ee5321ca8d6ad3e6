// Which project the core opens when it starts (desktop app and browser mode alike): the one asked
// for on the command line, else the last one the user had open (settings remember recent projects),
// else the demo — and when the last project cannot be opened, the demo with a notice saying why.
import { existsSync } from 'node:fs';
import type { StartupNotice } from '../../../shared/api/projects';
import type { Core } from '../core';
import { ensureDemoProject } from '../demo';

export interface StartupChoice {
  project?: string;
  createProject?: string;
  noProject?: boolean;
}

/** Opens the startup project; says which project could not be reopened and why, else null. */
export async function openStartupProject(core: Core, choice: StartupChoice): Promise<StartupNotice | null> {
  if (choice.createProject) {
    core.session.create(choice.createProject);
    return null;
  }
  if (choice.project) {
    core.session.open(choice.project);
    return null;
  }
  if (choice.noProject) return null;
  const last = core.session.settings.recent()[0];
  let notice: StartupNotice | null = null;
  if (last) {
    try {
      if (!existsSync(last.path)) throw new Error('the file is no longer there (moved or deleted)');
      core.session.open(last.path);
      return null;
    } catch (error) {
      notice = { path: last.path, reason: (error as Error).message };
    }
  }
  core.session.open(await ensureDemoProject(core));
  return notice;
}
