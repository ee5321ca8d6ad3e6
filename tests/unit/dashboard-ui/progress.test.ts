// Coding progress as charts (#24): every status shown in the workflow's order (zeros drawn as no
// bar), spans per coder per day stacked by coder, review states per label, and what a click lists.
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../shared/api/dashboard';
import { annotatorDaysModel, reviewModel, statusModel } from '../../../renderer/src/dashboard/progressModels';
import { chartContext, seriesOf } from './context';

const progress: Progress = {
  documentsByStatus: [
    { status: 'done', documents: 3 },
    { status: 'todo', documents: 5 },
  ],
  spansPerAnnotatorDay: [
    { annotator: '王', day: '2026-12-01', spans: 4 },
    { annotator: '李', day: '2026-12-02', spans: 2 },
    { annotator: '王', day: '2026-12-02', spans: 1 },
  ],
  reviewStates: [
    { labelId: 2, reviewState: 'accepted', spans: 3 },
    { labelId: 1, reviewState: 'pending', spans: 6 },
  ],
};

describe('progress charts', () => {
  it('lists documents by status in the workflow’s order and drills a bar into its status', () => {
    const model = statusModel(chartContext({ district: '朝阳区' }), progress);
    expect((seriesOf(model.option)[0].data as { value: number | null }[]).map((d) => d.value)).toEqual([5, null, 3, null]);
    expect(model.table).toEqual([
      ['status', 'documents'],
      ['todo', 5],
      ['in_progress', 0],
      ['done', 3],
      ['reviewed', 0],
    ]);
    expect(model.drill({ dataIndex: 2 })).toEqual({ kind: 'documents', filter: { district: '朝阳区', status: 'done' } });
  });

  it('drills a status bar without the span filters, as the bar counts documents by their own fields only', () => {
    const filter = { district: '朝阳区', labelIds: [1], annotator: '王', reviewState: 'pending' as const, dateFrom: '2024-01-01' };
    const model = statusModel(chartContext(filter), progress);
    expect(model.drill({ dataIndex: 0 })).toEqual({ kind: 'documents', filter: { district: '朝阳区', dateFrom: '2024-01-01', status: 'todo' } });
  });

  it('stacks spans per day by coder and drills into the coder', () => {
    const model = annotatorDaysModel(chartContext(), progress);
    expect(seriesOf(model.option).map((s) => [s.name, s.data])).toEqual([
      ['李', [null, 2]],
      ['王', [4, 1]],
    ]);
    expect(model.drill({ seriesIndex: 1, dataIndex: 0 })).toEqual({ kind: 'documents', filter: { annotator: '王' } });
  });

  it('stacks review states per label in the label bar’s order and drills into label and state', () => {
    const model = reviewModel(chartContext(), progress);
    expect((model.option as { xAxis: { data: string[] } }).xAxis.data).toEqual(['人物', '口号']);
    expect(seriesOf(model.option).map((s) => s.data)).toEqual([
      [6, null],
      [null, 3],
      [null, null],
    ]);
    expect(model.drill({ seriesIndex: 1, dataIndex: 1 })).toEqual({ kind: 'documents', filter: { labelIds: [2], reviewState: 'accepted' } });
  });

  it('is empty with no documents and no spans', () => {
    const none: Progress = { documentsByStatus: [], spansPerAnnotatorDay: [], reviewStates: [] };
    expect([statusModel, annotatorDaysModel, reviewModel].map((m) => m(chartContext(), none).empty)).toEqual([true, true, true]);
  });
});
