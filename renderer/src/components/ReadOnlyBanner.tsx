// Says, under the top bar, that the open project is read-only and why; a damaged one offers recovery.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { recoverProject } from '../state/projectHealth';
import { useToast } from '../state/toasts';

export function ReadOnlyBanner() {
  const { t } = useI18n();
  const app = useAppState();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const readOnly = app.project?.readOnly;
  if (!readOnly) return null;
  const recover = async () => {
    setBusy(true);
    await recoverProject({ t, project: app.project, setProject: app.setProject, info: toast.info, error: toast.error });
    setBusy(false);
  };
  return (
    <div className={`read-only-banner read-only-${readOnly.reason}`} role="status">
      <span className="read-only-badge">{t(`readOnly.${readOnly.reason}`)}</span>
      <span className="read-only-message" title={readOnly.message}>
        {readOnly.message}
      </span>
      {readOnly.reason === 'damaged' && (
        <button type="button" className="button button-compact" disabled={busy} onClick={() => void recover()}>
          {t('cmd.recoverProject')}
        </button>
      )}
    </div>
  );
}
