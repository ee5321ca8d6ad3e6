// The agreement tab's tables: figures overall and per label, the label confusion matrix, and the
// per-document heat map (documents × labels, coloured by α, worst first).
import type { AgreementReport } from '../../../shared/api/agreement';
import type { DocumentResult } from '../../../shared/agreement/types';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';

/** Heat-map rows drawn; the CSV holds every document. */
const HEAT_ROWS = 60;

export const formatFigure = (x: number | null): string => (x === null ? '—' : x.toFixed(3));

function useLabelText() {
  const { labelName, t } = useI18n();
  const { labels } = useAppState();
  return (key: string | null) => {
    if (key === null) return t('agreement.none');
    const label = labels.find((l) => l.key === key);
    return label ? labelName(label) : key;
  };
}

function Figure({ value }: { value: number | null }) {
  const { t } = useI18n();
  return value === null ? <span title={t('agreement.undefined')}>—</span> : <>{formatFigure(value)}</>;
}

export function AgreementFiguresTable({ report }: { report: AgreementReport }) {
  const { t } = useI18n();
  const labelText = useLabelText();
  const rows = [{ key: '', name: t('agreement.overall'), s: report.overall }, ...report.byLabel.map((l) => ({ key: l.label, name: labelText(l.label), s: l }))];
  return (
    <section className="agreement-section" aria-labelledby="agreement-figures">
      <h3 id="agreement-figures" className="overview-title">
        {t('agreement.figures')}
      </h3>
      <table className="agreement-table agreement-figures" data-testid="agreement-figures">
        <thead>
          <tr>
            <th scope="col">{t('agreement.col.label')}</th>
            <th scope="col">{t('agreement.col.kappa')}</th>
            <th scope="col">{t('agreement.col.alpha')}</th>
            <th scope="col">{t('agreement.col.alphaU')}</th>
            <th scope="col">{t('agreement.col.f1Exact')}</th>
            <th scope="col">{t('agreement.col.f1Overlap')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, s }) => (
            <tr key={key || '*'} data-label={key || 'overall'} className={key ? undefined : 'is-overall'}>
              <th scope="row" title={t('agreement.col.spans') + ': ' + s.spans.join(' / ')}>
                {name}
              </th>
              <td data-figure="kappa">
                <Figure value={s.kappa} />
              </td>
              <td data-figure="alpha">
                <Figure value={s.alpha} />
              </td>
              <td data-figure="alphaU">
                <Figure value={s.alphaU} />
              </td>
              <td data-figure="f1Exact">
                <Figure value={s.f1Exact} />
              </td>
              <td data-figure="f1Overlap">
                <Figure value={s.f1Overlap} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="agreement-note">{t(`agreement.kappa.${report.overall.kappaKind}`)}</p>
    </section>
  );
}

export function AgreementConfusion({ report }: { report: AgreementReport }) {
  const { t } = useI18n();
  const labelText = useLabelText();
  const { labels, counts } = report.confusion;
  const max = Math.max(1, ...counts.flat());
  const hint =
    report.coders.length === 2 ? t('agreement.confusionHint', { reference: report.coders[0], other: report.coders[1] }) : t('agreement.confusionPairs');
  return (
    <section className="agreement-section" aria-labelledby="agreement-confusion">
      <h3 id="agreement-confusion" className="overview-title">
        {t('agreement.confusion')}
      </h3>
      <p className="agreement-note">{hint}</p>
      <table className="agreement-table agreement-confusion" data-testid="agreement-confusion">
        <thead>
          <tr>
            <td />
            {labels.map((l) => (
              <th key={l ?? '-'} scope="col" title={labelText(l)}>
                {labelText(l)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((row, i) => (
            <tr key={row ?? '-'}>
              <th scope="row" title={labelText(row)}>
                {labelText(row)}
              </th>
              {counts[i].map((n, j) => (
                <td
                  key={j}
                  className={i === j ? 'is-diagonal' : undefined}
                  style={
                    n > 0
                      ? { background: `color-mix(in srgb, ${i === j ? 'var(--ok)' : 'var(--danger)'} ${Math.round(12 + (n / max) * 40)}%, transparent)` }
                      : undefined
                  }
                >
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Worst first: the highest share of disagreeing characters, then the lowest α. */
function worstFirst(a: DocumentResult, b: DocumentResult): number {
  const share = (d: DocumentResult) => (d.characters > 0 ? d.disagreeing / d.characters : 0);
  return share(b) - share(a) || (a.alpha ?? 1) - (b.alpha ?? 1) || a.id - b.id;
}

/** α from −1…1 as a colour from red (≤ 0) to green (1), translucent so the text reads on both themes. */
function heat(alpha: number | null): string | undefined {
  if (alpha === null) return undefined;
  const good = Math.round(Math.max(0, Math.min(1, alpha)) * 100);
  return `color-mix(in srgb, color-mix(in srgb, var(--ok) ${good}%, var(--danger)) 45%, transparent)`;
}

export function AgreementHeatMap({ report, openDocument }: { report: AgreementReport; openDocument: (id: number) => void }) {
  const { t } = useI18n();
  const labelText = useLabelText();
  const docs = [...report.perDocument].sort(worstFirst);
  const shown = docs.slice(0, HEAT_ROWS);
  return (
    <section className="agreement-section" aria-labelledby="agreement-heatmap">
      <h3 id="agreement-heatmap" className="overview-title">
        {t('agreement.heatmap')}
      </h3>
      <p className="agreement-note">{t('agreement.heatmapHint')}</p>
      <table className="agreement-table agreement-heatmap" data-testid="agreement-heatmap">
        <thead>
          <tr>
            <td />
            <th scope="col" title={t('agreement.overall')}>
              {t('agreement.overall')}
            </th>
            {report.labels.map((l) => (
              <th key={l} scope="col" title={labelText(l)}>
                {labelText(l)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => {
            const title = d.title || `#${d.id}`;
            return (
              <tr key={d.id} data-doc-id={d.id}>
                <th scope="row">
                  <button
                    type="button"
                    className="agreement-doc"
                    title={`${t('agreement.openDoc', { title })} — ${t('agreement.disagreeing', { n: d.disagreeing })}`}
                    onClick={() => openDocument(d.id)}
                  >
                    {title}
                  </button>
                </th>
                <td style={{ background: heat(d.alpha) }} data-figure="alpha">
                  {formatFigure(d.alpha)}
                </td>
                {report.labels.map((l) => {
                  const f = d.byLabel.find((x) => x.label === l);
                  return (
                    <td key={l} style={{ background: heat(f?.alpha ?? null) }}>
                      {formatFigure(f?.alpha ?? null)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="agreement-scale" aria-hidden="true">
        <span className="agreement-scale-bar" />
        {t('agreement.scale')}
      </p>
      {docs.length > shown.length && <p className="agreement-note">{t('agreement.heatmapMore', { shown: shown.length, n: docs.length })}</p>}
    </section>
  );
}
