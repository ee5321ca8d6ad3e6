// The selected span: its text, label (changeable), review state, attributes and note edited in place.
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { AttributeFields } from './AttributeFields';
import { NoteField } from './NoteField';
import { SpanEntity } from '../entities/SpanEntity';
import { SpanRelations } from '../entities/SpanRelations';

export function SpanDetail({ session }: { session: DocSession; version: number }) {
  const { t, labelName } = useI18n();
  const { labels, labelById } = useAppState();
  const span = session.selected;
  if (!span) return null;
  const label = labelById.get(span.labelId);
  const text = session.doc.text.slice(span.start, span.end);
  return (
    <section className="span-detail" aria-label={t('spans.selected')} style={{ '--chip': label?.color ?? '#888' } as React.CSSProperties}>
      <div className="span-detail-head">
        <h3 className="section-title">{t('spans.selected')}</h3>
        <button type="button" className="button button-small button-danger" onClick={() => session.remove(span.id)} title={`${t('spans.delete')} (Del)`}>
          {t('common.delete')}
        </button>
      </div>
      <blockquote className="span-detail-text">{text}</blockquote>
      <p className="span-detail-meta">
        {t('spans.range', { start: span.start, end: span.end })} · {t('spans.annotator', { name: span.annotator })} ·{' '}
        <span className={`review-pill review-${span.reviewState}`}>{t(`spans.review.${span.reviewState}`)}</span>
        {span.origin === 'suggested' && <> · {t('spans.suggested')}</>}
      </p>
      <div className="field">
        <label htmlFor="span-label">{t('spans.label')}</label>
        <select id="span-label" className="select" value={span.labelId} onChange={(e) => session.update(span.id, { labelId: Number(e.target.value) })}>
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {labelName(l)} ({l.key})
            </option>
          ))}
        </select>
      </div>
      {span.id > 0 && !session.others.has(span.id) && (
        <>
          <SpanEntity session={session} span={span} />
          <SpanRelations session={session} span={span} />
        </>
      )}
      <h4 className="subsection-title">{t('spans.attributes')}</h4>
      {label && label.attributes.length > 0 ? (
        <AttributeFields
          key={span.id}
          defs={label.attributes}
          values={span.attributes}
          onChange={(key, value) => {
            const next = { ...(session.anns.get(span.id)?.attributes ?? {}) };
            if (value) next[key] = value;
            else delete next[key];
            session.update(span.id, { attributes: next });
          }}
        />
      ) : (
        <p className="muted">{t('spans.noAttributes')}</p>
      )}
      <NoteField
        key={`note-${span.id}`}
        id="span-note"
        label={t('notes.span')}
        placeholder={t('notes.spanPlaceholder')}
        value={span.note}
        onSave={(note) => session.update(span.id, { note })}
      />
    </section>
  );
}
