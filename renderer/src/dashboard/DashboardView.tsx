// The dashboard (#24): charts of the corpus under one filter, over the whole window. Esc or the close
// button goes back to the workbench, which stayed mounted underneath exactly as it was.
import { useEffect, useRef, useState } from 'react';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { BreakdownCard, ChosenMentionsCard, CooccurrenceCard, OverTimeCard, TopMentionsCard } from './DashboardCharts';
import type { DashboardDrill } from './drill';
import { FilterBar } from './FilterBar';
import { ProgressCards } from './ProgressCards';
import { TimingCards } from './TimingCards';
import { clearChannelCache } from './useChannel';
import '../styles/dashboard.css';

interface Props {
  onClose: () => void;
  onDrill: (drill: DashboardDrill) => void;
}

/** The filter kept between openings, so that coming back from a drilled list shows the same charts (of the same project: label ids are the project's). */
let lastFilter: { projectPath: string; filter: DashboardFilter } | null = null;

export function DashboardView({ onClose, onDrill }: Props) {
  const { t } = useI18n();
  const project = useAppState().project!;
  const [filter, setFilterState] = useState<DashboardFilter>(() => (lastFilter?.projectPath === project.path ? lastFilter.filter : {}));
  const setFilter = (next: DashboardFilter) => {
    lastFilter = { projectPath: project.path, filter: next };
    setFilterState(next);
  };
  const closeButton = useRef<HTMLButtonElement>(null);
  // Answers are kept while the dashboard is open; the next opening counts the project afresh.
  useEffect(() => clearChannelCache, []);

  const root = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const uncover = inertSiblings(root.current);
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Back where the coder was (the list row, the reader, the panel), once the workbench is no longer inert.
      uncover();
      if (before?.isConnected) before.focus();
    };
  }, []);

  return (
    <div ref={root} className="dashboard" role="region" aria-labelledby="dashboard-title" data-testid="dashboard">
      <header className="dashboard-head">
        <h2 id="dashboard-title">{t('dashboard.title')}</h2>
        <span className="muted dashboard-project" title={project.path}>
          {project.name}
        </span>
        <span className="dashboard-head-hint muted">{t('dashboard.clickHint')}</span>
        <button ref={closeButton} type="button" className="button" onClick={onClose} title={t('dashboard.closeHint')}>
          {t('dashboard.close')}
        </button>
      </header>
      <FilterBar filter={filter} setFilter={setFilter} />
      <div className="dashboard-grid">
        <OverTimeCard filter={filter} onDrill={onDrill} />
        <ChosenMentionsCard filter={filter} onDrill={onDrill} />
        <TopMentionsCard filter={filter} onDrill={onDrill} />
        <BreakdownCard by="district" filter={filter} onDrill={onDrill} />
        <BreakdownCard by="source" filter={filter} onDrill={onDrill} />
        <CooccurrenceCard filter={filter} onDrill={onDrill} />
        <ProgressCards filter={filter} onDrill={onDrill} />
        <TimingCards filter={filter} />
      </div>
    </div>
  );
}

/**
 * The workbench beside the dashboard (top bar, panes) leaves the tab order and the accessibility tree
 * while it is covered, and comes back as it was.
 */
function inertSiblings(dashboard: HTMLElement | null): () => void {
  const covered = [...(dashboard?.parentElement?.children ?? [])].filter((el): el is HTMLElement => el !== dashboard && el instanceof HTMLElement && !el.inert);
  for (const el of covered) el.inert = true;
  return () => {
    for (const el of covered) el.inert = false;
  };
}
