// Top bar: project, annotator, import/export/labels, review, language, theme, help.
import { useEffect, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { DialogName } from '../state/workbenchCommands';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { formatKey } from '../state/keys';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import { ProjectMenu, StartupNotice } from '../projects/ProjectMenu';
import { errorMessage, useToast } from '../state/toasts';
import { SearchBox } from '../search/SearchBox';
import { DashboardIcon, openDashboard } from '../dashboard/DashboardLayer';
import type { CorpusSearch } from '../search/useCorpusSearch';

interface Props {
  onDialog: (name: DialogName) => void;
  reviewMode: boolean;
  setReviewMode: (on: boolean) => void;
  hasDocument: boolean;
  search: CorpusSearch;
}

export function TopBar({ onDialog, reviewMode, setReviewMode, hasDocument, search }: Props) {
  const { t, lang, setLang } = useI18n();
  const app = useAppState();
  const project = app.project!;

  return (
    <header className="top-bar">
      <div className="brand" aria-hidden="true">
        标
      </div>
      <div className="top-project">
        <span className="top-project-name" title={project.path}>
          {project.name}
        </span>
        <span className="top-project-path">{project.path}</span>
      </div>
      <ProjectMenu />
      <ReadOnlyBanner />
      <StartupNotice />
      <AnnotatorField />
      <SearchBox search={search} />
      <div className="top-actions">
        <button type="button" className="button" onClick={() => onDialog('import')} title={`${t('top.import')} (${formatKey('Mod+o')})`}>
          {t('top.import')}
        </button>
        <button type="button" className="button" onClick={() => onDialog('export')} title={`${t('top.export')} (${formatKey('Mod+Shift+e')})`}>
          {t('top.export')}
        </button>
        <button type="button" className="button" onClick={() => onDialog('labels')} title={`${t('top.labels')} (${formatKey('Mod+Shift+l')})`}>
          {t('top.labels')}
        </button>
        <button
          type="button"
          className={`button${reviewMode ? ' is-on' : ''}`}
          aria-pressed={reviewMode}
          disabled={!hasDocument}
          onClick={() => setReviewMode(!reviewMode)}
          title={`${t('top.review')} (${formatKey('Alt+r')})`}
        >
          {t('top.review')}
        </button>
        <span className="toolbar-sep" />
        <button
          type="button"
          className="icon-button"
          onClick={openDashboard}
          aria-label={t('top.dashboard')}
          title={`${t('top.dashboard')} (${formatKey('Alt+g')})`}
        >
          <DashboardIcon />
        </button>
        <button type="button" className="button button-ghost" onClick={() => onDialog('palette')} title={t('top.palette')}>
          <kbd>{formatKey('Mod+k')}</kbd>
        </button>
        <button
          type="button"
          className="button button-ghost lang-switch"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          aria-label={`${t('top.language')}: ${lang === 'zh' ? '中文' : 'English'}`}
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
        >
          {lang === 'zh' ? 'EN' : '中'}
        </button>
        <button
          type="button"
          className="icon-button theme-switch"
          onClick={() => app.setTheme(app.theme === 'dark' ? 'light' : 'dark')}
          aria-label={app.theme === 'dark' ? t('top.themeLight') : t('top.themeDark')}
          title={app.theme === 'dark' ? t('top.themeLight') : t('top.themeDark')}
        >
          {app.theme === 'dark' ? '☀' : '☾'}
        </button>
        <button type="button" className="icon-button" onClick={() => onDialog('help')} aria-label={t('top.help')} title={`${t('top.help')} (?)`}>
          ?
        </button>
      </div>
    </header>
  );
}

/** The annotator's name, saved when the field loses focus (Enter too); an empty or unchanged name goes back to the saved one. */
function AnnotatorField() {
  const { t } = useI18n();
  const app = useAppState();
  const toast = useToast();
  const project = app.project!;
  const [annotator, setAnnotator] = useState(project.annotator);
  useEffect(() => setAnnotator(project.annotator), [project.annotator]);

  const saveAnnotator = async () => {
    const name = annotator.trim();
    if (!name || name === project.annotator) {
      setAnnotator(project.annotator);
      return;
    }
    try {
      app.setProject(await callOrThrow('projects:setAnnotator', { name }));
      toast.info(t('top.annotatorSaved', { name }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <label className="top-annotator">
      <span>{t('top.annotator')}</span>
      <input
        className="input input-compact"
        value={annotator}
        onChange={(e) => setAnnotator(e.target.value)}
        onBlur={() => void saveAnnotator()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        }}
      />
    </label>
  );
}
