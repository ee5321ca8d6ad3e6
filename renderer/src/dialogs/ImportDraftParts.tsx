// One document of a previewed file as it will be imported: its metadata and the steps applied, its
// warnings, and its text before and after normalization.
import type { FilePreview, FilePreviewDetail } from '../../../shared/api/import';
import { WarningKindBadge } from '../components/WarningKindBadge';
import { useI18n, type MessageKey } from '../i18n';
import { warningText } from '../i18n/warnings';

const PREVIEW_CHARS = 6000;

export type PreviewDraft = FilePreviewDetail['drafts'][number];

export function DraftFacts({ file, draft }: { file: FilePreview; draft: PreviewDraft }) {
  const { t, lang } = useI18n();
  const { metadata } = draft;
  // Text taken out of a page or a Word file before normalization: a step the user should see too.
  const extraction = file.format === 'html' || file.format === 'docx' ? [t(`meta.extracted.${file.format}`)] : [];
  return (
    <dl className="facts facts-inline">
      <dt>{t('meta.title')}</dt>
      <dd>{metadata.title || '—'}</dd>
      <dt>{t('meta.date')}</dt>
      <dd>{metadata.date ?? '—'}</dd>
      <dt>{t('meta.source')}</dt>
      <dd>{metadata.source ?? '—'}</dd>
      <dt>{t('meta.district')}</dt>
      <dd>{metadata.district ?? '—'}</dd>
      <dt>{t('meta.reporters')}</dt>
      <dd>{metadata.reporters.join('、') || '—'}</dd>
      <dt>{t('meta.steps')}</dt>
      <dd>{[...extraction, ...draft.steps.map((s) => t(`step.${s}` as MessageKey))].join(lang === 'zh' ? '、' : ', ') || '—'}</dd>
    </dl>
  );
}

export function DraftWarnings({ draft }: { draft: PreviewDraft }) {
  const { t } = useI18n();
  if (draft.warnings.length === 0) return null;
  return (
    <ul className="warning-list">
      {draft.warnings.map((w, i) => (
        <li key={i}>
          <WarningKindBadge kind={w.kind} /> {warningText(t, w)}
        </li>
      ))}
    </ul>
  );
}

export function DraftBeforeAfter({ draft }: { draft: PreviewDraft }) {
  const { t } = useI18n();
  return (
    <div className="before-after">
      <section>
        <h4 className="subsection-title">{t('import.before')}</h4>
        <pre className="text-preview">{clip(draft.originalText)}</pre>
      </section>
      <section>
        <h4 className="subsection-title">{t('import.after')}</h4>
        <pre className="text-preview">{clip(draft.text)}</pre>
      </section>
    </div>
  );
}

const clip = (s: string) => (s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS)}\n…` : s);
