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
import { DocumentImportDetails } from './DocumentImportDetails';

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

export function MetadataPanel({ session, reader }: { session: DocSession; reader: MutableRefObject<ReaderHandle | null> }) {
  const { t } = useI18n();
  const toast = useToast();
  const { drafts, setDraft, save } = useMetadataDrafts(session);
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
        value={session.doc.note}
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
              onChange={(e) => setDraft(f.key, e.target.value)}
              onBlur={() => void save(f.key)}
              onKeyDown={(e) => e.key === 'Enter' && void save(f.key)}
            />
          </div>
        ))}
      </form>
      <DocumentImportDetails doc={session.doc} reader={reader} />
    </div>
  );
}

/** The fields as typed, and saving one when it differs from the document (a failed save puts the stored value back). */
function useMetadataDrafts(session: DocSession) {
  const { t } = useI18n();
  const toast = useToast();
  const [drafts, setDrafts] = useState<Record<Editable, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f.key, valueOf(session, f.key)])) as Record<Editable, string>,
  );
  const setDraft = (key: Editable, value: string) => setDrafts({ ...drafts, [key]: value });
  const save = async (key: Editable) => {
    const raw = drafts[key].trim();
    if (raw === valueOf(session, key)) return;
    const patch = metadataPatch(key, raw);
    try {
      const summary = await callOrThrow('documents:update', { id: session.doc.id, metadata: patch });
      const reporters = patch.reporters ?? session.doc.reporters;
      const url = key === 'url' ? (patch.url ?? null) : session.doc.url;
      session.patchDocument({ ...summary, reporters, url });
      toast.info(t('meta.saved'));
    } catch (error) {
      toast.error(errorMessage(error));
      setDrafts((d) => ({ ...d, [key]: valueOf(session, key) }));
    }
  };
  return { drafts, setDraft, save };
}

/** What one edited field changes: reporters split on Chinese or Latin separators, an emptied field cleared (the title kept as typed). */
function metadataPatch(key: Editable, raw: string): Partial<DocumentMetadata> {
  if (key === 'reporters')
    return {
      reporters: raw
        .split(/[,，、;；]/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
  if (key === 'title') return { title: raw };
  return { [key]: raw || null };
}
