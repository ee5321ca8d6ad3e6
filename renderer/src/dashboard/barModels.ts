// Horizontal bar charts: spans per district or source (stacked by label), and the top mentions of a label.
import type { BreakdownRow, TopMention } from '../../../shared/api/dashboard';
import {
  axisStyle,
  baseOption,
  EMPTY_MODEL,
  heightFor,
  labelOf,
  labelsWithRows,
  labelTitle,
  legendFor,
  withLabel,
  type ChartContext,
  type ChartModel,
} from './chartModel';
import { itemMention, type DashboardDrill } from './drill';

/** Bars a chart draws at most; the CSV keeps every row. */
export const MAX_BARS = 25;

/** Bars listed top to bottom: ECharts draws a category y axis bottom-up, so the data goes in reversed. */
const topDown = <T>(items: T[]): T[] => [...items].reverse();

function horizontalBars(ctx: ChartContext, categories: string[], legend: string[]) {
  return {
    ...baseOption(ctx),
    tooltip: { ...(baseOption(ctx).tooltip as object), trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: legendFor(ctx, legend),
    grid: { left: 8, right: 24, top: legend.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle(ctx) },
    yAxis: { type: 'category', data: topDown(categories), ...axisStyle(ctx), axisLabel: { color: ctx.palette.textMuted, width: 140, overflow: 'truncate' } },
  };
}

/** Spans per district (or source): one bar per key with spans, stacked by label, the most spans on top. */
export function breakdownModel(ctx: ChartContext, by: 'district' | 'source', rows: BreakdownRow[]): ChartModel {
  const table = [[by, 'label', 'mentions', 'documents'], ...rows.map((r) => [r.key ?? '', labelTitle(ctx, r.labelId), r.mentions, r.documents])];
  if (rows.length === 0) return EMPTY_MODEL(table);
  const totals = new Map<string | null, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.mentions);
  const keys = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || String(a).localeCompare(String(b))).slice(0, MAX_BARS);
  const labels = labelsWithRows(
    ctx,
    rows.map((r) => r.labelId),
  );
  const cell = new Map(rows.map((r) => [`${r.labelId}\u0000${r.key}`, r.mentions]));
  const option = {
    ...horizontalBars(
      ctx,
      keys.map((k) => k ?? ctx.t('dashboard.noValue')),
      labels.map((l) => ctx.labelName(l)),
    ),
    series: labels.map((l) => ({
      type: 'bar',
      name: ctx.labelName(l),
      stack: 'labels',
      color: l.color,
      barMaxWidth: 22,
      data: topDown(keys.map((k) => cell.get(`${l.id}\u0000${k}`) ?? null)),
    })),
  };
  const drill = ({ seriesIndex, dataIndex }: { seriesIndex?: number; dataIndex: number }): DashboardDrill | null => {
    const key = topDown(keys)[dataIndex];
    const label = labels[seriesIndex ?? 0];
    if (key === null || key === undefined || !label) return null;
    return { kind: 'documents', filter: { ...withLabel(ctx.filter, label.id), [by]: key } };
  };
  return { option, table, empty: false, drill, height: heightFor(keys.length, 24, labels.length > 1 ? 80 : 50) };
}

/** The top mentions of one label, by spans or by documents, the biggest on top; a click opens the concordance. */
export function topMentionsModel(ctx: ChartContext, rows: TopMention[], labelId: number, orderBy: 'count' | 'documents'): ChartModel {
  const table = [
    ['label', 'text', 'entity_id', 'mentions', 'documents'],
    ...rows.map((r) => [labelTitle(ctx, r.labelId), r.text, r.entityId ?? '', r.count, r.documents]),
  ];
  const shown = rows
    .filter((r) => r.labelId === labelId)
    .sort((a, b) => b[orderBy] - a[orderBy] || a.text.localeCompare(b.text))
    .slice(0, MAX_BARS);
  if (shown.length === 0) return EMPTY_MODEL(table);
  const option = {
    ...horizontalBars(
      ctx,
      shown.map((r) => r.text),
      [],
    ),
    series: [
      {
        type: 'bar',
        name: ctx.t(orderBy === 'count' ? 'dashboard.top.byCount' : 'dashboard.top.byDocuments'),
        color: labelOf(ctx, labelId)?.color ?? ctx.palette.accent,
        barMaxWidth: 22,
        data: topDown(shown.map((r) => r[orderBy])),
      },
    ],
  };
  const drill = ({ dataIndex }: { dataIndex: number }): DashboardDrill | null => {
    const r = topDown(shown)[dataIndex];
    if (!r) return null;
    // An entity's row is named after the entity, not a span's text: its documents, not a concordance.
    if (r.entityId !== undefined) return { kind: 'documents', filter: { ...ctx.filter }, mentions: [itemMention(r, labelId)] };
    return { kind: 'concordance', text: r.text, labelId };
  };
  return { option, table, empty: false, drill, height: heightFor(shown.length, 22, 50) };
}
