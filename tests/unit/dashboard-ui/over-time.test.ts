// Mentions per month as a chart (#24): the month axis has no gaps and no extra months, one bar per
// counted month (a month without mentions draws none, so a saved SVG's bars are the API's rows),
// and a click on a bar drills to that month (inside the filter's own dates) and that label.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MentionsPerMonth } from '../../../shared/api/dashboard';
import { monthAxis, overTimeModel, withinFilterDates } from '../../../renderer/src/dashboard/overTimeModel';
import { monthRange } from '../../../renderer/src/dashboard/drill';
import { chartContext, seriesOf } from './context';

const monthArb = fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const rowArb = fc.record({
  labelId: fc.integer({ min: 1, max: 4 }),
  month: fc.option(monthArb, { nil: null, freq: 8 }),
  mentions: fc.integer({ min: 1, max: 500 }),
  documents: fc.integer({ min: 1, max: 50 }),
});
/** One row per label and month, as the API answers. */
const rowsArb = fc.uniqueArray(rowArb, { selector: (r) => `${r.labelId} ${r.month}`, maxLength: 40 });

const nextMonth = (m: string) => {
  const [y, n] = m.split('-').map(Number);
  return n === 12 ? `${y + 1}-01` : `${y}-${String(n + 1).padStart(2, '0')}`;
};

describe('month axis', () => {
  it('runs month by month from the first dated row to the last, then undated when some row is', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const axis = monthAxis(rows);
        const dated = axis.filter((m): m is string => m !== null);
        const months = rows.map((r) => r.month).filter((m): m is string => m !== null);
        for (const m of months) expect(dated).toContain(m);
        for (let i = 1; i < dated.length; i++) expect(dated[i]).toBe(nextMonth(dated[i - 1]));
        if (months.length > 0) {
          expect(dated[0]).toBe([...months].sort()[0]);
          expect(dated[dated.length - 1]).toBe([...months].sort().at(-1));
        } else expect(dated).toEqual([]);
        expect(axis.includes(null)).toBe(rows.some((r) => r.month === null));
        if (axis.includes(null)) expect(axis.at(-1)).toBeNull();
      }),
    );
  });

  it('crosses a year end', () => {
    expect(monthAxis([{ month: '2023-11' }, { month: '2024-02' }])).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });
});

describe('mentions per month by label', () => {
  it('draws one bar per row, of the row’s count, and saves one CSV line per row', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const model = overTimeModel(chartContext(), rows);
        expect(model.empty).toBe(rows.length === 0);
        expect(model.table.length).toBe(rows.length + 1);
        if (rows.length === 0) return;
        const series = seriesOf(model.option);
        const bars = series.flatMap((s) => s.data.filter((v) => v !== null));
        expect(bars.length).toBe(rows.length);
        expect(bars.reduce((a: number, v) => a + (v as number), 0)).toBe(rows.reduce((a, r) => a + r.mentions, 0));
        expect(series.every((s) => s.type === 'bar')).toBe(true);
      }),
    );
  });

  it('drills a month bar into that month (kept inside the filter’s dates) and that label', () => {
    fc.assert(
      fc.property(rowsArb, fc.option(fc.constantFrom('2020-03-15', '2024-01-01'), { nil: undefined }), (rows, dateFrom) => {
        const filter = dateFrom ? { dateFrom, source: '北京日报' } : { source: '北京日报' };
        const model = overTimeModel(chartContext(filter), rows);
        if (rows.length === 0) return;
        const axis = monthAxis(rows);
        const series = seriesOf(model.option);
        series.forEach((s, seriesIndex) =>
          s.data.forEach((value, dataIndex) => {
            if (value === null) return;
            const month = axis[dataIndex];
            const drill = model.drill({ seriesIndex, dataIndex });
            if (month === null) return expect(drill).toBeNull();
            const row = rows.find(
              (r) => r.month === month && value === r.mentions && s.name === chartContext().labels.find((l) => l.id === r.labelId)!.nameZh,
            )!;
            expect(row).toBeDefined();
            expect(drill).toEqual({ kind: 'documents', filter: { ...filter, labelIds: [row.labelId], ...withinFilterDates(filter, monthRange(month)) } });
          }),
        );
      }),
    );
  });

  it('keeps a month’s range inside the filter’s dates', () => {
    expect(withinFilterDates({ dateFrom: '2024-03-15' }, monthRange('2024-03'))).toEqual({ dateFrom: '2024-03-15', dateTo: '2024-03-31' });
    expect(withinFilterDates({ dateTo: '2024-02-10' }, monthRange('2024-02'))).toEqual({ dateFrom: '2024-02-01', dateTo: '2024-02-10' });
    expect(withinFilterDates({}, monthRange('2024-02'))).toEqual({ dateFrom: '2024-02-01', dateTo: '2024-02-29' });
  });
});

describe('chosen mentions and entities per month', () => {
  const rows: MentionsPerMonth[] = [
    { labelId: 2, month: '2024-01', mention: '两个维护', mentions: 3, documents: 2 },
    { labelId: 1, month: '2024-01', mention: '两个维护', mentions: 1, documents: 1 },
    { labelId: 2, month: '2024-03', mention: '四个意识', mentions: 2, documents: 2 },
  ];

  it('draws one line per mention, adding up its labels, with zero for the months between', () => {
    const model = overTimeModel(chartContext(), rows);
    const series = seriesOf(model.option);
    expect(series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['两个维护', 'line', [4, 0, 0]],
      ['四个意识', 'line', [0, 0, 2]],
    ]);
    expect(model.table[0]).toEqual(['month', 'label', 'mention', 'entity_id', 'mentions', 'documents']);
  });

  it('draws undated mentions as a point of their own, not joined to the last month', () => {
    const withUndated = [...rows, { labelId: 2, month: null, mention: '四个意识', mentions: 5, documents: 1 }];
    const series = seriesOf(overTimeModel(chartContext(), withUndated).option);
    expect(series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['两个维护', 'line', [4, 0, 0, null]],
      ['四个意识', 'line', [0, 0, 2, null]],
      ['两个维护', 'scatter', [null, null, null, 0]],
      ['四个意识', 'scatter', [null, null, null, 5]],
    ]);
  });

  it('drills a point into the documents holding that mention in that month', () => {
    const model = overTimeModel(chartContext({ labelIds: [2] }), rows);
    expect(model.drill({ seriesIndex: 1, dataIndex: 2 })).toEqual({
      kind: 'documents',
      filter: { labelIds: [2], dateFrom: '2024-03-01', dateTo: '2024-03-31' },
      mentions: ['四个意识'],
    });
  });

  it('names an entity’s line after the entity and drills by its id', () => {
    const model = overTimeModel(chartContext(), [{ labelId: 1, month: '2024-05', entityId: 7, mentions: 5, documents: 4 }], new Map([[7, '蔡奇']]));
    expect(seriesOf(model.option)[0].name).toBe('蔡奇');
    expect(model.drill({ seriesIndex: 0, dataIndex: 0 })).toEqual({
      kind: 'documents',
      filter: { dateFrom: '2024-05-01', dateTo: '2024-05-31' },
      entityIds: [7],
    });
  });
});
