// Import warnings of the open document, with a jump to each flagged place. A long list opens with
// its first few and a button for the rest.
import { useState, type MutableRefObject } from 'react';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { DocSession } from '../state/docSession';
import { WarningKindBadge } from './WarningKindBadge';
import { warningText } from '../i18n/warnings';

/** From this many warnings the opened list shows only the first FIRST_SHOWN at first. */
const COLLAPSE_FROM = 10;
const FIRST_SHOWN = 3;

export function WarningBanner({ session, reader }: { session: DocSession; reader: MutableRefObject<ReaderHandle | null> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const warnings = session.doc.warnings;
  if (warnings.length === 0) return null;
  const collapsed = warnings.length >= COLLAPSE_FROM && !showAll;
  const shown = collapsed ? warnings.slice(0, FIRST_SHOWN) : warnings;
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
          {shown.map((w, i) => (
            <li key={i}>
              <WarningKindBadge kind={w.kind} /> {warningText(t, w)}
              {w.start !== undefined && w.end !== undefined && (
                <button type="button" className="link-button" onClick={() => jump(w.start!, w.end!)}>
                  {t('reader.jump')}
                </button>
              )}
            </li>
          ))}
          {collapsed && (
            <li>
              <button type="button" className="link-button" onClick={() => setShowAll(true)}>
                {t('reader.showMoreWarnings', { n: warnings.length - FIRST_SHOWN })}
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
