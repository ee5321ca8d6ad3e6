// The import report's entities and relations line (#23): entities matched in the project or
// created, and relations imported — shown when the files carried any. Problems with relation types
// (an unknown type created from its labels) are in the report's problem list like every other.
import type { ImportReport } from '../../../shared/api/import';
import { useI18n } from '../i18n';

export function ImportEntityCounts({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const matched = report.entitiesMatched ?? 0;
  const created = report.entitiesCreated ?? 0;
  const relations = report.relationsImported ?? 0;
  if (matched + created + relations === 0) return null;
  return (
    <p className="import-entity-counts" data-testid="import-entity-counts">
      {t('import.entityCounts', { matched, created, relations })}
    </p>
  );
}
