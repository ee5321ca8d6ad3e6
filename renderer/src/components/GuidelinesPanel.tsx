// Side-panel tab: every label with its guideline and example mentions, in the label bar's order,
// so a coder in doubt reads the scheme next to the text.
import { labelKeys } from '../../../shared/hotkeys';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { guidelineText } from './labelGuideline';

export function GuidelinesPanel() {
  const { t, lang, labelName } = useI18n();
  const { labels } = useAppState();
  const keys = labelKeys(labels);
  return (
    <div className="guidelines-panel">
      <p className="muted">{t('guidelines.intro')}</p>
      {labels.map((label) => {
        const text = guidelineText(label, lang);
        return (
          <section key={label.id} className="guideline" aria-labelledby={`guideline-${label.id}`} style={{ '--chip': label.color } as React.CSSProperties}>
            <h3 className="guideline-head" id={`guideline-${label.id}`}>
              <span className="label-dot" style={{ background: label.color }} />
              <span className="guideline-name">{labelName(label)}</span>
              <span className="guideline-key">{label.key}</span>
              {(keys.get(label.id) ?? []).map((k) => (
                <kbd key={k}>{k.toUpperCase()}</kbd>
              ))}
            </h3>
            {text ? <p className="guideline-text">{text}</p> : <p className="muted">{t('guidelines.none')}</p>}
            {label.examples.length > 0 && (
              <ul className="guideline-examples" aria-label={t('guidelines.examples')}>
                {label.examples.map((example) => (
                  <li key={example} className="guideline-example">
                    {example}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
