// Mentions per month: one series per label (stacked bars), or one line per chosen mention or entity.
import type { MentionsPerMonth } from '../../../shared/api/dashboard';
import { axisStyle, baseOption, EMPTY_MODEL, labelOf, labelTitle, legendFor, withLabel, type ChartContext, type ChartModel } from './chartModel';
import { monthRange, type DashboardDrill } from './drill';

/** Every month from the first to the last dated row (gaps are months with no mention), then undated if any. */
export function monthAxis(rows: Pick<MentionsPerMonth, 'month'>[]): (string | null)[] {
  const dated = [...new Set(rows.map((r) => r.month).filter((m): m is string => m !== null))].sort();
  const months: (string | null)[] = [];
  if (dated.length > 0) {
    let [year, month] = dated[0].split('-').map(Number);
    const last = dated[dated.length - 1];
    for (;;) {
      const key = `${year}-${String(month).padStart(2, '0')}`;
      months.push(key);
      if (key >= last) break;
      month += 1;
      if (month > 12) [year, month] = [year + 1, 1];
    }
  }
  if (rows.some((r) => r.month === null)) months.push(null);
  return months;
}

/** A month's dates, kept inside the filter's own range (a bar of a month the filter cuts counts only its part). */
export function withinFilterDates(filter: { dateFrom?: string; dateTo?: string }, range: { dateFrom: string; dateTo: string }) {
  return {
    dateFrom: filter.dateFrom && filter.dateFrom > range.dateFrom ? filter.dateFrom : range.dateFrom,
    dateTo: filter.dateTo && filter.dateTo < range.dateTo ? filter.dateTo : range.dateTo,
  };
}

interface Series {
  key: string;
  name: string;
  color?: string;
  labelId?: number;
  mention?: string;
  entityId?: number;
  rows: Map<string | null, MentionsPerMonth>;
}

const seriesKey = (r: MentionsPerMonth) => (r.entityId !== undefined ? `e${r.entityId}` : r.mention !== undefined ? `m${r.mention}` : `l${r.labelId}`);

function groupSeries(ctx: ChartContext, rows: MentionsPerMonth[], entityNames: Map<number, string>): Series[] {
  const byKey = new Map<string, Series>();
  for (const r of rows) {
    const key = seriesKey(r);
    let s = byKey.get(key);
    if (!s) {
      const chosen = r.entityId !== undefined || r.mention !== undefined;
      const name = r.entityId !== undefined ? (entityNames.get(r.entityId) ?? `#${r.entityId}`) : (r.mention ?? labelTitle(ctx, r.labelId));
      s = { key, name, color: chosen ? undefined : labelOf(ctx, r.labelId)?.color, rows: new Map(), mention: r.mention, entityId: r.entityId };
      if (!chosen) s.labelId = r.labelId;
      byKey.set(key, s);
    }
    // A chosen mention counted under several labels is one line: the months add up.
    const seen = s.rows.get(r.month);
    s.rows.set(r.month, seen ? { ...seen, mentions: seen.mentions + r.mentions, documents: seen.documents + r.documents } : r);
  }
  const order = new Map(ctx.labels.map((l, i) => [l.id, i]));
  return [...byKey.values()].sort((a, b) => (order.get(a.labelId ?? -1) ?? 0) - (order.get(b.labelId ?? -1) ?? 0));
}

/** Rows of MentionsPerMonth as a chart: labels as stacked bars, chosen mentions or entities as lines. */
export function overTimeModel(ctx: ChartContext, rows: MentionsPerMonth[], entityNames = new Map<number, string>()): ChartModel {
  const chosen = rows.some((r) => r.mention !== undefined || r.entityId !== undefined);
  const header = chosen ? ['month', 'label', 'mention', 'entity_id', 'mentions', 'documents'] : ['month', 'label', 'mentions', 'documents'];
  const series = groupSeries(ctx, rows, entityNames);
  const months = monthAxis(rows);
  const table = [header];
  for (const s of series)
    for (const month of months) {
      const r = s.rows.get(month);
      if (!r) continue;
      const label = s.labelId !== undefined ? labelTitle(ctx, s.labelId) : '';
      table.push(
        chosen
          ? [month ?? '', label, s.mention ?? (s.entityId !== undefined ? s.name : ''), s.entityId ?? '', r.mentions, r.documents].map(String)
          : [month ?? '', label, r.mentions, r.documents].map(String),
      );
    }
  if (rows.length === 0) return EMPTY_MODEL(table);
  const categories = months.map((m) => m ?? ctx.t('dashboard.undated'));
  const option = {
    ...baseOption(ctx),
    tooltip: { ...(baseOption(ctx).tooltip as object), trigger: 'axis' },
    legend: legendFor(
      ctx,
      series.map((s) => s.name),
    ),
    grid: { left: 48, right: 16, top: series.length > 1 ? 36 : 16, bottom: 28 },
    xAxis: { type: 'category', data: categories, ...axisStyle(ctx) },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(ctx) },
    series: [
      ...series.map((s, index) => ({
        type: chosen ? 'line' : 'bar',
        name: s.name,
        stack: chosen ? undefined : 'labels',
        color: s.color ?? ctx.palette.series[index % ctx.palette.series.length],
        connectNulls: false,
        // A point per month reads as a dotted band over years: the line alone then.
        showSymbol: months.length <= 36,
        barMaxWidth: 28,
        // null, not 0: a month without mentions draws no bar (a saved SVG has one bar per counted month).
        data: months.map((m) => (chosen ? (m === null ? null : (s.rows.get(m)?.mentions ?? 0)) : (s.rows.get(m)?.mentions ?? null))),
      })),
      ...(chosen && months.includes(null) ? undatedPoints(ctx, series, months) : []),
    ],
  };
  const drill = ({ seriesIndex, dataIndex }: { seriesIndex?: number; dataIndex: number }): DashboardDrill | null => {
    const s = series[(seriesIndex ?? 0) % series.length];
    const month = months[dataIndex];
    if (!s || !month) return null;
    const filter = { ...withLabel(ctx.filter, s.labelId), ...withinFilterDates(ctx.filter, monthRange(month)) };
    if (s.entityId !== undefined) return { kind: 'documents', filter, entityIds: [s.entityId] };
    if (s.mention !== undefined) return { kind: 'documents', filter, mentions: [s.mention] };
    return { kind: 'documents', filter };
  };
  return { option, table, empty: false, drill };
}

/** Undated mentions are no month: each line's undated count is a point of its own, not joined to the last month. */
function undatedPoints(ctx: ChartContext, series: Series[], months: (string | null)[]) {
  return series.map((s, index) => ({
    type: 'scatter',
    name: s.name,
    color: s.color ?? ctx.palette.series[index % ctx.palette.series.length],
    symbolSize: 8,
    data: months.map((m) => (m === null ? (s.rows.get(null)?.mentions ?? 0) : null)),
  }));
}
