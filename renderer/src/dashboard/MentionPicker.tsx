// Which mentions the "chosen mentions" chart follows: ticked from the top mentions, or typed.
import { useState } from 'react';
import type { TopMention } from '../../../shared/api/dashboard';
import { useI18n } from '../i18n';

/** A chosen mention: its text, or the entity its top-mentions row stands for. */
export type Chosen = Pick<TopMention, 'text' | 'entityId'>;
export const chosenKey = (c: Chosen) => (c.entityId !== undefined ? `e${c.entityId}` : `m${c.text}`);

/** The channel takes at most 50 mentions. */
const MAX_CHOSEN = 50;

export function MentionPicker({ top, chosen, setChosen }: { top: Chosen[]; chosen: Chosen[]; setChosen: (next: Chosen[]) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const isChosen = (m: Chosen) => chosen.some((c) => chosenKey(c) === chosenKey(m));
  const toggle = (m: Chosen) => setChosen(isChosen(m) ? chosen.filter((c) => chosenKey(c) !== chosenKey(m)) : [...chosen, m].slice(-MAX_CHOSEN));
  // Typed ones first, then the top mentions.
  const options = [...new Map([...chosen, ...top].map((m) => [chosenKey(m), m])).values()];
  const add = () => {
    const text = typed.trim();
    if (text && !isChosen({ text })) setChosen([...chosen, { text }].slice(-MAX_CHOSEN));
    setTyped('');
  };
  return (
    <details className="dash-picker">
      <summary className="button button-small">{t('dashboard.chosen.pick', { n: chosen.length })}</summary>
      <div className="dash-picker-list">
        <input
          className="input input-compact"
          value={typed}
          maxLength={1000}
          placeholder={t('dashboard.chosen.type')}
          aria-label={t('dashboard.chosen.type')}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        {options.map((m) => (
          <label key={chosenKey(m)}>
            <input type="checkbox" checked={isChosen(m)} onChange={() => toggle(m)} /> {m.text}
          </label>
        ))}
      </div>
    </details>
  );
}
