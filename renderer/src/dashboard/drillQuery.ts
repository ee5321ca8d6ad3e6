// A documents drill as the document list's query (#24), apart from the hook so it can be tested
// against the dashboard's counts without React.
import type { MentionCondition } from '../../../shared/api/documents';
import type { ListQuery } from '../hooks/useDocumentList';
import type { DashboardDrill, DrillMention } from './drill';

export type DocumentsDrill = Extract<DashboardDrill, { kind: 'documents' }>;

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
