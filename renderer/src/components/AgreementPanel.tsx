// Side-panel tab: inter-coder agreement (agreement:compute) for the coders and labels chosen —
// corpus figures overall and per label, the label confusion matrix, a per-document heat map
// (worst first; a row opens its document) — saveable as CSV.
import { useEffect, useMemo, useState } from 'react';
import type { AgreementReport } from '../../../shared/api/agreement';
import { GOLD_ANNOTATOR } from '../../../shared/api/adjudication';
import { api } from '../api/client';
import { download } from '../state/download';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { agreementCsv } from './agreementCsv';
import { noteSeveralCoders } from './CoderCounts';
import { AgreementConfusion, AgreementFiguresTable, AgreementHeatMap } from './AgreementTables';

interface Props {
  openDocument: (id: number) => void;
}

export function AgreementPanel({ openDocument }: Props) {
  const { t } = useI18n();
  const { labels, project } = useAppState();
  const { coders, chosen, setChosen, error: codersError } = useCodersWithSpans(project?.path);
  const [offLabels, setOffLabels] = useState<Set<string>>(new Set());
  const annotators = useMemo(() => (coders ?? []).filter((c) => chosen.has(c)), [coders, chosen]);
  const chosenLabels = useMemo(() => labels.map((l) => l.key).filter((k) => !offLabels.has(k)), [labels, offLabels]);
  const { report, busy, error: reportError } = useAgreementReport(annotators, chosenLabels, offLabels.size);
  const error = codersError ?? reportError;

  if (error && !report)
    return (
      <p className="empty-note" role="alert">
        {error}
      </p>
    );
  if (!coders) return <p className="empty-note">{t('common.loading')}</p>;
  if (coders.length < 2)
    return (
      <p className="empty-note" data-testid="agreement-few">
        {t('agreement.fewCoders', { n: coders.length })}
      </p>
    );

  return (
    <div className="agreement" data-testid="agreement">
      <p className="agreement-intro">{t('agreement.intro')}</p>
      <AgreementChoices coders={coders} chosen={chosen} setChosen={setChosen} offLabels={offLabels} setOffLabels={setOffLabels} />
      {annotators.length < 2 ? (
        <p className="empty-note">{t('agreement.needTwo')}</p>
      ) : busy && !report ? (
        <p className="empty-note">{t('agreement.computing')}</p>
      ) : report ? (
        <AgreementResultView report={report} busy={busy} openDocument={openDocument} />
      ) : null}
      {error && report && (
        <p className="empty-note" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The coders with spans in the project, and those chosen: by default every one but the gold layer. */
function useCodersWithSpans(projectPath: string | undefined) {
  const [coders, setCoders] = useState<string[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('projects:stats', {}).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      const names = r.value.annotators.filter((a) => a.count > 0).map((a) => a.name);
      if (names.length > 1) noteSeveralCoders(projectPath);
      setCoders(names);
      setChosen(new Set(names.filter((n) => n !== GOLD_ANNOTATOR)));
    });
    return () => {
      live = false;
    };
  }, [projectPath]);
  return { coders, chosen, setChosen, error };
}

/** Agreement of the chosen coders over the chosen labels (all of them when none is off), recomputed as the choice changes. */
function useAgreementReport(annotators: string[], chosenLabels: string[], offLabelCount: number) {
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (annotators.length < 2 || chosenLabels.length === 0) {
      setReport(null);
      return;
    }
    let live = true;
    setBusy(true);
    setError(null);
    const input = { annotators, labels: offLabelCount > 0 ? chosenLabels : undefined, perDocument: true, disagreementDocuments: 0 };
    void api.call('agreement:compute', input).then((r) => {
      if (!live) return;
      setBusy(false);
      if (r.ok) setReport(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [annotators, chosenLabels, offLabelCount]);
  return { report, busy, error };
}

interface ChoicesProps {
  coders: string[];
  chosen: Set<string>;
  setChosen: (chosen: Set<string>) => void;
  offLabels: Set<string>;
  setOffLabels: (off: Set<string>) => void;
}

function AgreementChoices({ coders, chosen, setChosen, offLabels, setOffLabels }: ChoicesProps) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  return (
    <>
      <fieldset className="agreement-choice">
        <legend>{t('agreement.coders')}</legend>
        {coders.map((c) => (
          <label key={c} className="agreement-chip">
            <input type="checkbox" checked={chosen.has(c)} onChange={(e) => setChosen(toggled(chosen, c, e.target.checked))} />
            {c}
          </label>
        ))}
      </fieldset>
      <fieldset className="agreement-choice">
        <legend>{t('agreement.labels')}</legend>
        {labels.map((l) => (
          <label key={l.key} className="agreement-chip">
            <input type="checkbox" checked={!offLabels.has(l.key)} onChange={(e) => setOffLabels(toggled(offLabels, l.key, !e.target.checked))} />
            <span className="label-dot" style={{ background: l.color }} />
            {labelName(l)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

function toggled(set: Set<string>, value: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

function AgreementResultView({ report, busy, openDocument }: { report: AgreementReport; busy: boolean; openDocument: (id: number) => void }) {
  const { t } = useI18n();
  return (
    <div className={`agreement-result${busy ? ' is-busy' : ''}`} aria-busy={busy}>
      <div className="agreement-head">
        <p className="agreement-compared" data-testid="agreement-compared">
          {t('agreement.compared', { documents: report.documents, characters: report.characters })}
        </p>
        <button
          type="button"
          className="button button-small"
          onClick={() => download(`biaozhu-agreement-${report.coders.join('-')}.csv`, agreementCsv(report))}
        >
          {t('agreement.saveCsv')}
        </button>
      </div>
      {report.notShared > 0 && <p className="agreement-note">{t('agreement.notShared', { n: report.notShared })}</p>}
      {report.documents === 0 ? (
        <p className="empty-note">{t('agreement.nothingShared')}</p>
      ) : (
        <>
          <AgreementFiguresTable report={report} />
          <AgreementConfusion report={report} />
          <AgreementHeatMap report={report} openDocument={openDocument} />
        </>
      )}
    </div>
  );
}
