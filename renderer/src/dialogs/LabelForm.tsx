// Fields of one label. Edits stay in a draft until Save.
import { COMMAND_KEYS, isCommandKey } from '../../../shared/hotkeys';
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import { AttributeDefsEditor } from './AttributeDefsEditor';

export type LabelDraft = Omit<Label, 'id' | 'order'> & { id: number | null };

/** Whether the draft's hotkey is one a command owns (the form says so and Save waits for another key). */
export const hasCommandKey = (draft: LabelDraft): boolean => draft.hotkey !== null && isCommandKey(draft.hotkey);

export function LabelForm({ draft, setDraft }: { draft: LabelDraft; setDraft: (d: LabelDraft) => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="label-form">
      <div className="field-pair">
        <div className="field">
          <label htmlFor="label-nameZh">{t('labels.nameZh')}</label>
          <input id="label-nameZh" className="input" value={draft.nameZh} onChange={(e) => setDraft({ ...draft, nameZh: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="label-nameEn">{t('labels.nameEn')}</label>
          <input id="label-nameEn" className="input" value={draft.nameEn} onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })} />
        </div>
      </div>
      <div className="field-pair">
        <div className="field">
          <label htmlFor="label-key">{t('labels.key')}</label>
          <input id="label-key" className="input mono" value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.target.value.toUpperCase() })} />
        </div>
        <div className="field">
          <label htmlFor="label-hotkey">{t('labels.hotkey')}</label>
          <input
            id="label-hotkey"
            className="input mono"
            maxLength={1}
            aria-invalid={hasCommandKey(draft)}
            aria-describedby={hasCommandKey(draft) ? 'label-hotkey-problem' : undefined}
            value={draft.hotkey ?? ''}
            onChange={(e) => setDraft({ ...draft, hotkey: e.target.value.toLowerCase() || null })}
          />
        </div>
        <div className="field">
          <label htmlFor="label-color">{t('labels.color')}</label>
          <div className="color-field">
            <input id="label-color" type="color" value={draft.color} onChange={(e) => setDraft({ ...draft, color: e.target.value })} />
            <input
              className="input mono"
              aria-label={`${t('labels.color')} hex`}
              value={draft.color}
              onChange={(e) => setDraft({ ...draft, color: e.target.value })}
            />
          </div>
        </div>
      </div>
      {draft.hotkey && hasCommandKey(draft) && (
        <p className="hint error-text" id="label-hotkey-problem" role="alert">
          {t('labels.commandKey', { key: draft.hotkey.toUpperCase(), command: COMMAND_KEYS[draft.hotkey][lang] })}
        </p>
      )}
      <div className="label-preview" style={{ '--chip': draft.color } as React.CSSProperties}>
        <span className="label-preview-sample">
          <span className="label-dot" style={{ background: draft.color }} /> {draft.nameZh || '—'} · {draft.nameEn || '—'}
        </span>
      </div>
      <LabelGuidanceFields draft={draft} setDraft={setDraft} />
      <AttributeDefsEditor defs={draft.attributes} onChange={(attributes) => setDraft({ ...draft, attributes })} />
    </div>
  );
}

/** What the label means for coders: its description in both languages and examples, one a line. */
function LabelGuidanceFields({ draft, setDraft }: { draft: LabelDraft; setDraft: (d: LabelDraft) => void }) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor="label-descriptionZh">{t('labels.descriptionZh')}</label>
        <textarea
          id="label-descriptionZh"
          className="input"
          maxLength={5000}
          value={draft.descriptionZh}
          onChange={(e) => setDraft({ ...draft, descriptionZh: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="label-descriptionEn">{t('labels.descriptionEn')}</label>
        <textarea
          id="label-descriptionEn"
          className="input"
          maxLength={5000}
          value={draft.descriptionEn}
          onChange={(e) => setDraft({ ...draft, descriptionEn: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="label-examples">{t('labels.examples')}</label>
        {/* Lines as typed (blank ones too, so Enter works); Save keeps the non-blank ones. */}
        <textarea
          id="label-examples"
          className="input"
          value={draft.examples.join('\n')}
          onChange={(e) => setDraft({ ...draft, examples: e.target.value.split('\n') })}
        />
      </div>
    </>
  );
}
