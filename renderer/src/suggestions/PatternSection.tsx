// Patterns in the Suggestions panel: each one on or off, edited (shipped ones too), created and
// deleted (the user's own), and tried on the open document before it is saved.
import { useEffect, useState, type MutableRefObject } from 'react';
import type { Pattern } from '../../../shared/api/suggestions';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { PatternForm } from './PatternForm';
import { forgetSourceNames } from './sourceNames';

interface Props {
  session: DocSession | null;
  reader: MutableRefObject<ReaderHandle | null> | null;
  changed: () => void;
}

/** 'new' while a pattern is being created, its id while one is edited. */
type Editing = number | 'new' | null;

export function PatternSection({ session, reader, changed }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Editing>(null);
  const { patterns, saved, toggle, remove } = usePatterns(() => {
    forgetSourceNames();
    changed();
  });
  const form = (pattern: Pattern | null) => (
    <PatternForm
      key={pattern?.id ?? 'new'}
      pattern={pattern}
      session={session}
      reader={reader}
      onSaved={(p) => {
        saved(p);
        setEditing(null);
      }}
      onCancel={() => setEditing(null)}
    />
  );
  return (
    <section aria-labelledby="suggest-patterns">
      <div className="suggest-section-head">
        <h3 id="suggest-patterns">{t('suggest.patterns')}</h3>
        <button type="button" className="button button-small" disabled={editing === 'new'} onClick={() => setEditing('new')}>
          {t('suggest.pattern.new')}
        </button>
      </div>
      {editing === 'new' && form(null)}
      <ul className="suggest-list">
        {patterns.map((p) => (
          <li key={p.id}>
            <PatternRow
              pattern={p}
              editing={editing === p.id}
              toggle={(on) => toggle(p, on)}
              edit={() => setEditing(editing === p.id ? null : p.id)}
              remove={() => remove(p, () => editing === p.id && setEditing(null))}
            />
            {editing === p.id && form(p)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The project's patterns; `changed` runs after each change the server accepted. */
function usePatterns(changed: () => void) {
  const { t } = useI18n();
  const toast = useToast();
  const [patterns, setPatterns] = useState<Pattern[]>([]);
  useEffect(() => {
    void callOrThrow('patterns:list', {}).then(setPatterns, () => setPatterns([]));
  }, []);
  const put = (p: Pattern) => setPatterns((list) => (list.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [...list, p]));
  const saved = (p: Pattern) => {
    put(p);
    changed();
  };
  // The box follows the click at once; a refused change puts it back.
  const toggle = (p: Pattern, enabled: boolean) => {
    put({ ...p, enabled });
    void callOrThrow('patterns:update', { id: p.id, changes: { enabled } }).then(saved, (e) => {
      put(p);
      toast.error(errorMessage(e));
    });
  };
  const remove = (p: Pattern, then: () => void) => {
    if (!window.confirm(t('suggest.pattern.deleteConfirm', { name: p.name }))) return;
    void callOrThrow('patterns:delete', { id: p.id }).then(
      () => {
        setPatterns((list) => list.filter((x) => x.id !== p.id));
        then();
        changed();
      },
      (e) => toast.error(errorMessage(e)),
    );
  };
  return { patterns, saved, toggle, remove };
}

interface RowProps {
  pattern: Pattern;
  editing: boolean;
  toggle: (on: boolean) => void;
  edit: () => void;
  remove: () => void;
}

function PatternRow({ pattern: p, editing, toggle, edit, remove }: RowProps) {
  const { t } = useI18n();
  return (
    <div className="suggest-row" title={p.regex}>
      <input type="checkbox" checked={p.enabled} aria-label={t('suggest.pattern.enable', { name: p.name })} onChange={(e) => toggle(e.target.checked)} />
      <span className="suggest-name">{p.name}</span>
      <span className="suggest-regex">{p.labelKey}</span>
      {p.builtIn && <span className="suggest-muted">{t('suggest.builtIn')}</span>}
      <button type="button" className="link-button" aria-expanded={editing} aria-label={t('suggest.pattern.editNamed', { name: p.name })} onClick={edit}>
        {t('suggest.pattern.edit')}
      </button>
      {!p.builtIn && (
        <button type="button" className="link-button" aria-label={t('suggest.pattern.deleteNamed', { name: p.name })} onClick={remove}>
          {t('common.delete')}
        </button>
      )}
    </div>
  );
}
