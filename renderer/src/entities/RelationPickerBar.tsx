// While a relation is being drawn (#23): a bar over the text saying what to do next — pick the
// target (its number, arrows and Enter, or a click), then the type (numbered buttons) — and Cancel.
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { DocSession } from '../state/docSession';
import { useEntities } from './SpanEntity';

const cut = (s: string) => ([...s].length > 16 ? `${[...s].slice(0, 16).join('')}…` : s);

export function RelationPickerBar({ session, labelById }: { session: DocSession; labelById: Map<number, Label> }) {
  const { t, labelName } = useI18n();
  const state = useEntities(session);
  const picker = state.picker;
  const stage = picker?.stage;
  if (!picker || !stage) return null;
  const text = (a: { start: number; end: number }) => cut(session.doc.text.slice(a.start, a.end));
  const name = (labelId: number) => {
    const l = labelById.get(labelId);
    return l ? labelName(l) : '?';
  };
  return (
    <div className="relation-picker-bar" role="region" aria-label={t('relations.bar')} data-testid="relation-picker">
      {stage.stage === 'target' ? (
        <span>{t('relations.pick.target', { text: text(stage.from) })}</span>
      ) : (
        <>
          <span>{t('relations.pick.type', { from: text(stage.from), to: text(stage.to) })}</span>
          <span className="relation-types">
            {stage.options.map((o, i) => {
              const [a, b] = o.reversed ? [stage.to, stage.from] : [stage.from, stage.to];
              return (
                <button key={o.type.id} type="button" className="button button-small" onClick={() => picker.pickType(o)}>
                  <kbd>{i + 1}</kbd> {o.type.name || o.type.key}{' '}
                  <span className="muted">
                    {name(a.labelId)} → {name(b.labelId)}
                  </span>
                </button>
              );
            })}
          </span>
        </>
      )}
      <button type="button" className="button button-small button-ghost" onClick={() => picker.cancel()}>
        {t('relations.pick.cancel')}
      </button>
    </div>
  );
}
