// What every dashboard chart is made of: its ECharts option, the table its CSV saves (the same
// numbers the chart draws) and what a click on one of its bars, points or cells drills into.
// Pure: built from the API's rows, the labels and the theme's colours, so it is unit-tested.
import type { EChartsCoreOption } from 'echarts/core';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { csvField } from '../../../shared/exchange/formats/mentions-csv';
import type { Label } from '../../../shared/model';
import type { MessageKey } from '../i18n';
import type { DashboardDrill } from './drill';

/** The theme's colours, read from the CSS tokens (tokens.css) so the charts follow the theme. */
export interface ChartPalette {
  background: string;
  text: string;
  textMuted: string;
  border: string;
  accent: string;
  accentSoft: string;
  /** Text on the accent colour (a matrix's fullest cells). */
  accentText: string;
  font: string;
  /** Colours for series that are not labels (coders, statuses, review states), in order. */
  series: string[];
  /** One colour per document status, in DOCUMENT_STATUSES order. */
  statuses: string[];
}

export interface ChartContext {
  filter: DashboardFilter;
  labels: Label[];
  labelName: (label: Pick<Label, 'nameZh' | 'nameEn'>) => string;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  palette: ChartPalette;
}

/** What ECharts says was clicked: a series' data item, or a graph's node or edge. */
export interface ChartPoint {
  seriesIndex?: number;
  dataIndex: number;
  dataType?: string;
}

export type CsvTable = (string | number | null)[][];

export interface ChartModel {
  option: EChartsCoreOption;
  /** Header row first, then one row per bar, point or cell. */
  table: CsvTable;
  /** Nothing to draw under this filter: the card shows the empty state instead. */
  empty: boolean;
  drill: (point: ChartPoint) => DashboardDrill | null;
  /** Pixels the chart needs to name every bar or row (a category axis of many); the card's own height when absent. */
  height?: number;
}

/** Room for every category of a horizontal bar chart or a matrix: a row of `perRow` pixels each, plus the axes and legend. */
export const heightFor = (categories: number, perRow: number, chrome: number): number => Math.max(240, chrome + categories * perRow);

/** The CSV text of a table (CRLF lines, fields quoted as the mentions CSV quotes them). */
export function tableCsv(table: CsvTable): string {
  return table.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const labelOf = (ctx: ChartContext, labelId: number): Label | undefined => ctx.labels.find((l) => l.id === labelId);

export const labelTitle = (ctx: ChartContext, labelId: number): string => {
  const label = labelOf(ctx, labelId);
  return label ? ctx.labelName(label) : `#${labelId}`;
};

/** Labels in the label bar's order, those with rows only. */
export function labelsWithRows(ctx: ChartContext, labelIds: Iterable<number>): Label[] {
  const present = new Set(labelIds);
  return ctx.labels.filter((l) => present.has(l.id));
}

/** The chart's filter narrowed to one label (a bar of that label's series was clicked). */
export function withLabel(filter: DashboardFilter, labelId: number | undefined): DashboardFilter {
  return labelId === undefined ? { ...filter } : { ...filter, labelIds: [labelId] };
}

/** What every chart shares: the theme's background and text, no animation (saved files match the screen). */
export function baseOption(ctx: ChartContext): EChartsCoreOption {
  const p = ctx.palette;
  return {
    backgroundColor: p.background,
    animation: false,
    textStyle: { color: p.text, fontFamily: p.font },
    tooltip: { confine: true, backgroundColor: p.background, borderColor: p.border, textStyle: { color: p.text } },
  };
}

/** A category axis and a value axis drawn in the theme's colours. */
export function axisStyle(ctx: ChartContext): Record<string, unknown> {
  const p = ctx.palette;
  return {
    axisLine: { lineStyle: { color: p.border } },
    axisTick: { lineStyle: { color: p.border } },
    axisLabel: { color: p.textMuted },
    splitLine: { lineStyle: { color: p.border, type: 'dashed' } },
    nameTextStyle: { color: p.textMuted },
  };
}

/** A legend only when there is more than one series: one series is named by the card's title. */
export function legendFor(ctx: ChartContext, names: string[]): Record<string, unknown> {
  return { show: names.length > 1, type: 'scroll', top: 0, data: names, textStyle: { color: ctx.palette.text }, pageTextStyle: { color: ctx.palette.text } };
}

export const EMPTY_MODEL = (table: CsvTable): ChartModel => ({ option: {}, table, empty: true, drill: () => null });
