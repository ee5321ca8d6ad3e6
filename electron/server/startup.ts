// Which project the browser mode opens when it starts: the one asked for on the command line, else
// the last one the user had open (settings remember recent projects), else the demo — and when the
// last project cannot be opened, the demo with a notice saying why.
import { existsSync } from 'node:fs';
import type { Core } from '../services/core';
import { ensureDemoProject } from '../services/demo';

export interface StartupChoice {
  project?: string;
  createProject?: string;
  noProject?: boolean;
}

/** Opens the startup project; returns a sentence for the user when it is not the one they had open, else null. */
export async function openStartupProject(core: Core, choice: StartupChoice): Promise<string | null> {
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
  let notice: string | null = null;
  if (last) {
    try {
      if (!existsSync(last.path)) throw new Error('the file is no longer there (moved or deleted)');
      core.session.open(last.path);
      return null;
    } catch (error) {
      notice = `Could not reopen the last project, ${last.path}: ${(error as Error).message}. The demo project is open instead.`;
    }
  }
  core.session.open(await ensureDemoProject(core));
  return notice;
}
