// Co-occurrence within documents of two labels' mentions: a matrix (heatmap) of documents holding
// both, and, when the mentions are linked to entities, the same counts as a network.
import type { Cooccurrence, CooccurrenceItem } from '../../../shared/api/dashboard';
import { axisStyle, baseOption, EMPTY_MODEL, heightFor, labelOf, labelTitle, type ChartContext, type ChartModel } from './chartModel';
import { itemMention, type DashboardDrill } from './drill';

export interface CooccurrenceAxes {
  rowLabelId: number;
  columnLabelId: number;
}

/** True when some row or column is an entity: the network view is worth offering. */
export const hasEntities = (data: Cooccurrence): boolean =>
  data.rows.some((r) => r.entityId !== undefined) || data.columns.some((c) => c.entityId !== undefined);

/** Documents holding both items, each as the matrix counted it (its entity's spans, or its label's unlinked spans with its text). */
function bothDrill(ctx: ChartContext, row: [CooccurrenceItem, number], column: [CooccurrenceItem, number]): DashboardDrill {
  return { kind: 'documents', filter: { ...ctx.filter }, mentions: [itemMention(...row), itemMention(...column)] };
}

function cooccurrenceTable(ctx: ChartContext, axes: CooccurrenceAxes, data: Cooccurrence) {
  const header = [
    'row_label',
    'row',
    'row_entity_id',
    'row_documents',
    'column_label',
    'column',
    'column_entity_id',
    'column_documents',
    'documents_with_both',
  ];
  return [
    header,
    ...data.cells.map((c) => {
      const r = data.rows[c.row];
      const col = data.columns[c.column];
      return [
        labelTitle(ctx, axes.rowLabelId),
        r.text,
        r.entityId ?? '',
        r.documents,
        labelTitle(ctx, axes.columnLabelId),
        col.text,
        col.entityId ?? '',
        col.documents,
        c.documents,
      ];
    }),
  ];
}

/** The matrix: rows down the side (the most documents on top), columns along the bottom, documents with both in each cell. */
export function cooccurrenceMatrixModel(ctx: ChartContext, axes: CooccurrenceAxes, data: Cooccurrence): ChartModel {
  const table = cooccurrenceTable(ctx, axes, data);
  if (data.cells.length === 0) return EMPTY_MODEL(table);
  const max = Math.max(...data.cells.map((c) => c.documents));
  const rowsTopDown = data.rows.length - 1;
  const option = {
    ...baseOption(ctx),
    grid: { left: 8, right: 16, top: 12, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.columns.map((c) => c.text),
      ...axisStyle(ctx),
      axisLabel: { color: ctx.palette.textMuted, rotate: 40, width: 90, overflow: 'truncate' },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: [...data.rows].reverse().map((r) => r.text),
      ...axisStyle(ctx),
      axisLabel: { color: ctx.palette.textMuted, width: 120, overflow: 'truncate' },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      text: [String(max), '0'],
      textStyle: { color: ctx.palette.textMuted },
      inRange: { color: [ctx.palette.accentSoft, ctx.palette.accent] },
    },
    series: [
      {
        type: 'heatmap',
        name: ctx.t('dashboard.cooc.documents'),
        label: { show: data.rows.length <= 20 && data.columns.length <= 20, color: ctx.palette.text },
        itemStyle: { borderColor: ctx.palette.background, borderWidth: 1 },
        // The fuller half of the scale is dark: its numbers are written in the colour for text on the accent.
        data: data.cells.map((c) => ({
          value: [c.column, rowsTopDown - c.row, c.documents],
          label: c.documents * 2 > max ? { color: ctx.palette.accentText } : undefined,
        })),
      },
    ],
  };
  const drill = ({ dataIndex }: { dataIndex: number }): DashboardDrill | null => {
    const cell = data.cells[dataIndex];
    if (!cell) return null;
    return bothDrill(ctx, [data.rows[cell.row], axes.rowLabelId], [data.columns[cell.column], axes.columnLabelId]);
  };
  return { option, table, empty: false, drill, height: heightFor(data.rows.length, 26, 170) };
}

interface Node {
  key: string;
  item: CooccurrenceItem;
  labelId: number;
}

/** The same counts as a network: a node per mention or entity (size: its documents), an edge per cell (width: documents with both). */
export function cooccurrenceNetworkModel(ctx: ChartContext, axes: CooccurrenceAxes, data: Cooccurrence): ChartModel {
  const table = cooccurrenceTable(ctx, axes, data);
  if (data.cells.length === 0) return EMPTY_MODEL(table);
  const nodes: Node[] = [];
  const index = new Map<string, number>();
  const nodeOf = (item: CooccurrenceItem, labelId: number): number => {
    const key = item.entityId !== undefined ? `e${item.entityId}` : `${labelId}:${item.text}`;
    if (!index.has(key)) index.set(key, nodes.push({ key, item, labelId }) - 1);
    return index.get(key)!;
  };
  // Every row and column is a node, as in the matrix (one that co-occurs with nothing stands alone).
  const rowNodes = data.rows.map((r) => nodeOf(r, axes.rowLabelId));
  const columnNodes = data.columns.map((c) => nodeOf(c, axes.columnLabelId));
  const edges = data.cells.map((c) => ({ source: rowNodes[c.row], target: columnNodes[c.column], documents: c.documents }));
  const maxDocs = Math.max(1, ...nodes.map((n) => n.item.documents));
  const maxEdge = Math.max(1, ...edges.map((e) => e.documents));
  const option = {
    ...baseOption(ctx),
    series: [
      {
        type: 'graph',
        layout: 'circular',
        circular: { rotateLabel: false },
        roam: false,
        label: { show: true, position: 'right', color: ctx.palette.text },
        lineStyle: { color: ctx.palette.textMuted, opacity: 0.6, curveness: 0.2 },
        data: nodes.map((n) => ({
          name: n.key,
          value: n.item.documents,
          symbolSize: 8 + 24 * Math.sqrt(n.item.documents / maxDocs),
          itemStyle: { color: labelOf(ctx, n.labelId)?.color ?? ctx.palette.accent },
          label: { formatter: n.item.text },
          tooltip: { formatter: `${n.item.text} (${labelTitle(ctx, n.labelId)}): ${n.item.documents}` },
        })),
        links: edges.map((e) => ({ source: e.source, target: e.target, value: e.documents, lineStyle: { width: 1 + 5 * (e.documents / maxEdge) } })),
      },
    ],
  };
  const drill = ({ dataIndex, dataType }: { dataIndex: number; dataType?: string }): DashboardDrill | null => {
    if (dataType === 'edge') {
      const e = edges[dataIndex];
      return e ? bothDrill(ctx, [nodes[e.source].item, nodes[e.source].labelId], [nodes[e.target].item, nodes[e.target].labelId]) : null;
    }
    const n = nodes[dataIndex];
    if (!n) return null;
    return n.item.entityId !== undefined
      ? { kind: 'documents', filter: { ...ctx.filter }, mentions: [itemMention(n.item, n.labelId)] }
      : { kind: 'concordance', text: n.item.text, labelId: n.labelId };
  };
  return { option, table, empty: false, drill };
}
