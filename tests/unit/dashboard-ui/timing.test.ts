// Annotation timing as charts (#24): active minutes per document stacked by coder, the longest
// document on top; lead times per fixed bin per coder (labels added up); the CSVs keep every row.
import { describe, expect, it } from 'vitest';
import { LEAD_TIME_BIN_EDGES_MS, type TimingDashboard } from '../../../shared/api/timing';
import { binName, documentTimeModel, leadTimeModel } from '../../../renderer/src/dashboard/timingModels';
import { chartContext, seriesOf } from './context';

const bins = (...counts: number[]) => LEAD_TIME_BIN_EDGES_MS.map((_, i) => counts[i] ?? 0);
const timing: TimingDashboard = {
  documents: [
    { documentId: 1, title: '短文', annotator: '王', firstOpenedAt: '2026-12-01T08:00:00Z', doneAt: null, activeMs: 60_000, activeMsToDone: null },
    {
      documentId: 2,
      title: '长文',
      annotator: '王',
      firstOpenedAt: '2026-12-01T09:00:00Z',
      doneAt: '2026-12-01T09:30:00Z',
      activeMs: 300_000,
      activeMsToDone: 240_000,
    },
    { documentId: 2, title: '长文', annotator: '李', firstOpenedAt: '2026-12-02T09:00:00Z', doneAt: null, activeMs: 120_000, activeMsToDone: null },
  ],
  documentsTruncated: false,
  leadTimes: [
    { annotator: '王', labelId: 1, spans: 3, medianMs: 1500, p90Ms: 4000, meanMs: 2000.4, histogram: bins(0, 2, 1) },
    { annotator: '王', labelId: 2, spans: 1, medianMs: 800, p90Ms: 800, meanMs: 800, histogram: bins(1) },
    { annotator: '李', labelId: 1, spans: 2, medianMs: 7000, p90Ms: 9000, meanMs: 7000, histogram: bins(0, 0, 0, 2) },
  ],
  binEdgesMs: LEAD_TIME_BIN_EDGES_MS,
};

describe('timing charts', () => {
  it('stacks active minutes per document by coder, the document with the most time on top', () => {
    const model = documentTimeModel(chartContext(), timing);
    expect((model.option as { yAxis: { data: string[] } }).yAxis.data).toEqual(['短文', '长文']);
    expect(seriesOf(model.option).map((s) => [s.name, s.data])).toEqual([
      ['李', [null, 2]],
      ['王', [1, 5]],
    ]);
    expect(model.table.length).toBe(4);
    expect(model.table[2]).toEqual([2, '长文', '王', '2026-12-01T09:00:00Z', '2026-12-01T09:30:00Z', 300_000, 240_000]);
  });

  it('adds a coder’s labels up per lead-time bin and names the bins by their edges', () => {
    const model = leadTimeModel(chartContext(), timing);
    expect(seriesOf(model.option).map((s) => [s.name, s.data.slice(0, 4)])).toEqual([
      ['李', [null, null, null, 2]],
      ['王', [1, 2, 1, null]],
    ]);
    expect(binName(LEAD_TIME_BIN_EDGES_MS, 0)).toBe('0 s–1 s');
    expect(binName(LEAD_TIME_BIN_EDGES_MS, LEAD_TIME_BIN_EDGES_MS.length - 1)).toBe('5 min+');
    expect(model.table.length).toBe(4);
    expect(model.table[1].slice(0, 6)).toEqual(['王', '人物', 3, 1500, 4000, 2000]);
  });

  it('is empty before any time is recorded', () => {
    const none = { ...timing, documents: [], leadTimes: [] };
    expect(documentTimeModel(chartContext(), none).empty).toBe(true);
    expect(leadTimeModel(chartContext(), none).empty).toBe(true);
  });
});
