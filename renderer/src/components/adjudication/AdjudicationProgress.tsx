// The adjudicate view's head: decided / total, Close, how many agreed spans are in gold, and the keys.
import type { DocumentAdjudication } from '../../../../shared/api/adjudication';
import { useI18n } from '../../i18n';

export function AdjudicationProgress({ state, close }: { state: DocumentAdjudication; close: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <div className="agreement-head">
        <strong>{t('adjudication.title')}</strong>
        <span data-testid="adjudication-progress" aria-live="polite">
          {t('adjudication.progress', { decided: state.progress.decided, total: state.units.length })}
        </span>
        <button type="button" className="button button-small" onClick={close}>
          {t('adjudication.close')}
        </button>
      </div>
      <p className="agreement-note">{t('adjudication.agreed', { n: state.agreed, gold: state.agreedInGold })}</p>
      <p className="agreement-note">{t('adjudication.keys')}</p>
    </>
  );
}
