// Root: providers, then the start screen or the workbench depending on whether a project is open.
import { lazy, Suspense } from 'react';
import { Workbench } from './components/Workbench';
import { I18nProvider, useI18n } from './i18n';
import { AppStateProvider, useAppState } from './state/appState';
import { ToastProvider } from './state/toasts';

// Most starts reopen a project: the start screen's code is loaded only when it is shown.
const StartScreen = lazy(() => import('./components/StartScreen').then((m) => ({ default: m.StartScreen })));

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
  if (project) return <Workbench key={project.path} />;
  return (
    <Suspense fallback={<main className="start-screen" aria-busy="true" />}>
      <StartScreen />
    </Suspense>
  );
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
