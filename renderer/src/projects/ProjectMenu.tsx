// The top bar's project menu: new project, open project (file browser), recent projects, the demo.
// Also where the startup notice shows (the last project could not be reopened, so the demo is open).
import { useEffect, useRef, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { ProjectInfo } from '../../../shared/model';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { FileBrowserDialog } from './FileBrowserDialog';
import { HandOutDialog } from './HandOutDialog';
import { MergeCoderFilesDialog } from './MergeCoderFilesDialog';
import { NewProjectDialog } from './NewProjectDialog';
import '../styles/projects.css';

/** Opening, creating and switching projects, shared by the start screen and the top bar. */
export function useProjectSwitch() {
  const app = useAppState();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const run = async (open: () => Promise<ProjectInfo>) => {
    setBusy(true);
    try {
      app.setProject(await open());
      void app.reloadInfo(); // recent projects changed
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    open: (path: string) => run(() => callOrThrow('projects:open', { path })),
    openDemo: () => run(() => callOrThrow('projects:openDemo', {})),
    adopt: (project: ProjectInfo) => run(async () => project),
  };
}

export type ProjectDialog = 'new' | 'open' | 'handout' | 'merge' | null;

/** The new-project and open-project dialogs, for whoever offers them. */
export function ProjectDialogs({ dialog, close }: { dialog: ProjectDialog; close: () => void }) {
  const { t } = useI18n();
  const app = useAppState();
  const projects = useProjectSwitch();
  const folderOf = (path: string | undefined) => path?.replace(/[\\/][^\\/]*$/, '') || undefined;
  if (dialog === 'new') {
    return (
      <NewProjectDialog
        onClose={close}
        onCreated={(project) => {
          close();
          void projects.adopt(project);
        }}
      />
    );
  }
  if (dialog === 'merge') return <MergeCoderFilesDialog onClose={close} />;
  if (dialog === 'handout') return <HandOutDialog onClose={close} />;
  if (dialog === 'open') {
    return (
      <FileBrowserDialog
        purpose="project"
        title={t('start.open')}
        startPath={folderOf(app.project?.path ?? app.info?.recent[0]?.path)}
        onPick={(path) => {
          close();
          void projects.open(path);
        }}
        onClose={close}
      />
    );
  }
  return null;
}

export function ProjectMenu() {
  const { t } = useI18n();
  const app = useAppState();
  const projects = useProjectSwitch();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<ProjectDialog>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);
  const recent = (app.info?.recent ?? []).filter((r) => r.path !== app.project?.path);
  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  return (
    <div className="project-menu" ref={ref} onKeyDown={(e) => e.key === 'Escape' && open && (e.stopPropagation(), setOpen(false))}>
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={open} disabled={projects.busy} onClick={() => setOpen(!open)}>
        {t('projects.menu')} ▾
      </button>
      {open && (
        <ul className="project-menu-list" role="menu">
          <li role="none">
            <button type="button" role="menuitem" onClick={choose(() => setDialog('new'))}>
              {t('projects.new')}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" onClick={choose(() => setDialog('open'))}>
              {t('projects.open')}
            </button>
          </li>
          {app.project && (
            <li role="none">
              <button type="button" role="menuitem" onClick={choose(() => setDialog('handout'))}>
                {t('handout.menu')}
              </button>
            </li>
          )}
          {app.project && !app.project.readOnly && (
            <li role="none">
              <button type="button" role="menuitem" onClick={choose(() => setDialog('merge'))}>
                {t('coders.menu')}
              </button>
            </li>
          )}
          {recent.length > 0 && <li className="project-menu-heading">{t('start.recent')}</li>}
          {recent.slice(0, 8).map((r) => (
            <li role="none" key={r.path}>
              <button type="button" role="menuitem" title={r.path} onClick={choose(() => void projects.open(r.path))}>
                <span className="recent-name">{r.name}</span>
                <span className="recent-path mono">{r.path}</span>
              </button>
            </li>
          ))}
          <li role="none">
            <button type="button" role="menuitem" onClick={choose(() => void projects.openDemo())}>
              {t('start.demo')}
            </button>
          </li>
        </ul>
      )}
      <ProjectDialogs dialog={dialog} close={() => setDialog(null)} />
    </div>
  );
}

/** Why the project open now is not the one the user had open last; dismissible, once per launch. */
export function StartupNotice() {
  const { t } = useI18n();
  const notice = useAppState().info?.startupNotice ?? null;
  const key = `biaozhu.noticeSeen:${notice?.path}`;
  const [hidden, setHidden] = useState(() => sessionStorage.getItem(key) !== null);
  if (!notice || hidden) return null;
  const message = t('projects.couldNotReopen', { path: notice.path, reason: notice.reason });
  return (
    <div className="startup-notice" role="status">
      <span className="startup-notice-message" title={message}>
        {message}
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          sessionStorage.setItem(key, '1');
          setHidden(true);
        }}
      >
        {t('common.close')}
      </button>
    </div>
  );
}
