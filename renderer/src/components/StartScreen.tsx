// Shown when no project is open: create, open by path, recent projects, demo.
import { useState } from 'react';
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
              <input id="create-path" className="input mono" value={createPath} onChange={(e) => setCreatePath(e.target.value)} required />
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
              <input id="open-path" className="input mono" value={openPath} onChange={(e) => setOpenPath(e.target.value)} required />
            </div>
            <button type="submit" className="button" disabled={busy || !openPath.trim()}>
              {t('start.open')}
            </button>
            <h3 className="section-title">{t('start.recent')}</h3>
            {app.info?.recent.length ? (
              <ul className="recent-list">
                {app.info.recent.map((r) => (
                  <li key={r.path}>
                    <button type="button" className="recent-item" disabled={busy} onClick={() => void run(() => callOrThrow('projects:open', { path: r.path }))}>
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
    </main>
  );
}
