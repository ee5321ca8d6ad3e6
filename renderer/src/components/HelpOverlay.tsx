// '?' : the key map, generated from the same command list the keymap uses, and the labels' keys
// with their guidelines.
import { labelKeys } from '../../../shared/hotkeys';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { GROUP_ORDER, type Command } from '../state/commands';
import { formatKey } from '../state/keys';
import { guidelineText } from './labelGuideline';
import { Modal } from './Modal';

export function HelpOverlay({ commands, onClose }: { commands: Command[]; onClose: () => void }) {
  const { t, lang, labelName } = useI18n();
  const { labels } = useAppState();
  const keys = labelKeys(labels);
  return (
    <Modal title={t('help.title')} onClose={onClose} wide className="help-overlay">
      <p className="muted">{t('help.intro')}</p>
      <div className="help-grid">
        {GROUP_ORDER.map((group) => {
          // Commands sharing a title (J and Tab both step spans) show as one row with all keys.
          const byTitle = new Map<string, string[]>();
          for (const c of commands) {
            if (c.group !== group || c.keys.length === 0) continue;
            byTitle.set(c.title, [...(byTitle.get(c.title) ?? []), ...c.keys]);
          }
          const rows = [...byTitle].map(([title, keys]) => ({ title, keys: [...new Set(keys)] }));
          if (rows.length === 0) return null;
          return (
            <section key={group} className="help-group">
              <h3 className="section-title">{t(`help.group.${group}`)}</h3>
              <table className="keymap">
                <tbody>
                  {rows.map((c) => {
                    return (
                      <tr key={c.title}>
                        <td className="keymap-keys">
                          {c.keys.map((k) => (
                            <kbd key={k}>{formatKey(k)}</kbd>
                          ))}
                        </td>
                        <td>{c.title}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          );
        })}
        {labels.length > 0 && (
          <section className="help-group help-labels">
            <h3 className="section-title">{t('help.labels')}</h3>
            <table className="keymap">
              <tbody>
                {labels.map((label) => (
                  <tr key={label.id}>
                    <td className="keymap-keys">
                      {(keys.get(label.id) ?? []).map((k) => (
                        <kbd key={k}>{k.toUpperCase()}</kbd>
                      ))}
                    </td>
                    <td>
                      <strong>{labelName(label)}</strong> {guidelineText(label, lang)}
                      {label.examples.length > 0 && <> — {label.examples.join(lang === 'zh' ? '、' : ', ')}</>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
    </Modal>
  );
}
