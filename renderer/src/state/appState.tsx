// Project-wide state: app info, the open project, labels, theme. Loaded once, refreshed on demand.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, callOrThrow } from '../api/client';
import type { AppInfo } from '../../../shared/api/projects';
import type { Label, ProjectInfo } from '../../../shared/model';
import { useLocalStorage } from '../hooks/useLocalStorage';
import { takeStartupInfo, takeStartupLabels } from './startupRequests';
import { errorMessage, useToast } from './toasts';

export type Theme = 'light' | 'dark';

interface AppState {
  info: AppInfo | null;
  loadError: string | null;
  project: ProjectInfo | null;
  labels: Label[];
  labelById: Map<number, Label>;
  theme: Theme;
  setTheme: (theme: Theme) => void;
  setProject: (project: ProjectInfo | null) => void;
  reloadInfo: () => Promise<void>;
  reloadLabels: () => Promise<void>;
}

const AppContext = createContext<AppState | null>(null);

const prefersDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

export function AppStateProvider({ children }: { children: ReactNode }) {
  const toast = useToast();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [labels, setLabels] = useState<Label[]>([]);
  const [theme, setTheme] = useLocalStorage<Theme>('biaozhu.theme', () => (prefersDark() ? 'dark' : 'light'));

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const reloadInfo = useCallback(async () => {
    const result = await (takeStartupInfo() ?? api.call('app:info', {}));
    if (!result.ok) {
      setLoadError(result.error.message);
      return;
    }
    setLoadError(null);
    setInfo(result.value);
    setProject(result.value.project);
  }, []);

  const reloadLabels = useCallback(async () => {
    try {
      // The startup request went out before anyone knew whether a project was open: it may have failed.
      const early = await takeStartupLabels();
      setLabels(early?.ok ? early.value : await callOrThrow('labels:list', {}));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }, [toast]);

  useEffect(() => {
    void reloadInfo();
  }, [reloadInfo]);

  useEffect(() => {
    if (project) void reloadLabels();
    else setLabels([]);
  }, [project?.path, reloadLabels]); // eslint-disable-line react-hooks/exhaustive-deps

  const value = useMemo<AppState>(
    () => ({
      info,
      loadError,
      project,
      labels,
      labelById: new Map(labels.map((l) => [l.id, l])),
      theme,
      setTheme,
      setProject,
      reloadInfo,
      reloadLabels,
    }),
    [info, loadError, project, labels, theme, setTheme, reloadInfo, reloadLabels],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useAppState(): AppState {
  const value = useContext(AppContext);
  if (!value) throw new Error('useAppState outside AppStateProvider');
  return value;
}
