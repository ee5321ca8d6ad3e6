import type { DocumentStatus } from '../../../shared/model';
import { useI18n } from '../i18n';

export function StatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge status-${status}`}>{t(`status.${status}`)}</span>;
}
