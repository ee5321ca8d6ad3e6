// New project: a name and a folder (chosen in the file browser or typed); the file is <folder>/<name>.biaozhu.
import { useState } from 'react';
import { callOrThrow } from '../api/client';
import type { ProjectInfo } from '../../../shared/model';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage } from '../state/toasts';
import { FileBrowserDialog } from './FileBrowserDialog';

/** A file name from a project name: characters no file system takes become '-'. */
export function projectFileName(name: string): string {
  const safe = name
    .trim()
    .replace(/[\\/:*?"<>|\0]/g, '-')
    .replace(/^\.+/, '');
  return `${safe || 'project'}.biaozhu`;
}

const joinPath = (folder: string, file: string) => `${folder.replace(/[\\/]+$/, '')}/${file}`;

export function NewProjectDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (project: ProjectInfo) => void }) {
  const { t } = useI18n();
  const app = useAppState();
  const [name, setName] = useState('');
  const [folder, setFolder] = useState(app.info?.defaultDirectory ?? '');
  const [browsing, setBrowsing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = folder.trim() ? joinPath(folder.trim(), projectFileName(name)) : '';

  if (browsing) {
    return (
      <FileBrowserDialog
        purpose="folder"
        title={t('files.chooseFolderTitle')}
        startPath={folder.trim() || undefined}
        onPick={(picked) => {
          setFolder(picked);
          setBrowsing(false);
        }}
        onClose={() => setBrowsing(false)}
      />
    );
  }

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      onCreated(await callOrThrow('projects:create', { path, ...(name.trim() ? { name: name.trim() } : {}) }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const footer = (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="submit" form="new-project-form" className="button button-primary" disabled={busy || !name.trim() || !folder.trim()}>
        {t('start.create')}
      </button>
    </>
  );

  return (
    <Modal title={t('projects.newTitle')} onClose={onClose} footer={footer} className="new-project-dialog">
      <form
        id="new-project-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label htmlFor="new-project-name">{t('start.name')}</label>
          <input id="new-project-name" className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
        </div>
        <div className="field">
          <label htmlFor="new-project-folder">{t('projects.folder')}</label>
          <div className="input-with-button">
            <input id="new-project-folder" className="input mono" value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} required />
            <button type="button" className="button" onClick={() => setBrowsing(true)}>
              {t('files.browse')}
            </button>
          </div>
        </div>
        {path && (
          <p className="muted new-project-file">
            {t('projects.willCreate')} <code>{path}</code>
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
