// Document metadata, editable (saved on blur), plus read-only import details: warnings, steps,
// and the site chrome normalization removed.
import { useState, type MutableRefObject } from 'react';
import { callOrThrow } from '../api/client';
import type { DocumentMetadata } from '../../../shared/model';
import { useI18n, type MessageKey } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { NoteField } from './NoteField';
import { WarningKindBadge } from './WarningKindBadge';
import { warningText } from '../i18n/warnings';

type Editable = 'title' | 'date' | 'source' | 'district' | 'url' | 'reporters';
const FIELDS: { key: Editable; label: MessageKey; type?: string }[] = [
  { key: 'title', label: 'meta.title' },
  { key: 'date', label: 'meta.date', type: 'date' },
  { key: 'source', label: 'meta.source' },
  { key: 'district', label: 'meta.district' },
  { key: 'url', label: 'meta.url', type: 'url' },
  { key: 'reporters', label: 'meta.reporters' },
];

function valueOf(session: DocSession, key: Editable): string {
  const doc = session.doc;
  if (key === 'reporters') return doc.reporters.join(', ');
  if (key === 'date') return doc.date?.slice(0, 10) ?? '';
  return (doc[key] as string | null) ?? '';
}

// eslint-disable-next-line max-lines-per-function -- to split (#19): not reached yet, several steps in one function
export function MetadataPanel({ session, reader }: { session: DocSession; reader: MutableRefObject<ReaderHandle | null> }) {
  const { t } = useI18n();
  const toast = useToast();
  const [drafts, setDrafts] = useState<Record<Editable, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f.key, valueOf(session, f.key)])) as Record<Editable, string>,
  );
  const doc = session.doc;

  const save = async (key: Editable) => {
    const raw = drafts[key].trim();
    if (raw === valueOf(session, key)) return;
    const patch: Partial<DocumentMetadata> = {};
    if (key === 'reporters')
      patch.reporters = raw
        .split(/[,，、;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
    else if (key === 'title') patch.title = raw;
    else patch[key] = raw || null;
    try {
      const summary = await callOrThrow('documents:update', { id: doc.id, metadata: patch });
      const reporters = patch.reporters ?? session.doc.reporters;
      const url = key === 'url' ? (patch.url ?? null) : session.doc.url;
      session.patchDocument({ ...summary, reporters, url });
      toast.info(t('meta.saved'));
    } catch (error) {
      toast.error(errorMessage(error));
      setDrafts((d) => ({ ...d, [key]: valueOf(session, key) }));
    }
  };

  const saveNote = async (note: string) => {
    try {
      await session.saveNote(note);
      toast.info(t('notes.saved'));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <div className="metadata-panel">
      <NoteField
        id="document-note"
        label={t('notes.document')}
        placeholder={t('notes.documentPlaceholder')}
        value={doc.note}
        onSave={(note) => void saveNote(note)}
      />
      <form className="form" onSubmit={(e) => e.preventDefault()}>
        {FIELDS.map((f) => (
          <div className="field" key={f.key}>
            <label htmlFor={`meta-${f.key}`}>{t(f.label)}</label>
            <input
              id={`meta-${f.key}`}
              className="input"
              type={f.type ?? 'text'}
              value={drafts[f.key]}
              placeholder={f.key === 'reporters' ? t('meta.reportersHint') : undefined}
              onChange={(e) => setDrafts({ ...drafts, [f.key]: e.target.value })}
              onBlur={() => void save(f.key)}
              onKeyDown={(e) => e.key === 'Enter' && void save(f.key)}
            />
          </div>
        ))}
      </form>
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
      {doc.warnings.length === 0 ? (
        <p className="muted">{t('meta.noWarnings')}</p>
      ) : (
        <ul className="warning-list">
          {doc.warnings.map((w, i) => (
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
      )}
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
    </div>
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
