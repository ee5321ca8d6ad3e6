// Annotation timing as charts: active minutes per document (stacked by coder, the longest on top)
// and the spans' lead times as a histogram over fixed bins, one series per coder.
import type { TimingDashboard } from '../../../shared/api/timing';
import { MAX_BARS } from './barModels';
import { axisStyle, baseOption, EMPTY_MODEL, labelTitle, legendFor, type ChartContext, type ChartModel } from './chartModel';

const minutes = (ms: number) => Math.round(ms / 600) / 100;

/** A bin's name from its edges: "1–2 s", "5–10 min", "5 min+". */
export function binName(edges: readonly number[], i: number): string {
  const fmt = (ms: number) => (ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`);
  return i + 1 < edges.length ? `${fmt(edges[i])}–${fmt(edges[i + 1])}` : `${fmt(edges[i])}+`;
}

const axisTooltip = (ctx: ChartContext) => ({ ...(baseOption(ctx).tooltip as object), trigger: 'axis', axisPointer: { type: 'shadow' } });

/** Active minutes per document and coder (idle gaps left out), the documents with the most time on top. */
export function documentTimeModel(ctx: ChartContext, timing: TimingDashboard): ChartModel {
  const rows = timing.documents;
  const table = [
    ['document_id', 'title', 'annotator', 'first_opened_at', 'done_at', 'active_ms', 'active_ms_to_done'],
    ...rows.map((r) => [r.documentId, r.title, r.annotator, r.firstOpenedAt, r.doneAt ?? '', r.activeMs, r.activeMsToDone ?? '']),
  ];
  if (rows.every((r) => r.activeMs === 0)) return EMPTY_MODEL(table);
  const total = new Map<number, number>();
  for (const r of rows) total.set(r.documentId, (total.get(r.documentId) ?? 0) + r.activeMs);
  const docs = [...total.keys()].sort((a, b) => total.get(b)! - total.get(a)! || a - b).slice(0, MAX_BARS);
  const titles = new Map(rows.map((r) => [r.documentId, r.title || `#${r.documentId}`]));
  const coders = [...new Set(rows.map((r) => r.annotator))].sort((a, b) => a.localeCompare(b));
  const cell = new Map(rows.map((r) => [`${r.annotator}\u0000${r.documentId}`, r.activeMs]));
  const bottomUp = [...docs].reverse();
  const option = {
    ...baseOption(ctx),
    tooltip: axisTooltip(ctx),
    legend: legendFor(ctx, coders),
    grid: { left: 8, right: 24, top: coders.length > 1 ? 36 : 12, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: ctx.t('dashboard.timing.minutes'), nameLocation: 'middle', nameGap: 26, ...axisStyle(ctx) },
    yAxis: {
      type: 'category',
      data: bottomUp.map((d) => titles.get(d)!),
      ...axisStyle(ctx),
      axisLabel: { color: ctx.palette.textMuted, width: 160, overflow: 'truncate' },
    },
    series: coders.map((coder, i) => ({
      type: 'bar',
      name: coder,
      stack: 'coders',
      barMaxWidth: 22,
      color: ctx.palette.series[i % ctx.palette.series.length],
      data: bottomUp.map((d) => {
        const ms = cell.get(`${coder}\u0000${d}`);
        return ms ? minutes(ms) : null;
      }),
    })),
  };
  return { option, table, empty: false, drill: () => null };
}

/** Spans per lead-time bin, one series per coder (all labels added up); the CSV has each coder and label's figures. */
export function leadTimeModel(ctx: ChartContext, timing: TimingDashboard): ChartModel {
  const edges = timing.binEdgesMs;
  const rows = timing.leadTimes;
  const table = [
    ['annotator', 'label', 'spans', 'median_ms', 'p90_ms', 'mean_ms', ...edges.map((_, i) => `bin_${binName(edges, i).replace(/\s/g, '')}`)],
    ...rows.map((r) => [r.annotator, labelTitle(ctx, r.labelId), r.spans, r.medianMs, r.p90Ms, Math.round(r.meanMs), ...r.histogram]),
  ];
  if (rows.length === 0) return EMPTY_MODEL(table);
  const coders = [...new Set(rows.map((r) => r.annotator))].sort((a, b) => a.localeCompare(b));
  const option = {
    ...baseOption(ctx),
    tooltip: axisTooltip(ctx),
    legend: legendFor(ctx, coders),
    grid: { left: 8, right: 16, top: coders.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: edges.map((_, i) => binName(edges, i)), ...axisStyle(ctx) },
    yAxis: { type: 'value', minInterval: 1, name: ctx.t('dashboard.timing.spans'), ...axisStyle(ctx) },
    series: coders.map((coder, i) => ({
      type: 'bar',
      name: coder,
      barMaxWidth: 28,
      color: ctx.palette.series[i % ctx.palette.series.length],
      data: edges.map((_, bin) => rows.filter((r) => r.annotator === coder).reduce((sum, r) => sum + (r.histogram[bin] ?? 0), 0) || null),
    })),
  };
  return { option, table, empty: false, drill: () => null };
}
