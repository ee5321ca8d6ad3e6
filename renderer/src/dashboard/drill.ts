// What a click on a dashboard chart asks the workbench to show (#24): the document list under the
// chart's filter narrowed to the clicked bar or cell, or the concordance of a clicked mention.
import type { DashboardFilter } from '../../../shared/api/dashboard';

export type DashboardDrill =
  | {
      kind: 'documents';
      /** The chart's filter with the clicked bar's own narrowing merged in (its month as dateFrom/dateTo, its district, …). */
      filter: DashboardFilter;
      /**
       * Documents holding a span with each of these exact texts (a co-occurrence cell names two). A
       * string: a span of the filter's labels with that text, linked or not (mentionsOverTime's chosen
       * mentions). A DrillMention pins the label and, for a top-mention or matrix item, whether the
       * spans are the unlinked ones (linked spans count under their entity): see itemMention.
       */
      mentions?: (string | DrillMention)[];
      /** Documents holding a span linked to each of these entities. */
      entityIds?: number[];
    }
  | { kind: 'concordance'; text: string; labelId?: number };

/** One mention a drilled document must hold: a text or an entity (one of the two). */
export interface DrillMention {
  text?: string;
  entityId?: number;
  /** A span of this label (a matrix cell's row and column have their own). */
  labelId?: number;
  /** Only spans linked to no entity. */
  unlinked?: boolean;
}

/**
 * A top-mention bar's or matrix row's/column's mention as the dashboard counted it: its entity's linked
 * spans when it is an entity, else the unlinked spans with its text, of its label.
 */
export function itemMention(item: { text: string; entityId?: number }, labelId: number): DrillMention {
  return item.entityId !== undefined ? { entityId: item.entityId, labelId } : { text: item.text, labelId, unlinked: true };
}

/** The first and last day of a YYYY-MM month, for a month bar's date range. */
export function monthRange(month: string): { dateFrom: string; dateTo: string } {
  const [year, monthNumber] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { dateFrom: `${month}-01`, dateTo: `${month}-${String(lastDay).padStart(2, '0')}` };
}
