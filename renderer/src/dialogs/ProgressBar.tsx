import type { JobStatus } from '../../../shared/api/jobs';
import { useI18n } from '../i18n';

export function JobProgress({ job, label, onCancel }: { job: JobStatus; label: string; onCancel?: () => void }) {
  const { t } = useI18n();
  const pct = job.total > 0 ? Math.round((job.done / job.total) * 100) : null;
  return (
    <div className="job-progress">
      <div className="job-progress-head">
        <span>{job.message || label}</span>
        <span className="muted">{job.total > 0 ? t('job.progress', { done: job.done, total: job.total }) : ''}</span>
      </div>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}>
        <div className={`progress-bar${pct === null ? ' is-indeterminate' : ''}`} style={{ width: pct === null ? '30%' : `${pct}%` }} />
      </div>
      {job.state === 'running' && onCancel && (
        <button type="button" className="button button-small" onClick={onCancel}>
          {t('job.cancel')}
        </button>
      )}
      {job.state === 'cancelled' && <p className="muted">{t('job.cancelled')}</p>}
    </div>
  );
}
