// How the entity panel words an entity's dates.
import type { EntitySummary } from '../../../shared/api/entities';
import type { Translate } from '../i18n';

/** "2024-03-12 – 2024-05-01", one day once, or "undated". */
export function dateRange(t: Translate, e: Pick<EntitySummary, 'firstDate' | 'lastDate'>): string {
  if (!e.firstDate) return t('entities.undated');
  const first = e.firstDate.slice(0, 10);
  const last = (e.lastDate ?? e.firstDate).slice(0, 10);
  return first === last ? first : t('entities.dates', { first, last });
}
