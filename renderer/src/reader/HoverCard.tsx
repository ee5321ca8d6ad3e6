// Floating card over a highlight: every span under the pointer with its label colour and text.
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { DocSession } from '../state/docSession';
import { coderColor } from './coderColors';

export interface HoverInfo {
  ids: number[];
  rect: DOMRect;
}

export function HoverCard({ info, session, labelById }: { info: HoverInfo; session: DocSession; labelById: Map<number, Label> }) {
  const { labelName, t } = useI18n();
  const spans = info.ids.map((id) => session.spanById(id)).filter((a) => a !== undefined);
  if (spans.length === 0) return null;
  const top = info.rect.bottom + 8;
  const left = Math.min(info.rect.left, window.innerWidth - 320);
  return (
    <div className="hover-card" style={{ top, left }} role="tooltip">
      {spans.map((span) => {
        const label = labelById.get(span.labelId);
        const text = session.doc.text.slice(span.start, span.end);
        return (
          <div key={span.id} className="hover-card-row">
            <span className="label-dot" style={{ background: label?.color }} />
            <span className="hover-card-label">{label ? labelName(label) : '?'}</span>
            <span className="hover-card-text">{text.length > 40 ? `${text.slice(0, 40)}…` : text}</span>
            {span.reviewState !== 'pending' && <span className="hover-card-review">{t(`spans.review.${span.reviewState}`)}</span>}
            {session.others.has(span.id) && (
              <span className="hover-card-coder" style={{ borderColor: coderColor(span.annotator) }}>
                {t('layers.byCoder', { name: span.annotator })}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
