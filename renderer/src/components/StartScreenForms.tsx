// The start screen's parts: its header (name, language), the "create" form and the "open" form with the recent projects.
import { useState } from 'react';
import { callOrThrow } from '../api/client';
import type { ProjectInfo } from '../../../shared/model';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';

/** Runs a call that opens a project, with the screen busy meanwhile. */
export type RunProjectCall = (fn: () => Promise<ProjectInfo>) => Promise<void>;

export function StartHeader() {
  const { t, lang, setLang } = useI18n();
  return (
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
  );
}

interface CreateProps {
  createPath: string;
  setCreatePath: (path: string) => void;
  busy: boolean;
  run: RunProjectCall;
  onBrowse: () => void;
}

export function CreateProjectForm({ createPath, setCreatePath, busy, run, onBrowse }: CreateProps) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  return (
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
          <button type="button" className="button" onClick={onBrowse} aria-label={t('files.browseFolder')}>
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
  );
}

export function OpenProjectForm({ busy, run, onBrowse }: { busy: boolean; run: RunProjectCall; onBrowse: () => void }) {
  const { t } = useI18n();
  const app = useAppState();
  const [openPath, setOpenPath] = useState('');
  return (
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
          <button type="button" className="button" onClick={onBrowse} aria-label={t('files.browseProject')}>
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
  );
}
