// Annotation timing: active time per document (first open to done, idle gaps over two minutes left
// out) and how long each span took to make.
import { useMemo } from 'react';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { useI18n } from '../i18n';
import { ChartCard } from './ChartCard';
import { documentTimeModel, leadTimeModel } from './timingModels';
import { useChannel } from './useChannel';
import { useChartContext } from './useChartContext';

export function TimingCards({ filter }: { filter: DashboardFilter }) {
  const { t } = useI18n();
  const ctx = useChartContext(filter);
  const answer = useChannel('dashboard:timing', { filter, documentLimit: 5000 });
  const timing = answer.value;
  const models = useMemo(() => (timing ? { documents: documentTimeModel(ctx, timing), leadTimes: leadTimeModel(ctx, timing) } : null), [ctx, timing]);
  const common = { loading: answer.loading, error: answer.error, height: 340, emptyText: t('dashboard.timing.empty') };
  return (
    <>
      <ChartCard
        id="time-per-document"
        title={t('dashboard.timing.documents')}
        model={models?.documents ?? null}
        {...common}
        hint={t('dashboard.timing.documentsHint')}
      />
      <ChartCard
        id="lead-time-per-span"
        title={t('dashboard.timing.leadTimes')}
        model={models?.leadTimes ?? null}
        {...common}
        hint={t('dashboard.timing.leadTimesHint')}
      />
    </>
  );
}
