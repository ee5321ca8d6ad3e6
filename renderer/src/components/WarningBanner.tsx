// Import warnings of the open document, with a jump to each flagged place.
import { useState, type MutableRefObject } from 'react';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { DocSession } from '../state/docSession';
import { WarningKindBadge } from './WarningKindBadge';

export function WarningBanner({ session, reader }: { session: DocSession; reader: MutableRefObject<ReaderHandle | null> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const warnings = session.doc.warnings;
  if (warnings.length === 0) return null;
  const jump = (start: number, end: number) => {
    reader.current?.sel.set(start, end, false);
    reader.current?.ctl.scrollToOffset(start, 'center');
  };
  return (
    <div className="warning-banner" role="note">
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        ⚠ {t('reader.warnings', { n: warnings.length })}
      </button>
      {open && (
        <ul className="warning-list">
          {warnings.map((w, i) => (
            <li key={i}>
              <WarningKindBadge kind={w.kind} /> {w.message}
              {w.start !== undefined && w.end !== undefined && (
                <button type="button" className="link-button" onClick={() => jump(w.start!, w.end!)}>
                  {t('reader.jump')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
