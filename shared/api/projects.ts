import { z } from 'zod';
import type { ProjectInfo, ProjectStats, RecentProject } from '../model';

export const projectPath = z.string().trim().min(1, 'a project path is required').max(4096);

export const projectsInputs = {
  'app:info': z.object({}).strict(),
  'projects:create': z.object({ path: projectPath, name: z.string().trim().max(200).optional() }).strict(),
  'projects:open': z.object({ path: projectPath }).strict(),
  'projects:openDemo': z.object({}).strict(),
  'projects:close': z.object({}).strict(),
  'projects:stats': z.object({}).strict(),
  'projects:setAnnotator': z.object({ name: z.string().trim().min(1).max(100) }).strict(),
  /** Full PRAGMA integrity_check of the open project, in a worker thread. */
  'projects:check': z.object({}).strict(),
  /** Copies what is readable of a project (the open one when path is absent) into a new file. */
  'projects:recover': z.object({ path: projectPath.optional(), outPath: projectPath.optional() }).strict(),
};

export interface CheckReport {
  ok: boolean;
  /** The first problems SQLite reported (at most 20). */
  problems: string[];
  /** The project as it is now: read-only and damaged when the check failed. */
  project: ProjectInfo | null;
}

export interface RecoveredTable {
  table: string;
  copied: number;
  /** Rows that could not be read, or that pointed at rows that were lost. */
  lost: number;
}

export interface RecoverReport {
  /** The new project file. */
  path: string;
  tables: RecoveredTable[];
}

export interface StartupNotice {
  /** The last project, which could not be opened. */
  path: string;
  reason: string;
}

export interface AppInfo {
  version: string;
  /** 'electron' for the desktop window, 'browser' for the local browser mode. */
  mode: 'electron' | 'browser';
  project: ProjectInfo | null;
  recent: RecentProject[];
  /** Folder where new projects and exports go by default. */
  defaultDirectory: string;
  /** The project the user had open last when it could not be reopened at startup (the demo opened instead), and why; else null. */
  startupNotice: StartupNotice | null;
  /** The demo project's file: imports into it are said to go into the demo. */
  demoPath: string;
}

type In<K extends keyof typeof projectsInputs> = z.infer<(typeof projectsInputs)[K]>;

export type ProjectsApi = {
  'app:info': (a: In<'app:info'>) => Promise<AppInfo>;
  'projects:create': (a: In<'projects:create'>) => Promise<ProjectInfo>;
  'projects:open': (a: In<'projects:open'>) => Promise<ProjectInfo>;
  'projects:openDemo': (a: In<'projects:openDemo'>) => Promise<ProjectInfo>;
  'projects:close': (a: In<'projects:close'>) => Promise<null>;
  'projects:stats': (a: In<'projects:stats'>) => Promise<ProjectStats>;
  'projects:setAnnotator': (a: In<'projects:setAnnotator'>) => Promise<ProjectInfo>;
  'projects:check': (a: In<'projects:check'>) => Promise<CheckReport>;
  'projects:recover': (a: In<'projects:recover'>) => Promise<RecoverReport>;
};
