// Read-only details of how a document was imported: its file and encoding, the normalization steps
// applied, the warnings raised (each with a jump to its text), and the site chrome that was removed.
import type { MutableRefObject } from 'react';
import type { DocumentDetail } from '../../../shared/model';
import { useI18n, type MessageKey } from '../i18n';
import { warningText } from '../i18n/warnings';
import type { ReaderHandle } from '../reader/Reader';
import { WarningKindBadge } from './WarningKindBadge';

export function DocumentImportDetails({ doc, reader }: { doc: DocumentDetail; reader: MutableRefObject<ReaderHandle | null> }) {
  const { t } = useI18n();
  return (
    <>
      <h3 className="section-title">{t('meta.info')}</h3>
      <dl className="facts">
        <dt>{t('meta.file')}</dt>
        <dd>{doc.fileName ?? '—'}</dd>
        <dt>{t('meta.encoding')}</dt>
        <dd>{doc.encoding ?? '—'}</dd>
        <dt>{t('meta.steps')}</dt>
        <dd>{doc.steps.length ? doc.steps.map((s) => (s in STEP_KEYS ? t(`step.${s}` as MessageKey) : s)).join('、') : '—'}</dd>
      </dl>
      <h3 className="section-title">{t('meta.warnings')}</h3>
      <ImportWarnings warnings={doc.warnings} reader={reader} />
      <h3 className="section-title">{t('meta.removed')}</h3>
      {doc.removed.length === 0 ? (
        <p className="muted">{t('meta.noRemoved')}</p>
      ) : (
        doc.removed.map((block, i) => (
          <figure key={i} className="removed-block">
            <figcaption>{block.reason}</figcaption>
            <pre>{block.text}</pre>
          </figure>
        ))
      )}
    </>
  );
}

function ImportWarnings({ warnings, reader }: { warnings: DocumentDetail['warnings']; reader: MutableRefObject<ReaderHandle | null> }) {
  const { t } = useI18n();
  if (warnings.length === 0) return <p className="muted">{t('meta.noWarnings')}</p>;
  return (
    <ul className="warning-list">
      {warnings.map((w, i) => (
        <li key={i}>
          <WarningKindBadge kind={w.kind} /> {warningText(t, w)}
          {w.start !== undefined && w.end !== undefined && (
            <button type="button" className="link-button" onClick={() => reader.current?.sel.set(w.start!, w.end!)}>
              {t('reader.jump')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

const STEP_KEYS: Record<string, true> = {
  unicode_nfc: true,
  line_endings: true,
  invisible_spaces: true,
  traditional_to_simplified: true,
  strip_pinyin: true,
  repair_mojibake: true,
  rejoin_broken_lines: true,
  strip_site_chrome: true,
};
