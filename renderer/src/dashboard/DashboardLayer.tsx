// Where the workbench keeps the dashboard: opened by the top bar's button, the palette or Alt+G (an
// event, as the entity panel's key is), drawn over the workbench, which stays mounted underneath.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { ListQuery } from '../hooks/useDocumentList';
import { useDashboardDrill } from './useDashboardDrill';

// The dashboard brings ECharts: loaded the first time it opens, not with the workbench.
const DashboardView = lazy(() => import('./DashboardView').then((m) => ({ default: m.DashboardView })));

const DASHBOARD_EVENT = 'biaozhu:open-dashboard';

export function openDashboard(): void {
  window.dispatchEvent(new Event(DASHBOARD_EVENT));
}

export interface DashboardState {
  open: boolean;
  close: () => void;
  setQuery: (next: (prev: ListQuery) => ListQuery) => void;
}

/** Whether the dashboard is open; the document list's query setter is where its clicks go. */
export function useDashboard(setQuery: DashboardState['setQuery']): DashboardState {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener(DASHBOARD_EVENT, show);
    return () => window.removeEventListener(DASHBOARD_EVENT, show);
  }, []);
  return { open, close, setQuery };
}

export function DashboardLayer({ dashboard }: { dashboard: DashboardState }) {
  const drill = useDashboardDrill({ setQuery: dashboard.setQuery, closeDashboard: dashboard.close });
  if (!dashboard.open) return null;
  return (
    <Suspense fallback={null}>
      <DashboardView onClose={dashboard.close} onDrill={drill} />
    </Suspense>
  );
}

/** The top bar's dashboard button: three bars, drawn in the text colour. */
export function DashboardIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
      <rect x="1.5" y="8" width="3" height="6.5" rx="0.5" />
      <rect x="6.5" y="4" width="3" height="10.5" rx="0.5" />
      <rect x="11.5" y="1.5" width="3" height="13" rx="0.5" />
    </svg>
  );
}
