// One disagreement unit: its text, each coder's spans as a choice, both / neither / edit, the
// decision and the gold spans it wrote.
import type { AdjudicationChoice, DisagreementUnit } from '../../../../shared/api/adjudication';
import { useI18n } from '../../i18n';
import { coderColor } from '../../reader/coderColors';
import { useAppState } from '../../state/appState';
import { AdjudicationEditor } from './AdjudicationEditor';
import { choiceKey } from './panelKeys';
import type { AdjudicationEdit } from './useAdjudicationEdit';

interface Props {
  unit: DisagreementUnit;
  index: number;
  total: number;
  choice: AdjudicationChoice | null;
  setChoice: (choice: AdjudicationChoice) => void;
  decide: () => void;
  edit: AdjudicationEdit;
  text: string;
}

export function AdjudicationUnit({ unit, index, total, choice, setChoice, decide, edit, text }: Props) {
  const { t } = useI18n();
  const chosen = choice ? choiceKey(choice) : null;
  return (
    <section className="agreement-section" data-testid="adjudication-unit" data-start={unit.start} data-end={unit.end}>
      <p>
        {t('adjudication.unit', { n: index + 1, total })}{' '}
        <span className="agreement-note">
          [{unit.start}, {unit.end})
        </span>{' '}
        {unit.decision ? <span data-testid="adjudication-decided">{t('adjudication.decided', { choice: unit.decision.choice })}</span> : null}
      </p>
      <blockquote className="adjudication-text" style={{ margin: '4px 0 8px', padding: '4px 8px', borderLeft: '3px solid var(--border, #ccc)' }}>
        {unit.text}
      </blockquote>
      <ol className="adjudication-coders" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 6 }}>
        {unit.coders.map(({ coder, spans }, i) => (
          <li key={coder}>
            <ChoiceButton on={chosen === `coder:${coder}`} onClick={() => setChoice({ kind: 'coder', coder })}>
              <span className="coder-swatch" style={{ borderColor: coderColor(coder) }} aria-hidden="true" />
              {i + 1} · {coder}
            </ChoiceButton>
            <ul style={{ listStyle: 'none', margin: '2px 0 0', paddingLeft: 12 }}>
              {spans.length ? (
                spans.map((s) => <SpanLine key={`${s.start}:${s.end}:${s.labelId}`} span={s} />)
              ) : (
                <li className="agreement-note">{t('adjudication.noSpan')}</li>
              )}
            </ul>
          </li>
        ))}
      </ol>
      <div className="agreement-head">
        <ChoiceButton on={chosen === 'all'} onClick={() => setChoice({ kind: 'all' })}>
          B · {t('adjudication.both')}
        </ChoiceButton>
        <ChoiceButton on={chosen === 'none'} onClick={() => setChoice({ kind: 'none' })}>
          0 · {t('adjudication.neither')}
        </ChoiceButton>
        <ChoiceButton on={edit.editing} onClick={edit.editing ? edit.cancel : edit.start} testId="adjudication-edit-button">
          E · {t('adjudication.edit')}
        </ChoiceButton>
        <button type="button" className="button button-small button-primary" disabled={!choice} onClick={decide}>
          ↵ {t('adjudication.accept')}
        </button>
      </div>
      {edit.editing && <AdjudicationEditor edit={edit} text={text} />}
      {unit.gold.length > 0 && (
        <>
          <p>{t('adjudication.gold')}</p>
          <ul data-testid="adjudication-gold" style={{ listStyle: 'none', margin: 0, paddingLeft: 12 }}>
            {unit.gold.map((s) => (
              <SpanLine key={`${s.start}:${s.end}:${s.labelId}`} span={s} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ChoiceButton({ on, onClick, children, testId }: { on: boolean; onClick: () => void; children: React.ReactNode; testId?: string }) {
  return (
    <button type="button" className={`toggle-button${on ? ' is-on' : ''}`} aria-pressed={on} onClick={onClick} data-testid={testId}>
      {children}
    </button>
  );
}

/** A span as 「text」 label [start, end). */
export function SpanLine({ span }: { span: { start: number; end: number; labelId: number; text: string } }) {
  const { labelName } = useI18n();
  const { labelById } = useAppState();
  const label = labelById.get(span.labelId);
  return (
    <li className="adjudication-span">
      <span className="label-dot" style={{ background: label?.color }} aria-hidden="true" /> 「{span.text}」 {label ? labelName(label) : span.labelId}{' '}
      <span className="agreement-note">
        [{span.start}, {span.end})
      </span>
    </li>
  );
}
