// Gazetteers in the Suggestions panel: each one on or off, with its terms per label; import a new
// one (GazetteerImportDialog) or remove one.
import { useCallback, useEffect, useState } from 'react';
import type { Gazetteer } from '../../../shared/api/suggestions';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { GazetteerImportDialog } from './GazetteerImportDialog';
import { forgetSourceNames } from './sourceNames';

export function GazetteerSection({ changed, readOnly }: { changed: () => void; readOnly: boolean }) {
  const { t } = useI18n();
  const [importing, setImporting] = useState(false);
  const { list, load, toggle, remove } = useGazetteers(changed);
  return (
    <section aria-labelledby="suggest-gazetteers">
      <div className="suggest-section-head">
        <h3 id="suggest-gazetteers">{t('suggest.gazetteers')}</h3>
        <button type="button" className="button button-small" disabled={readOnly} onClick={() => setImporting(true)}>
          {t('suggest.gazetteer.importButton')}
        </button>
      </div>
      {list.length === 0 && <p className="suggest-muted">{t('suggest.gazetteers.none')}</p>}
      <ul className="suggest-list">
        {list.map((g) => (
          <GazetteerRow key={g.id} gazetteer={g} toggle={(on) => toggle(g, on)} remove={() => remove(g)} />
        ))}
      </ul>
      {importing && (
        <GazetteerImportDialog
          onImported={() => {
            load();
            forgetSourceNames();
            changed();
          }}
          onClose={() => setImporting(false)}
        />
      )}
    </section>
  );
}

/** The project's gazetteers, switched on or off and removed here; the open document's suggestions follow. */
function useGazetteers(changed: () => void) {
  const { t } = useI18n();
  const toast = useToast();
  const [list, setList] = useState<Gazetteer[]>([]);
  const load = useCallback(() => void callOrThrow('gazetteers:list', {}).then(setList, () => setList([])), []);
  useEffect(load, [load]);
  const after = () => {
    forgetSourceNames();
    changed();
  };
  const put = (g: Gazetteer) => setList((l) => l.map((x) => (x.id === g.id ? g : x)));
  // The box follows the click at once; a refused change puts it back.
  const toggle = (g: Gazetteer, enabled: boolean) => {
    put({ ...g, enabled });
    void callOrThrow('gazetteers:update', { id: g.id, enabled }).then(
      (updated) => {
        put(updated);
        after();
      },
      (e) => {
        put(g);
        toast.error(errorMessage(e));
      },
    );
  };
  const remove = (g: Gazetteer) => {
    if (!window.confirm(t('suggest.gazetteer.deleteConfirm', { name: g.name, count: g.terms }))) return;
    void callOrThrow('gazetteers:delete', { id: g.id }).then(
      () => {
        setList((l) => l.filter((x) => x.id !== g.id));
        after();
      },
      (e) => toast.error(errorMessage(e)),
    );
  };
  return { list, load, toggle, remove };
}

function GazetteerRow({ gazetteer: g, toggle, remove }: { gazetteer: Gazetteer; toggle: (on: boolean) => void; remove: () => void }) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const nameOf = (key: string) => {
    const label = labels.find((l) => l.key === key);
    return label ? labelName(label) : key;
  };
  return (
    <li className="suggest-row" data-testid="gazetteer-row">
      <input type="checkbox" checked={g.enabled} aria-label={t('suggest.gazetteer.enable', { name: g.name })} onChange={(e) => toggle(e.target.checked)} />
      <span className="suggest-name">
        {g.name}
        <span className="suggest-muted suggest-by-label">{g.byLabel.map((b) => `${nameOf(b.labelKey)} ${b.terms}`).join(' · ')}</span>
      </span>
      <span className="suggest-count">{t('suggest.terms', { count: g.terms })}</span>
      <button type="button" className="link-button" aria-label={t('suggest.gazetteer.deleteNamed', { name: g.name })} onClick={remove}>
        {t('common.delete')}
      </button>
    </li>
  );
}
