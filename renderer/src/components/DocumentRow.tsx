import { memo } from 'react';
import type { DocumentSummary } from '../../../shared/model';
import { useI18n } from '../i18n';
import { DocCoderCounts } from './CoderCounts';
import { StatusBadge } from './StatusBadge';

export const ROW_HEIGHT = 64;

interface Props {
  index: number;
  doc: DocumentSummary | undefined;
  current: boolean;
  active: boolean;
  total: number;
  onOpen: (id: number, index: number) => void;
}

export const DocumentRow = memo(function DocumentRow({ index, doc, current, active, total, onOpen }: Props) {
  const { t } = useI18n();
  if (!doc) {
    return (
      <div className="doc-row doc-row-loading" style={{ height: ROW_HEIGHT }} aria-hidden="true">
        <span className="skeleton" />
      </div>
    );
  }
  return (
    <div
      id={`doc-row-${index}`}
      role="option"
      aria-selected={current}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`doc-row${current ? ' is-current' : ''}${active ? ' is-active' : ''}`}
      style={{ height: ROW_HEIGHT }}
      data-doc-id={doc.id}
      onClick={() => onOpen(doc.id, index)}
    >
      <div className="doc-row-title" title={doc.title}>
        {doc.title || t('docs.untitled')}
      </div>
      <div className="doc-row-meta">
        <StatusBadge status={doc.status} />
        <span className="doc-row-date">{doc.date?.slice(0, 10) ?? '—'}</span>
        <span className="doc-row-source">{doc.source ?? ''}</span>
        <DocCoderCounts id={doc.id} spanCount={doc.spanCount} />
        <span className="doc-row-spans" title={t('common.spans', { n: doc.spanCount })}>
          {doc.spanCount}
        </span>
        {doc.warningCount > 0 && (
          <span className="doc-row-warn" aria-label={t('reader.warnings', { n: doc.warningCount })}>
            !
          </span>
        )}
      </div>
    </div>
  );
});
