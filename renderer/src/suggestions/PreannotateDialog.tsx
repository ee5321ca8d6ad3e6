// Pre-annotating many documents (suggestions:preannotate) as a job, as imports and exports run:
// which sources, which documents (all, those the document list shows now, the open one), the
// confidence from which a suggestion becomes a span; then progress with Cancel, then the report.
import { useCallback, useEffect, useState } from 'react';
import type { PreannotateReport, SuggestionSource } from '../../../shared/api/suggestions';
import { SUGGESTION_SOURCES } from '../../../shared/api/suggestions';
import { callOrThrow } from '../api/client';
import { Modal } from '../components/Modal';
import { JobProgress } from '../dialogs/ProgressBar';
import { toFilter, type ListQuery } from '../hooks/useDocumentList';
import { useJob } from '../hooks/useJob';
import { useI18n } from '../i18n';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { acceptThreshold } from './suggestionCommands';

type Scope = 'all' | 'listed' | 'open';
/** Where the workbench keeps the document list's query (Workbench.tsx). */
const LIST_QUERY_KEY = 'biaozhu.docQuery';
const PAGE = 1000;

function listQuery(): ListQuery {
  try {
    return JSON.parse(localStorage.getItem(LIST_QUERY_KEY) ?? '') as ListQuery;
  } catch {
    return { sort: 'id', direction: 'asc' };
  }
}

/** Every document the list's filter admits, a page at a time. */
async function listedIds(): Promise<number[]> {
  const filter = toFilter(listQuery());
  const ids: number[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await callOrThrow('documents:list', { filter, offset, limit: PAGE });
    ids.push(...page.items.map((d) => d.id));
    if (page.items.length < PAGE || ids.length >= page.total) return ids;
  }
}

export function PreannotateDialog({ session, onDone, onClose }: { session: DocSession | null; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const job = useJob<PreannotateReport>(useCallback((m: string) => toast.error(m), [toast]));
  const [sources, setSources] = useState<Set<SuggestionSource>>(() => new Set(SUGGESTION_SOURCES));
  const [scope, setScope] = useState<Scope>('listed');
  const [listed, setListed] = useState<number | null>(null);
  const [percent, setPercent] = useState(Math.round(acceptThreshold() * 100));
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<PreannotateReport | null>(null);
  useEffect(() => {
    void callOrThrow('documents:list', { filter: toFilter(listQuery()), limit: 1 }).then(
      (p) => setListed(p.total),
      () => setListed(null),
    );
  }, []);

  const run = async () => {
    setRunning(true);
    try {
      const documentIds = scope === 'open' && session ? [session.doc.id] : scope === 'listed' ? await listedIds() : undefined;
      if (documentIds && documentIds.length === 0) throw new Error(t('suggest.pre.noDocuments'));
      const { jobId } = await callOrThrow('suggestions:preannotate', {
        sources: [...sources],
        acceptAbove: percent / 100,
        ...(documentIds ? { documentIds } : {}),
      });
      const status = await job.poll(jobId);
      if (status?.state === 'done' && status.result) {
        setReport(status.result);
        onDone();
      }
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  const toggle = (s: SuggestionSource, on: boolean) =>
    setSources((old) => {
      const next = new Set(old);
      if (on) next.add(s);
      else next.delete(s);
      return next;
    });
  const valid = sources.size > 0 && percent > 0 && percent <= 100;
  const footer = (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t(report ? 'common.close' : 'common.cancel')}
      </button>
      {!report && (
        <button type="button" className="button button-primary" disabled={running || !valid} onClick={() => void run()}>
          {t('suggest.pre.run')}
        </button>
      )}
    </>
  );
  return (
    <Modal title={t('suggest.pre.title')} onClose={onClose} footer={footer} className="preannotate-dialog">
      {report ? (
        <PreannotateReportView report={report} />
      ) : (
        <PreannotateFields
          session={session}
          disabled={running}
          sources={sources}
          toggle={toggle}
          scope={scope}
          setScope={setScope}
          listed={listed}
          percent={percent}
          setPercent={setPercent}
        />
      )}
      {job.job && running && <JobProgress job={job.job} label={t('suggest.pre.running')} onCancel={() => void job.cancel()} />}
      {job.job?.state === 'cancelled' && !running && <p className="suggest-muted">{t('suggest.pre.cancelled')}</p>}
    </Modal>
  );
}

interface FieldsProps {
  session: DocSession | null;
  disabled: boolean;
  sources: Set<SuggestionSource>;
  toggle: (s: SuggestionSource, on: boolean) => void;
  scope: Scope;
  setScope: (s: Scope) => void;
  /** How many documents the list's filter admits (null while asked). */
  listed: number | null;
  percent: number;
  setPercent: (n: number) => void;
}

function PreannotateFields({ session, disabled, sources, toggle, scope, setScope, listed, percent, setPercent }: FieldsProps) {
  const { t } = useI18n();
  return (
    <fieldset className="preannotate-fields" disabled={disabled}>
      <div className="field preannotate-choices">
        <span className="field-label">{t('suggest.pre.sources')}</span>
        {SUGGESTION_SOURCES.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={sources.has(s)} onChange={(e) => toggle(s, e.target.checked)} />
            {t(`suggest.source.${s}`)}
          </label>
        ))}
      </div>
      <div className="field preannotate-choices" role="radiogroup" aria-label={t('suggest.pre.documents')}>
        <span className="field-label">{t('suggest.pre.documents')}</span>
        <label className="radio">
          <input type="radio" name="pre-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
          {t('suggest.pre.all')}
        </label>
        <label className="radio">
          <input type="radio" name="pre-scope" checked={scope === 'listed'} onChange={() => setScope('listed')} />
          {t('suggest.pre.listed', { count: listed ?? '…' })}
        </label>
        <label className="radio">
          <input type="radio" name="pre-scope" checked={scope === 'open'} disabled={!session} onChange={() => setScope('open')} />
          {session ? t('suggest.pre.open', { title: session.doc.title || `#${session.doc.id}` }) : t('suggest.pre.noOpen')}
        </label>
      </div>
      <div className="field">
        <label htmlFor="pre-threshold">{t('suggest.pre.acceptAbove')}</label>
        <span className="field-inline">
          <input
            id="pre-threshold"
            className="input"
            type="number"
            min={1}
            max={100}
            step={5}
            value={percent}
            onChange={(e) => setPercent(Number(e.target.value))}
          />
          %
        </span>
        <p className="suggest-hint">{t('suggest.pre.acceptHint')}</p>
      </div>
    </fieldset>
  );
}

function PreannotateReportView({ report }: { report: PreannotateReport }) {
  const { t } = useI18n();
  return (
    <div className="preannotate-report" role="status" data-testid="preannotate-report">
      <p>
        <strong>{t('suggest.pre.summary', { documents: report.documents, created: report.created })}</strong>
      </p>
      <table className="suggest-table">
        <tbody>
          <tr>
            <th scope="row">{t('suggest.pre.created')}</th>
            <td data-testid="pre-created">{report.created}</td>
          </tr>
          <tr>
            <th scope="row">{t('suggest.pre.proposed')}</th>
            <td>{report.proposed}</td>
          </tr>
          <tr>
            <th scope="row">{t('suggest.pre.skipped')}</th>
            <td>{report.skipped}</td>
          </tr>
        </tbody>
      </table>
      {report.bySource.length > 0 && (
        <table className="suggest-table">
          <caption>{t('suggest.pre.bySource')}</caption>
          <tbody>
            {report.bySource.map((b) => (
              <tr key={b.source}>
                <th scope="row">{t(`suggest.source.${b.source}`)}</th>
                <td>{b.created}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
