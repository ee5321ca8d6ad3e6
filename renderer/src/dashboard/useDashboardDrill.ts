// What a click on a dashboard chart does in the workbench (#24): the document list under the chart's
// filter narrowed to the bar (every DashboardFilter field has its place in the list's query), or the
// concordance of a mention. The dashboard closes first, so the list or the search panel is in view.
import { useCallback } from 'react';
import type { MentionCondition } from '../../../shared/api/documents';
import type { ListQuery } from '../hooks/useDocumentList';
import { showMentionInCorpus } from '../search/useCorpusSearch';
import { useAppState } from '../state/appState';
import type { DashboardDrill, DrillMention } from './drill';

type DocumentsDrill = Extract<DashboardDrill, { kind: 'documents' }>;

/** A label id as the list's filters name labels (keys); an id the project no longer has matches nothing. */
export type LabelKeyOf = (labelId: number) => string;

/**
 * The list's query for a drill: the chart's filter and the bar's narrowing replace every filter the
 * list had; its sort and direction stay.
 */
export function drillQuery(drill: DocumentsDrill, keyOf: LabelKeyOf, current: Pick<ListQuery, 'sort' | 'direction'>): ListQuery {
  const { filter } = drill;
  const query: ListQuery = { sort: current.sort, direction: current.direction };
  if (filter.labelIds?.length) query.labels = filter.labelIds.map(keyOf);
  if (filter.dateFrom) query.dateFrom = filter.dateFrom;
  if (filter.dateTo) query.dateTo = filter.dateTo;
  if (filter.source !== undefined && filter.source !== '') query.source = filter.source;
  if (filter.district !== undefined && filter.district !== '') query.district = filter.district;
  if (filter.annotator) query.annotator = filter.annotator;
  if (filter.status) query.status = filter.status;
  if (filter.reviewState) query.spanReview = filter.reviewState;
  if (drill.mentions?.length) query.mentions = drill.mentions.map((mention) => mentionCondition(mention, keyOf));
  if (drill.entityIds?.length) query.entityIds = [...drill.entityIds];
  return query;
}

function mentionCondition(mention: string | DrillMention, keyOf: LabelKeyOf): MentionCondition {
  if (typeof mention === 'string') return { text: mention };
  const condition: MentionCondition = mention.entityId !== undefined ? { entityId: mention.entityId } : { text: mention.text ?? '' };
  if (mention.labelId !== undefined) condition.label = keyOf(mention.labelId);
  if (mention.unlinked) condition.unlinked = true;
  return condition;
}

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
