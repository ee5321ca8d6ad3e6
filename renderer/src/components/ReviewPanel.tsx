// Review mode: step through spans, accept (A) or reject (R) each, then mark the document reviewed.
import type { MutableRefObject } from 'react';
import type { DocumentStatus } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { review, stepSpan, type ActionContext } from '../state/spanActions';
import { SpanRelations } from '../entities/SpanRelations';

interface Props {
  session: DocSession;
  reader: MutableRefObject<ReaderHandle | null>;
  version: number;
  reviewMode: boolean;
  setReviewMode: (on: boolean) => void;
  setStatus: (status: DocumentStatus) => void;
}

export function ReviewPanel({ session, reader, reviewMode, setReviewMode, setStatus }: Props) {
  const { t, labelName } = useI18n();
  const { labelById } = useAppState();
  const spans = [...session.anns.values()];
  const counts = { pending: 0, accepted: 0, rejected: 0 };
  for (const s of spans) counts[s.reviewState]++;
  const ctx = (): ActionContext => ({ session, reader: reader.current, notify: () => undefined });
  const span = session.selected;
  const label = span ? labelById.get(span.labelId) : undefined;

  if (!reviewMode) {
    return (
      <div className="review-panel">
        <p className="muted">{t('review.hint')}</p>
        <button type="button" className="button button-primary" onClick={() => setReviewMode(true)}>
          {t('review.enter')}
        </button>
      </div>
    );
  }
  return (
    <div className="review-panel">
      <ReviewProgress counts={counts} total={spans.length} />
      {spans.length === 0 ? (
        <p className="muted">{t('review.nothing')}</p>
      ) : span ? (
        <div className="review-card" style={{ '--chip': label?.color ?? '#888' } as React.CSSProperties}>
          <div className="review-card-label">
            <span className="label-dot" style={{ background: label?.color }} /> {label ? labelName(label) : '?'}
            <span className={`review-pill review-${span.reviewState}`}>{t(`spans.review.${span.reviewState}`)}</span>
          </div>
          <blockquote className="span-detail-text">{session.doc.text.slice(span.start, span.end)}</blockquote>
          <div className="review-actions">
            <button type="button" className="button button-accept" onClick={() => review(ctx(), 'accepted')}>
              {t('review.accept')} <kbd>A</kbd>
            </button>
            <button type="button" className="button button-reject" onClick={() => review(ctx(), 'rejected')}>
              {t('review.reject')} <kbd>R</kbd>
            </button>
            <button type="button" className="button" onClick={() => review(ctx(), 'pending')}>
              {t('review.reset')}
            </button>
          </div>
          <div className="review-nav">
            <button type="button" className="button button-small" onClick={() => stepSpan(ctx(), -1)}>
              ← {t('review.prev')} <kbd>K</kbd>
            </button>
            <button type="button" className="button button-small" onClick={() => stepSpan(ctx(), 1)}>
              {t('review.next')} <kbd>J</kbd> →
            </button>
          </div>
          {/* The span's relations, reviewed here too (Shift+R, then A/R on each). */}
          {span.id > 0 && !session.others.has(span.id) && <SpanRelations session={session} span={span} canAdd={false} />}
        </div>
      ) : (
        <button type="button" className="button" onClick={() => stepSpan(ctx(), 1, counts.pending > 0)}>
          {t('review.next')} <kbd>J</kbd>
        </button>
      )}
      {counts.pending === 0 && spans.length > 0 && <p className="review-done">{t('review.allDone')}</p>}
      <p className="muted">{t('review.hint')}</p>
      <div className="review-footer">
        <button type="button" className="button button-primary" disabled={session.doc.status === 'reviewed'} onClick={() => setStatus('reviewed')}>
          {t('review.markReviewed')}
        </button>
        <button type="button" className="button" onClick={() => setReviewMode(false)}>
          {t('review.exit')}
        </button>
      </div>
    </div>
  );
}

/** How far the review is: a bar of accepted and rejected spans, and the counts of each state. */
function ReviewProgress({ counts, total }: { counts: Record<'pending' | 'accepted' | 'rejected', number>; total: number }) {
  const { t } = useI18n();
  const done = counts.accepted + counts.rejected;
  return (
    <div className="review-progress">
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-label={t('review.progress', { done, n: total })}
      >
        <div className="progress-accepted" style={{ width: `${total ? (counts.accepted / total) * 100 : 0}%` }} />
        <div className="progress-rejected" style={{ width: `${total ? (counts.rejected / total) * 100 : 0}%` }} />
      </div>
      <p className="review-counts">
        {t('review.progress', { done, n: total })} ·{' '}
        <span className="review-pill review-accepted">
          {t('spans.review.accepted')} {counts.accepted}
        </span>{' '}
        <span className="review-pill review-rejected">
          {t('spans.review.rejected')} {counts.rejected}
        </span>{' '}
        <span className="review-pill review-pending">
          {t('spans.review.pending')} {counts.pending}
        </span>
      </p>
    </div>
  );
}
