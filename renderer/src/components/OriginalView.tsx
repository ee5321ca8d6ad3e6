// The original text view: the document as imported, asked for only when shown (documents:original),
// because documents:get leaves it out to keep opening a document light.
import { useEffect, useState } from 'react';
import type { DocumentDetail } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';

/** Per opened document (a reopened document is a new object), so toggling the view back asks once. */
const fetched = new WeakMap<DocumentDetail, string>();

type Shown = { state: 'loading' } | { state: 'ready'; text: string } | { state: 'failed'; message: string };

export function OriginalView({ doc, fontSize }: { doc: DocumentDetail; fontSize: number }) {
  const { t } = useI18n();
  const cached = fetched.get(doc);
  const [shown, setShown] = useState<Shown>(cached === undefined ? { state: 'loading' } : { state: 'ready', text: cached });
  useEffect(() => {
    const known = fetched.get(doc);
    if (known !== undefined) return setShown({ state: 'ready', text: known });
    setShown({ state: 'loading' });
    let live = true;
    callOrThrow('documents:original', { id: doc.id }).then(
      ({ originalText }) => {
        fetched.set(doc, originalText);
        if (live) setShown({ state: 'ready', text: originalText });
      },
      (error: Error) => live && setShown({ state: 'failed', message: error.message }),
    );
    return () => {
      live = false;
    };
  }, [doc]);
  return (
    <div className="reader-scroller original-view" tabIndex={0} aria-label={t('reader.original')} aria-busy={shown.state === 'loading'}>
      <p className="original-note">{t('reader.originalNote')}</p>
      {shown.state === 'loading' && <p className="empty-note">{t('common.loading')}</p>}
      {shown.state === 'failed' && <p className="empty-note" role="alert">{`${t('common.error')}: ${shown.message}`}</p>}
      {shown.state === 'ready' && (
        <div className="reader-content original-text" style={{ fontSize }}>
          {shown.text}
        </div>
      )}
    </div>
  );
}
