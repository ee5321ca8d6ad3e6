// Ctrl/Cmd+K: fuzzy list of every command with its keys; Enter runs the highlighted one.
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import type { Command } from '../state/commands';
import { formatKey } from '../state/keys';

function score(title: string, query: string): number {
  if (!query) return 1;
  const hay = title.toLowerCase();
  const q = query.toLowerCase();
  const at = hay.indexOf(q);
  if (at !== -1) return 100 - at;
  // Subsequence match: every query character in order.
  let i = 0;
  for (const ch of hay) if (ch === q[i]) i++;
  return i === q.length ? 10 : 0;
}

export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose: () => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const items = useMemo(
    () =>
      commands
        .filter((c) => !c.paletteHidden)
        .map((c) => ({ c, s: score(`${c.title} ${c.id}`, query) }))
        .filter((x) => x.s > 0)
        .sort((a, b) => b.s - a.s)
        .map((x) => x.c),
    [commands, query],
  );
  const run = (cmd: Command | undefined) => {
    if (!cmd || (cmd.enabled && !cmd.enabled())) return;
    onClose();
    // Run after the palette is gone so focus-dependent commands see the workbench.
    requestAnimationFrame(() => cmd.run());
  };
  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('palette.placeholder')}>
        <input
          className="input palette-input"
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={items[active] ? `cmd-${active}` : undefined}
          placeholder={t('palette.placeholder')}
          aria-label={t('palette.placeholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            else if (e.key === 'Enter') run(items[active]);
            else if (e.key === 'Escape') onClose();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        <ul className="palette-list" id="palette-list" role="listbox" aria-label={t('palette.placeholder')}>
          {items.length === 0 && <li className="palette-empty">{t('palette.empty')}</li>}
          {items.map((cmd, i) => {
            const disabled = cmd.enabled ? !cmd.enabled() : false;
            return (
              <li
                key={cmd.id}
                id={`cmd-${i}`}
                role="option"
                aria-selected={i === active}
                aria-disabled={disabled || undefined}
                className={`palette-item${i === active ? ' is-active' : ''}${disabled ? ' is-disabled' : ''}`}
                onMouseMove={() => setActive(i)}
                onClick={() => run(cmd)}
              >
                <span>{cmd.title}</span>
                <span className="palette-keys">
                  {cmd.keys.slice(0, 2).map((k) => (
                    <kbd key={k}>{formatKey(k)}</kbd>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
