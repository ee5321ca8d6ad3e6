// What a click on a dashboard chart asks the workbench to show (#24): the document list under the
// chart's filter narrowed to the clicked bar or cell, or the concordance of a clicked mention.
import type { DashboardFilter } from '../../../shared/api/dashboard';

export type DashboardDrill =
  | {
      kind: 'documents';
      /** The chart's filter with the clicked bar's own narrowing merged in (its month as dateFrom/dateTo, its district, …). */
      filter: DashboardFilter;
      /** Documents holding a span with each of these exact texts (a co-occurrence cell names two). */
      mentions?: string[];
      /** Documents holding a span linked to each of these entities. */
      entityIds?: number[];
    }
  | { kind: 'concordance'; text: string; labelId?: number };

/** The first and last day of a YYYY-MM month, for a month bar's date range. */
export function monthRange(month: string): { dateFrom: string; dateTo: string } {
  const [year, monthNumber] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { dateFrom: `${month}-01`, dateTo: `${month}-${String(lastDay).padStart(2, '0')}` };
}
