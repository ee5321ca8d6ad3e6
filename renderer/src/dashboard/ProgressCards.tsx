// Coding progress: documents by status, spans per coder per day, review states per label.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { ChartCard } from './ChartCard';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import type { DashboardDrill } from './drill';
import { annotatorDaysModel, reviewModel, statusModel } from './progressModels';
import { useChannel } from './useChannel';
import { useChartContext } from './useChartContext';

interface Props {
  filter: DashboardFilter;
  onDrill: (drill: DashboardDrill) => void;
}

export function ProgressCards({ filter, onDrill }: Props) {
  const { t } = useI18n();
  const ctx = useChartContext(filter);
  const answer = useChannel('dashboard:progress', { filter });
  const progress = answer.value;
  const models = useMemo(
    () => (progress ? { status: statusModel(ctx, progress), days: annotatorDaysModel(ctx, progress), review: reviewModel(ctx, progress) } : null),
    [ctx, progress],
  );
  const common = { loading: answer.loading, error: answer.error, onDrill, hint: t('dashboard.bars.hint') };
  return (
    <>
      <ChartCard id="documents-by-status" title={t('dashboard.progress.status')} model={models?.status ?? null} {...common} />
      <ChartCard
        id="spans-per-coder-day"
        title={t('dashboard.progress.days')}
        model={models?.days ?? null}
        {...common}
        hint={t('dashboard.progress.daysHint')}
      />
      <ChartCard id="review-states" title={t('dashboard.progress.review')} model={models?.review ?? null} {...common} />
    </>
  );
}
