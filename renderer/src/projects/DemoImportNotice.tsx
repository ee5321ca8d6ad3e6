// Imports never go into the demo project unsaid: the import dialog says so and offers a new project first.
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { NewProjectDialog } from './NewProjectDialog';
import { useProjectSwitch } from './ProjectMenu';

export function useIsDemoProject(): boolean {
  const { info, project } = useAppState();
  return !!project && !!info && project.path === info.demoPath;
}

export function DemoImportNotice({ onNewProject }: { onNewProject: () => void }) {
  const { t } = useI18n();
  if (!useIsDemoProject()) return null;
  return (
    <div className="warning-banner demo-import-notice" role="note">
      <span>{t('projects.demoImport')}</span>
      <button type="button" className="button button-small button-primary" onClick={onNewProject}>
        {t('projects.newFirst')}
      </button>
    </div>
  );
}

/** Shown in place of the import dialog: the new project opens, and the import starts again there. */
export function NewProjectBeforeImport({ onClose }: { onClose: () => void }) {
  const projects = useProjectSwitch();
  return <NewProjectDialog onClose={onClose} onCreated={(project) => void projects.adopt(project)} />;
}
