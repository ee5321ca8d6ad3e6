// The dashboard's corpus charts: mentions over time (per label, and per chosen mention or entity),
// top mentions, the district and source breakdowns, and co-occurrence.
import { useMemo, useState } from 'react';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { useI18n } from '../i18n';
import { EMPTY_MODEL } from './chartModel';
import { breakdownModel, topMentionsModel } from './barModels';
import { ChartCard } from './ChartCard';
import { cooccurrenceMatrixModel, cooccurrenceNetworkModel, hasEntities } from './cooccurrenceModel';
import type { DashboardDrill } from './drill';
import { overTimeModel } from './overTimeModel';
import { LabelSelect, Toggle } from './controls';
import { MentionPicker, type Chosen } from './MentionPicker';
import { useChannel } from './useChannel';
import { useChartContext } from './useChartContext';

interface CardProps {
  filter: DashboardFilter;
  onDrill: (drill: DashboardDrill) => void;
}

export function OverTimeCard({ filter, onDrill }: CardProps) {
  const { t } = useI18n();
  const ctx = useChartContext(filter);
  const answer = useChannel('dashboard:mentionsOverTime', { filter });
  const model = useMemo(() => (answer.value ? overTimeModel(ctx, answer.value) : null), [ctx, answer.value]);
  return (
    <ChartCard
      id="mentions-over-time"
      title={t('dashboard.overTime.title')}
      model={model}
      loading={answer.loading}
      error={answer.error}
      onDrill={onDrill}
      hint={t('dashboard.overTime.hint')}
      wide
    />
  );
}

/** The top mentions under the filter (all labels, by documents): the chosen-mentions picker's list and the top-mentions card share it. */
function useTopMentions(filter: DashboardFilter, orderBy: 'count' | 'documents') {
  return useChannel('dashboard:topMentions', { filter, orderBy, limit: 25 });
}

export function ChosenMentionsCard({ filter, onDrill }: CardProps) {
  const { t } = useI18n();
  const ctx = useChartContext(filter);
  const topAnswer = useTopMentions(filter, 'count').value;
  const top = useMemo(() => topAnswer ?? [], [topAnswer]);
  const [picked, setPicked] = useState<Chosen[] | null>(null);
  // Until the coder picks, the three most frequent mentions of the corpus.
  const chosen = useMemo(() => picked ?? [...top].sort((a, b) => b.count - a.count).slice(0, 3), [picked, top]);
  const input = useMemo(() => {
    if (chosen.length === 0) return null;
    // The channel takes mentions or entities, not both: entities only when every chosen one is an entity.
    if (chosen.every((c) => c.entityId !== undefined)) return { filter, entityIds: chosen.map((c) => c.entityId!) };
    return { filter, mentions: [...new Set(chosen.map((c) => c.text))] };
  }, [filter, chosen]);
  const answer = useChannel('dashboard:mentionsOverTime', input);
  const model = useMemo(() => {
    if (!input || !answer.value) return null;
    const names = new Map(chosen.flatMap((c) => (c.entityId !== undefined ? [[c.entityId, c.text] as const] : [])));
    return overTimeModel(ctx, answer.value, names);
  }, [ctx, answer.value, chosen, input]);
  const picker = <MentionPicker top={top} chosen={chosen} setChosen={setPicked} />;
  return (
    <ChartCard
      id="chosen-mentions-over-time"
      title={t('dashboard.chosen.title')}
      model={input === null && topAnswer ? EMPTY_MODEL([]) : model}
      loading={answer.loading}
      error={answer.error}
      controls={picker}
      onDrill={onDrill}
      hint={t('dashboard.overTime.hint')}
      emptyText={input === null && top.length > 0 ? t('dashboard.chosen.none') : undefined}
      wide
    />
  );
}

export function TopMentionsCard({ filter, onDrill }: CardProps) {
  const { t } = useI18n();
  const ctx = useChartContext(filter);
  const [orderBy, setOrderBy] = useState<'count' | 'documents'>('count');
  const answer = useTopMentions(filter, orderBy);
  const present = ctx.labels.filter((l) => answer.value?.some((r) => r.labelId === l.id));
  const [labelId, setLabelId] = useState<number | null>(null);
  const shown = present.find((l) => l.id === labelId)?.id ?? present[0]?.id ?? ctx.labels[0]?.id ?? 0;
  const model = useMemo(() => (answer.value ? topMentionsModel(ctx, answer.value, shown, orderBy) : null), [ctx, answer.value, shown, orderBy]);
  const controls = (
    <>
      <LabelSelect labels={present.length > 0 ? present : ctx.labels} value={shown} onChange={setLabelId} label={t('dashboard.top.label')} />
      <Toggle
        label={t('dashboard.top.order')}
        value={orderBy}
        options={[
          ['count', t('dashboard.top.byCount')],
          ['documents', t('dashboard.top.byDocuments')],
        ]}
        onChange={setOrderBy}
      />
    </>
  );
  return (
    <ChartCard
      id="top-mentions"
      title={t('dashboard.top.title')}
      model={model}
      loading={answer.loading}
      error={answer.error}
      controls={controls}
      onDrill={onDrill}
      hint={t('dashboard.top.hint')}
      height={360}
    />
  );
}

export function BreakdownCard({ by, filter, onDrill }: CardProps & { by: 'district' | 'source' }) {
  const { t } = useI18n();
  const ctx = useChartContext(filter);
  const answer = useChannel('dashboard:breakdown', { filter, by });
  const model = useMemo(() => (answer.value ? breakdownModel(ctx, by, answer.value) : null), [ctx, by, answer.value]);
  return (
    <ChartCard
      id={`by-${by}`}
      title={t(by === 'district' ? 'dashboard.district.title' : 'dashboard.source.title')}
      model={model}
      loading={answer.loading}
      error={answer.error}
      onDrill={onDrill}
      hint={t('dashboard.bars.hint')}
      height={360}
    />
  );
}

const byKey = (labels: { id: number; key: string }[], key: string, fallback: number) =>
  labels.find((l) => l.key === key)?.id ?? labels[fallback]?.id ?? labels[0]?.id;

export function CooccurrenceCard({ filter, onDrill }: CardProps) {
  const { t } = useI18n();
  const ctx = useChartContext(filter);
  const [rowLabelId, setRow] = useState<number | undefined>(() => byKey(ctx.labels, 'PERSON', 0));
  const [columnLabelId, setColumn] = useState<number | undefined>(() => byKey(ctx.labels, 'SLOGAN', 1));
  const [view, setView] = useState<'matrix' | 'network'>('matrix');
  const axes = rowLabelId !== undefined && columnLabelId !== undefined ? { rowLabelId, columnLabelId } : null;
  const answer = useChannel('dashboard:cooccurrence', axes ? { filter, ...axes } : null);
  const network = view === 'network' && answer.value !== undefined && hasEntities(answer.value);
  const model = useMemo(() => {
    if (!axes || !answer.value) return null;
    return network ? cooccurrenceNetworkModel(ctx, axes, answer.value) : cooccurrenceMatrixModel(ctx, axes, answer.value);
  }, [ctx, axes?.rowLabelId, axes?.columnLabelId, answer.value, network]); // eslint-disable-line react-hooks/exhaustive-deps
  const controls = (
    <>
      <LabelSelect labels={ctx.labels} value={rowLabelId ?? 0} onChange={setRow} label={t('dashboard.cooc.rows')} />
      <span aria-hidden="true">×</span>
      <LabelSelect labels={ctx.labels} value={columnLabelId ?? 0} onChange={setColumn} label={t('dashboard.cooc.columns')} />
      <Toggle
        label={t('dashboard.cooc.view')}
        value={network ? 'network' : 'matrix'}
        options={[
          ['matrix', t('dashboard.cooc.matrix')],
          ['network', t('dashboard.cooc.network'), answer.value !== undefined && !hasEntities(answer.value) ? t('dashboard.cooc.noEntities') : undefined],
        ]}
        onChange={setView}
      />
    </>
  );
  return (
    <ChartCard
      id="cooccurrence"
      title={t('dashboard.cooc.title')}
      model={model}
      loading={answer.loading}
      error={answer.error}
      controls={controls}
      onDrill={onDrill}
      hint={t('dashboard.cooc.hint')}
      height={460}
      wide
    />
  );
}
