// A dashboard card: title, the chart's own controls, save as SVG / PNG / CSV, and the chart — or
// what to do when nothing matches, or why it could not be counted.
import { useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { errorMessage, useToast } from '../state/toasts';
import { tableCsv, type ChartModel } from './chartModel';
import type { DashboardDrill } from './drill';
import { DataTable } from './DataTable';
import { EChart, type EChartHandle } from './EChart';
import { saveCsv, savePng, saveSvg } from './saveChart';

interface Props {
  /** Names the card for tests and the saved files (biaozhu-<id>.svg). */
  id: string;
  title: string;
  model: ChartModel | null;
  loading: boolean;
  error?: string;
  controls?: ReactNode;
  height?: number;
  onDrill?: (drill: DashboardDrill) => void;
  /** Said under the chart: what a click opens. */
  hint?: string;
  wide?: boolean;
  /** What the empty state says instead of “no spans match this filter”. */
  emptyText?: string;
}

export function ChartCard({ id, title, model, loading, error, controls, height = 300, onDrill, hint, wide, emptyText }: Props) {
  const { t } = useI18n();
  const toast = useToast();
  const chart = useRef<EChartHandle>(null);
  const name = `biaozhu-${id}`;
  const drawn = model !== null && !model.empty;
  const [showTable, setShowTable] = useState(false);
  const saves: [string, boolean, () => void | Promise<void>][] = [
    ['SVG', drawn, () => saveSvg(chart.current!, name)],
    ['PNG', drawn, () => savePng(chart.current!, name)],
    ['CSV', model !== null, () => saveCsv(tableCsv(model!.table), name)],
  ];
  const run = (save: () => void | Promise<void>) => {
    void Promise.resolve()
      .then(save)
      .catch((e) => toast.error(errorMessage(e)));
  };
  return (
    <section className={`dash-card${wide ? ' is-wide' : ''}`} data-chart={id} aria-labelledby={`dash-${id}-title`} aria-busy={loading}>
      <header className="dash-card-head">
        <h3 id={`dash-${id}-title`}>{title}</h3>
        <div className="dash-card-controls">{controls}</div>
        <button
          type="button"
          className={`button button-small${showTable ? ' is-on' : ''}`}
          aria-pressed={showTable}
          disabled={model === null}
          onClick={() => setShowTable(!showTable)}
        >
          {t('dashboard.table')}
        </button>
        <div className="dash-card-save" role="group" aria-label={t('dashboard.save')}>
          {saves.map(([format, enabled, save]) => (
            <button
              key={format}
              type="button"
              className="button button-small"
              disabled={!enabled}
              aria-label={t('dashboard.saveAs', { format })}
              title={t('dashboard.saveAs', { format })}
              onClick={() => run(save)}
            >
              {format}
            </button>
          ))}
        </div>
      </header>
      {error ? (
        <p className="dash-message is-error" role="alert">
          {t('dashboard.error', { message: error })}
        </p>
      ) : model === null ? (
        <p className="dash-message" style={{ height }}>
          {t('dashboard.loading')}
        </p>
      ) : model.empty ? (
        <p className="dash-message" style={{ height }}>
          {emptyText ?? t('dashboard.empty')}
        </p>
      ) : (
        <EChart
          option={model.option}
          height={model.height ?? height}
          handle={chart}
          label={title}
          onPoint={onDrill ? (p) => handlePoint(model, p, onDrill) : undefined}
        />
      )}
      {drawn && hint && <p className="dash-hint muted">{hint}</p>}
      {showTable && model && <DataTable table={model.table} label={title} />}
    </section>
  );
}

function handlePoint(model: ChartModel, point: Parameters<ChartModel['drill']>[0], onDrill: (drill: DashboardDrill) => void) {
  const drill = model.drill(point);
  if (drill) onDrill(drill);
}
