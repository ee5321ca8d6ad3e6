// Builds the data core that both the Electron main process and the browser-mode server expose:
// one registry of typed handlers over one project session.
import { readFileSync } from 'node:fs';
import type { StartupNotice } from '../../shared/api/projects';
import { join, resolve } from 'node:path';
import { registerAdjudicationHandlers } from './handlers/adjudication';
import { registerAgreementHandlers } from './handlers/agreement';
import { registerCoderHandlers } from './handlers/coders';
import { registerLayersHandlers } from './handlers/layers';
import { HandlerRegistry } from './app/registry';
import { BackupService } from './app/backups';
import { JobManager } from './app/jobs';
import { defaultResourcesDir, defaultUserDataDir } from './app/paths';
import { ProjectSession } from './app/session';
import { UserSettings } from './app/settings';
import { registerAnnotationHandlers } from './handlers/annotations';
import { registerBackupHandlers } from './handlers/backups';
import { registerDocumentHandlers } from './handlers/documents';
import { registerExportHandlers } from './handlers/export';
import { registerFileHandlers } from './handlers/files';
import { registerImportHandlers } from './handlers/import';
import { registerJobHandlers } from './handlers/jobs';
import { registerLabelHandlers } from './handlers/labels';
import { registerProjectHandlers } from './handlers/projects';
import { registerSearchHandlers } from './handlers/search';
import { registerSuggestionHandlers } from './handlers/suggestions';
import { registerEntityHandlers } from './handlers/entities';
import { registerDashboardHandlers } from './handlers/dashboard';
import { registerTimingHandlers } from './handlers/timing';
import { ImportService } from './import/service';
import { removeStaleStagingDirs } from './import/staging';

export interface CoreOptions {
  mode: 'electron' | 'browser' | 'cli';
  userDataDir?: string;
  resourcesDir?: string;
}

export interface CoreContext {
  mode: 'electron' | 'browser';
  version: string;
  userDataDir: string;
  resourcesDir: string;
  projectsDir: string;
  session: ProjectSession;
  jobs: JobManager;
  imports: ImportService;
  backups: BackupService;
  /** Said once to the user after startup (app:info): why the last project could not be reopened. */
  startup: { notice: StartupNotice | null };
}

export interface Core extends CoreContext {
  registry: HandlerRegistry;
  /** Closes the project and removes temporary import files. */
  dispose(): void;
}

function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function createCore(options: CoreOptions): Core {
  const userDataDir = options.userDataDir ?? defaultUserDataDir();
  const session = new ProjectSession(new UserSettings(userDataDir), options.mode === 'electron' ? 'app' : options.mode);
  const jobs = new JobManager();
  const context: CoreContext = {
    mode: options.mode === 'electron' ? 'electron' : 'browser',
    version: appVersion(),
    userDataDir,
    resourcesDir: options.resourcesDir ?? defaultResourcesDir(),
    projectsDir: join(userDataDir, 'projects'),
    session,
    jobs,
    imports: new ImportService(session, jobs),
    backups: new BackupService(session, userDataDir),
    startup: { notice: null },
  };
  const registry = new HandlerRegistry();
  registerProjectHandlers(registry, context);
  registerDocumentHandlers(registry, context);
  registerAnnotationHandlers(registry, context);
  registerLabelHandlers(registry, context);
  registerImportHandlers(registry, context);
  registerExportHandlers(registry, context);
  registerJobHandlers(registry, context);
  registerBackupHandlers(registry, context);
  registerFileHandlers(registry, context);
  registerAgreementHandlers(registry, context);
  registerCoderHandlers(registry, context);
  registerLayersHandlers(registry, context);
  registerAdjudicationHandlers(registry, context);
  const searchIndexer = registerSearchHandlers(registry, context, options.mode !== 'cli');
  registerEntityHandlers(registry, context);
  registerDashboardHandlers(registry, context);
  registerTimingHandlers(registry, context);
  const suggestionModel = registerSuggestionHandlers(registry, context, { background: options.mode !== 'cli' });
  if (options.mode !== 'cli') context.backups.start();
  void removeStaleStagingDirs().catch((error: unknown) => console.warn('[biaozhu] could not look for old import previews:', error));
  const dispose = () => {
    searchIndexer?.dispose();
    suggestionModel.dispose();
    context.imports.dispose();
    context.backups.stop();
    session.close();
  };
  return { ...context, registry, dispose };
}
