// Coding progress: documents by status, spans created per coder per day, and review states per label.
import type { Progress } from '../../../shared/api/dashboard';
import { DOCUMENT_STATUSES, REVIEW_STATES } from '../../../shared/model';
import { axisStyle, baseOption, EMPTY_MODEL, labelsWithRows, labelTitle, legendFor, withLabel, type ChartContext, type ChartModel } from './chartModel';
import type { DashboardDrill } from './drill';

const axisTooltip = (ctx: ChartContext) => ({ ...(baseOption(ctx).tooltip as object), trigger: 'axis', axisPointer: { type: 'shadow' } });

/** Documents per status (every status, zero included, in the workflow's order). */
export function statusModel(ctx: ChartContext, progress: Progress): ChartModel {
  const count = new Map(progress.documentsByStatus.map((r) => [r.status, r.documents]));
  const table = [['status', 'documents'], ...DOCUMENT_STATUSES.map((s) => [s, count.get(s) ?? 0])];
  if (progress.documentsByStatus.every((r) => r.documents === 0)) return EMPTY_MODEL(table);
  const option = {
    ...baseOption(ctx),
    tooltip: axisTooltip(ctx),
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: DOCUMENT_STATUSES.map((s) => ctx.t(`status.${s}`)), ...axisStyle(ctx) },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(ctx) },
    series: [
      {
        type: 'bar',
        name: ctx.t('dashboard.progress.documents'),
        barMaxWidth: 40,
        data: DOCUMENT_STATUSES.map((s, i) => ({ value: count.get(s) ?? null, itemStyle: { color: ctx.palette.statuses[i] ?? ctx.palette.accent } })),
      },
    ],
  };
  // The bar counts documents by their own fields only, so the drill drops the span filters (label, coder, review state).
  const { labelIds: _labels, annotator: _annotator, reviewState: _review, ...documentFields } = ctx.filter;
  const drill = ({ dataIndex }: { dataIndex: number }): DashboardDrill | null =>
    DOCUMENT_STATUSES[dataIndex] ? { kind: 'documents', filter: { ...documentFields, status: DOCUMENT_STATUSES[dataIndex] } } : null;
  return { option, table, empty: false, drill };
}

/** Spans created per coder per day (stacked bars, one series per coder); a click lists that coder's documents. */
export function annotatorDaysModel(ctx: ChartContext, progress: Progress): ChartModel {
  const rows = progress.spansPerAnnotatorDay;
  const table = [['annotator', 'day', 'spans'], ...rows.map((r) => [r.annotator, r.day, r.spans])];
  if (rows.length === 0) return EMPTY_MODEL(table);
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const coders = [...new Set(rows.map((r) => r.annotator))].sort((a, b) => a.localeCompare(b));
  const cell = new Map(rows.map((r) => [`${r.annotator}\u0000${r.day}`, r.spans]));
  const option = {
    ...baseOption(ctx),
    tooltip: axisTooltip(ctx),
    legend: legendFor(ctx, coders),
    grid: { left: 8, right: 16, top: coders.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: days, ...axisStyle(ctx) },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(ctx) },
    series: coders.map((coder, i) => ({
      type: 'bar',
      name: coder,
      stack: 'coders',
      barMaxWidth: 28,
      color: ctx.palette.series[i % ctx.palette.series.length],
      data: days.map((d) => cell.get(`${coder}\u0000${d}`) ?? null),
    })),
  };
  // The day is when the spans were made, not the documents' date: the drill names the coder only.
  const drill = ({ seriesIndex }: { seriesIndex?: number }): DashboardDrill | null =>
    coders[seriesIndex ?? 0] === undefined ? null : { kind: 'documents', filter: { ...ctx.filter, annotator: coders[seriesIndex ?? 0] } };
  return { option, table, empty: false, drill };
}

/** Spans per label by review state (stacked: pending, accepted, rejected). */
export function reviewModel(ctx: ChartContext, progress: Progress): ChartModel {
  const rows = progress.reviewStates;
  const labels = labelsWithRows(
    ctx,
    rows.map((r) => r.labelId),
  );
  const table = [['label', 'review_state', 'spans'], ...rows.map((r) => [labelTitle(ctx, r.labelId), r.reviewState, r.spans])];
  if (rows.length === 0) return EMPTY_MODEL(table);
  const cell = new Map(rows.map((r) => [`${r.labelId}\u0000${r.reviewState}`, r.spans]));
  const names = REVIEW_STATES.map((s) => ctx.t(`spans.review.${s}`));
  const colors = [ctx.palette.textMuted, ctx.palette.series[2 % ctx.palette.series.length], ctx.palette.series[3 % ctx.palette.series.length]];
  const option = {
    ...baseOption(ctx),
    tooltip: axisTooltip(ctx),
    legend: { ...legendFor(ctx, names), show: true },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels.map((l) => ctx.labelName(l)), ...axisStyle(ctx) },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(ctx) },
    series: REVIEW_STATES.map((state, i) => ({
      type: 'bar',
      name: names[i],
      stack: 'review',
      barMaxWidth: 40,
      color: colors[i],
      data: labels.map((l) => cell.get(`${l.id}\u0000${state}`) ?? null),
    })),
  };
  const drill = ({ seriesIndex, dataIndex }: { seriesIndex?: number; dataIndex: number }): DashboardDrill | null => {
    const label = labels[dataIndex];
    const state = REVIEW_STATES[seriesIndex ?? 0];
    return label && state ? { kind: 'documents', filter: { ...withLabel(ctx.filter, label.id), reviewState: state } } : null;
  };
  return { option, table, empty: false, drill };
}
