// The kind of an import warning as a short badge in the user's language; the message beside it
// carries the details (file, counts) as the importer wrote them.
import type { WarningKind } from '../../../shared/model';
import { useI18n, type MessageKey } from '../i18n';

const KEYS: Record<WarningKind, MessageKey> = {
  mojibake: 'reader.mojibake',
  mojibake_repaired: 'warning.mojibake_repaired',
  decode_errors: 'warning.decode_errors',
  encoding_guess: 'warning.encoding_guess',
  chrome_removed: 'warning.chrome_removed',
  split_candidate: 'warning.split_candidate',
  other: 'warning.other',
};

export function WarningKindBadge({ kind }: { kind: WarningKind }) {
  const { t } = useI18n();
  return (
    <span className={`warning-kind warning-${kind}`} data-kind={kind}>
      {KEYS[kind] ? t(KEYS[kind]) : kind}
    </span>
  );
}
