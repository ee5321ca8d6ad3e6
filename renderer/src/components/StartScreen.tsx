// Shown when no project is open: create, open (typed or through the file browser), recent projects, demo.
import { useState } from 'react';
import { FileBrowserDialog } from '../projects/FileBrowserDialog';
import { ProjectDialogs, type ProjectDialog } from '../projects/ProjectMenu';
import { callOrThrow } from '../api/client';
import type { ProjectInfo } from '../../../shared/model';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';

export function StartScreen() {
  const { t, lang, setLang } = useI18n();
  const app = useAppState();
  const toast = useToast();
  const dir = app.info?.defaultDirectory ?? '';
  const [createPath, setCreatePath] = useState(dir ? `${dir.replace(/\/$/, '')}/annotations.biaozhu` : '');
  const [name, setName] = useState('');
  const [openPath, setOpenPath] = useState('');
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
        <header className="start-header">
          <div className="brand brand-large" aria-hidden="true">
            标
          </div>
          <div>
            <h1>{t('app.name')} · Biaozhu</h1>
            <p className="muted">{t('app.tagline')}</p>
          </div>
          <button type="button" className="button button-ghost" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </button>
        </header>
        <div className="start-grid">
          <form
            className="start-section"
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => callOrThrow('projects:create', { path: createPath, ...(name.trim() ? { name: name.trim() } : {}) }));
            }}
          >
            <h2>{t('start.create')}</h2>
            <p className="muted">{t('start.createHint')}</p>
            <div className="field">
              <label htmlFor="create-path">{t('start.path')}</label>
              <div className="input-with-button">
                <input id="create-path" className="input mono" value={createPath} onChange={(e) => setCreatePath(e.target.value)} required />
                <button type="button" className="button" onClick={() => setBrowsing('folder')} aria-label={t('files.browseFolder')}>
                  {t('files.browse')}
                </button>
              </div>
            </div>
            <div className="field">
              <label htmlFor="create-name">{t('start.name')}</label>
              <input id="create-name" className="input" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <button type="submit" className="button button-primary" disabled={busy || !createPath.trim()}>
              {t('start.create')}
            </button>
          </form>
          <form
            className="start-section"
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => callOrThrow('projects:open', { path: openPath }));
            }}
          >
            <h2>{t('start.open')}</h2>
            <div className="field">
              <label htmlFor="open-path">{t('start.openPath')}</label>
              <div className="input-with-button">
                <input id="open-path" className="input mono" value={openPath} onChange={(e) => setOpenPath(e.target.value)} required />
                <button type="button" className="button" onClick={() => setBrowsing('open')} aria-label={t('files.browseProject')}>
                  {t('files.browse')}
                </button>
              </div>
            </div>
            <button type="submit" className="button" disabled={busy || !openPath.trim()}>
              {t('start.open')}
            </button>
            <h3 className="section-title">{t('start.recent')}</h3>
            {app.info?.recent.length ? (
              <ul className="recent-list">
                {app.info.recent.map((r) => (
                  <li key={r.path}>
                    <button
                      type="button"
                      className="recent-item"
                      disabled={busy}
                      onClick={() => void run(() => callOrThrow('projects:open', { path: r.path }))}
                    >
                      <span className="recent-name">{r.name}</span>
                      <span className="recent-path mono">{r.path}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('start.noRecent')}</p>
            )}
          </form>
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
