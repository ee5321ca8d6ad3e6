// District/source breakdowns, top mentions and co-occurrence as charts (#24): every bar or cell
// drawn is a row of the API's answer, a click on it drills to exactly that row (its district or
// source and label; its mention's concordance; both mentions of a cell as the matrix counted them),
// and the CSV holds every row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BreakdownRow, Cooccurrence } from '../../../shared/api/dashboard';
import { breakdownModel, MAX_BARS, topMentionsModel } from '../../../renderer/src/dashboard/barModels';
import { tableCsv } from '../../../renderer/src/dashboard/chartModel';
import { cooccurrenceMatrixModel, cooccurrenceNetworkModel, hasEntities } from '../../../renderer/src/dashboard/cooccurrenceModel';
import { chartContext, LABELS, seriesOf } from './context';

const keyArb = fc.option(fc.constantFrom('朝阳区', '海淀区', '东城区', '西城区', '丰台区', 'a,"b"'), { nil: null, freq: 6 });
const breakdownArb = fc.uniqueArray(
  fc.record({ key: keyArb, labelId: fc.integer({ min: 1, max: 4 }), mentions: fc.integer({ min: 1, max: 99 }), documents: fc.integer({ min: 1, max: 9 }) }),
  { selector: (r) => `${r.labelId} ${r.key}`, maxLength: 30 },
);
const yAxisOf = (option: unknown) => (option as { yAxis: { data: string[] } }).yAxis.data;

describe('breakdown by district or source', () => {
  it('draws each row as one bar segment and drills it into its key and label', () => {
    fc.assert(
      fc.property(breakdownArb, fc.constantFrom('district' as const, 'source' as const), (rows: BreakdownRow[], by) => {
        const model = breakdownModel(chartContext({ status: 'done' }), by, rows);
        expect(model.table.length).toBe(rows.length + 1);
        expect(model.empty).toBe(rows.length === 0);
        if (rows.length === 0) return;
        const categories = yAxisOf(model.option);
        let drawn = 0;
        seriesOf(model.option).forEach((s, seriesIndex) =>
          s.data.forEach((value, dataIndex) => {
            if (value === null) return;
            drawn++;
            const label = LABELS.find((l) => l.nameZh === s.name)!;
            const key = categories[dataIndex] === 'dashboard.noValue' ? null : categories[dataIndex];
            expect(rows.find((r) => r.key === key && r.labelId === label.id)?.mentions).toBe(value);
            const drill = model.drill({ seriesIndex, dataIndex });
            expect(drill).toEqual(key === null ? null : { kind: 'documents', filter: { status: 'done', labelIds: [label.id], [by]: key } });
          }),
        );
        expect(drawn).toBe(rows.length);
      }),
    );
  });

  it('puts the key with the most mentions on top and keeps at most MAX_BARS keys, every row in the CSV', () => {
    const rows = Array.from({ length: MAX_BARS + 5 }, (_, i) => ({ key: `来源${i}`, labelId: 1, mentions: i + 1, documents: 1 }));
    const model = breakdownModel(chartContext(), 'source', rows);
    const categories = yAxisOf(model.option);
    expect(categories.length).toBe(MAX_BARS);
    // ECharts draws a category y axis bottom-up: the last category is the top bar.
    expect(categories.at(-1)).toBe(`来源${MAX_BARS + 4}`);
    expect(model.table.length).toBe(rows.length + 1);
    // Tall enough to name every bar (ECharts skips axis labels that do not fit).
    expect(model.height).toBeGreaterThanOrEqual(MAX_BARS * 24);
  });
});

describe('top mentions', () => {
  const rows = [
    { labelId: 2, text: '两个维护', count: 2, documents: 2 },
    { labelId: 2, text: '四个意识', count: 5, documents: 1 },
    { labelId: 1, text: '蔡奇', entityId: 9, count: 7, documents: 4 },
  ];

  it('orders one label’s bars by mentions or by documents, the biggest on top', () => {
    const byCount = topMentionsModel(chartContext(), rows, 2, 'count');
    expect(yAxisOf(byCount.option)).toEqual(['两个维护', '四个意识']);
    expect(seriesOf(byCount.option)[0].data).toEqual([2, 5]);
    const byDocuments = topMentionsModel(chartContext(), rows, 2, 'documents');
    expect(yAxisOf(byDocuments.option)).toEqual(['四个意识', '两个维护']);
  });

  it('drills a text to its concordance and an entity to the documents of its linked spans', () => {
    expect(topMentionsModel(chartContext(), rows, 2, 'count').drill({ dataIndex: 1 })).toEqual({ kind: 'concordance', text: '四个意识', labelId: 2 });
    expect(topMentionsModel(chartContext({ source: 'x' }), rows, 1, 'count').drill({ dataIndex: 0 })).toEqual({
      kind: 'documents',
      filter: { source: 'x' },
      mentions: [{ entityId: 9, labelId: 1 }],
    });
  });

  it('is empty for a label without mentions', () => {
    expect(topMentionsModel(chartContext(), rows, 3, 'count').empty).toBe(true);
  });
});

const matrix: Cooccurrence = {
  rows: [
    { text: '蔡奇', entityId: 3, documents: 4 },
    { text: '殷勇', documents: 2 },
  ],
  columns: [
    { text: '两个维护', documents: 3 },
    { text: '四个意识', documents: 1 },
  ],
  cells: [
    { row: 0, column: 0, documents: 2 },
    { row: 1, column: 1, documents: 1 },
  ],
};
const axes = { rowLabelId: 1, columnLabelId: 2 };

describe('co-occurrence', () => {
  it('draws one cell per answered cell, rows top-down, and drills into both mentions as counted', () => {
    const model = cooccurrenceMatrixModel(chartContext({ district: '朝阳区' }), axes, matrix);
    expect((seriesOf(model.option)[0].data as { value: number[] }[]).map((d) => d.value)).toEqual([
      [0, 1, 2],
      [1, 0, 1],
    ]);
    expect(yAxisOf(model.option)).toEqual(['殷勇', '蔡奇']);
    expect(model.drill({ dataIndex: 0 })).toEqual({
      kind: 'documents',
      filter: { district: '朝阳区' },
      mentions: [
        { entityId: 3, labelId: 1 },
        { text: '两个维护', labelId: 2, unlinked: true },
      ],
    });
    expect(model.table.length).toBe(3);
  });

  it('offers the network when an item is an entity, with a node per item and an edge per cell', () => {
    expect(hasEntities(matrix)).toBe(true);
    expect(hasEntities({ ...matrix, rows: [{ text: '殷勇', documents: 2 }] })).toBe(false);
    const model = cooccurrenceNetworkModel(chartContext(), axes, matrix);
    const graph = (model.option as { series: { data: unknown[]; links: unknown[] }[] }).series[0];
    expect(graph.data.length).toBe(4);
    // A row with no cell is a node too, as it is a row of the matrix.
    const alone = cooccurrenceNetworkModel(chartContext(), axes, { ...matrix, rows: [...matrix.rows, { text: '宋志刚', documents: 1 }] });
    expect((alone.option as { series: { data: unknown[] }[] }).series[0].data.length).toBe(5);
    expect(graph.links.length).toBe(2);
    expect(model.drill({ dataIndex: 1, dataType: 'edge' })).toEqual({
      kind: 'documents',
      filter: {},
      mentions: [
        { text: '殷勇', labelId: 1, unlinked: true },
        { text: '四个意识', labelId: 2, unlinked: true },
      ],
    });
    expect(model.drill({ dataIndex: 2, dataType: 'node' })).toEqual({ kind: 'concordance', text: '两个维护', labelId: 2 });
  });

  it('is empty when no document holds both', () => {
    expect(cooccurrenceMatrixModel(chartContext(), axes, { ...matrix, cells: [] }).empty).toBe(true);
  });
});

describe('CSV of a chart', () => {
  it('has the header first, CRLF lines, and quotes commas and quotes', () => {
    const model = breakdownModel(chartContext(), 'source', [{ key: 'a,"b"', labelId: 2, mentions: 3, documents: 1 }]);
    expect(tableCsv(model.table)).toBe('source,label,mentions,documents\r\n"a,""b""",口号,3,1\r\n');
  });
});
