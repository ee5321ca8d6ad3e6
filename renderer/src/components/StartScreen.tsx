// Shown when no project is open: create, open (typed or through the file browser), recent projects, demo.
import { useState } from 'react';
import { FileBrowserDialog } from '../projects/FileBrowserDialog';
import { ProjectDialogs, type ProjectDialog } from '../projects/ProjectMenu';
import { callOrThrow } from '../api/client';
import type { ProjectInfo } from '../../../shared/model';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { CreateProjectForm, OpenProjectForm, StartHeader } from './StartScreenForms';

export function StartScreen() {
  const { t } = useI18n();
  const app = useAppState();
  const toast = useToast();
  const dir = app.info?.defaultDirectory ?? '';
  const [createPath, setCreatePath] = useState(dir ? `${dir.replace(/\/$/, '')}/annotations.biaozhu` : '');
  const [busy, setBusy] = useState(false);
  const [browsing, setBrowsing] = useState<'folder' | ProjectDialog>(null);
  /** The file name part of the path being typed, kept when a folder is chosen in the browser. */
  const fileName = createPath.split(/[\\/]/).pop() || 'annotations.biaozhu';

  const run = async (fn: () => Promise<ProjectInfo>) => {
    setBusy(true);
    try {
      app.setProject(await fn());
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="start-screen">
      <div className="start-card">
        <StartHeader />
        <div className="start-grid">
          <CreateProjectForm createPath={createPath} setCreatePath={setCreatePath} busy={busy} run={run} onBrowse={() => setBrowsing('folder')} />
          <OpenProjectForm busy={busy} run={run} onBrowse={() => setBrowsing('open')} />
        </div>
        <div className="start-demo">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(() => callOrThrow('projects:openDemo', {}))}>
            {t('start.demo')}
          </button>
          <span className="muted">{t('start.demoHint')}</span>
        </div>
      </div>
      {browsing === 'folder' && (
        <FileBrowserDialog
          purpose="folder"
          title={t('files.chooseFolderTitle')}
          startPath={dir || undefined}
          onPick={(folder) => {
            setCreatePath(`${folder.replace(/[\\/]+$/, '')}/${fileName}`);
            setBrowsing(null);
          }}
          onClose={() => setBrowsing(null)}
        />
      )}
      {browsing !== 'folder' && <ProjectDialogs dialog={browsing} close={() => setBrowsing(null)} />}
    </main>
  );
}
