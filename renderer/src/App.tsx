// Root: providers, then the start screen or the workbench depending on whether a project is open.
import { I18nProvider, useI18n } from './i18n';
import { AppStateProvider, useAppState } from './state/appState';
import { ToastProvider } from './state/toasts';
import { StartScreen } from './components/StartScreen';
import { Workbench } from './components/Workbench';

function Screens() {
  const { info, loadError, project } = useAppState();
  const { t } = useI18n();
  if (loadError) {
    return (
      <main className="start-screen">
        <div className="start-card" role="alert">
          <h1>{t('common.error')}</h1>
          <p>{loadError}</p>
        </div>
      </main>
    );
  }
  if (!info) return <main className="start-screen" aria-busy="true" />;
  return project ? <Workbench key={project.path} /> : <StartScreen />;
}

export function App() {
  return (
    <I18nProvider>
      <ToastProvider>
        <AppStateProvider>
          <Screens />
        </AppStateProvider>
      </ToastProvider>
    </I18nProvider>
  );
}
