// What a click on a dashboard chart does in the workbench (#24): the document list under the chart's
// filter narrowed to the bar (every DashboardFilter field has its place in the list's query), or the
// concordance of a mention. The dashboard closes first, so the list or the search panel is in view.
import { useCallback } from 'react';
import type { ListQuery } from '../hooks/useDocumentList';
import { showMentionInCorpus } from '../search/useCorpusSearch';
import { useAppState } from '../state/appState';
import type { DashboardDrill } from './drill';
import { drillQuery, type LabelKeyOf } from './drillQuery';

interface Deps {
  setQuery: (next: (prev: ListQuery) => ListQuery) => void;
  closeDashboard: () => void;
}

/** The Workbench's handler for the dashboard's onDrill. */
export function useDashboardDrill({ setQuery, closeDashboard }: Deps): (drill: DashboardDrill) => void {
  const { labelById } = useAppState();
  return useCallback(
    (drill: DashboardDrill) => {
      const keyOf: LabelKeyOf = (id) => labelById.get(id)?.key ?? `#${id}`;
      closeDashboard();
      if (drill.kind === 'concordance') {
        showMentionInCorpus(drill.text, false, drill.labelId === undefined ? undefined : keyOf(drill.labelId));
        return;
      }
      setQuery((prev) => drillQuery(drill, keyOf, prev));
    },
    [labelById, setQuery, closeDashboard],
  );
}
