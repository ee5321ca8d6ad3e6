// The corpus search results: options, counts (per year as a bar row), the concordance, and label
// all. It covers the workbench while open; the reader stays mounted beneath it.
import { useCallback, useEffect, useMemo, useState, type Dispatch, type KeyboardEvent, type SetStateAction } from 'react';
import type { SearchHit } from '../../../shared/api/search';
import { labelKeys } from '../../../shared/hotkeys';
import type { Label } from '../../../shared/model';
import { useLocalStorage } from '../hooks/useLocalStorage';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { matches } from '../state/keys';
import { Concordance, type Checked } from './Concordance';
import { LabelAllBar } from './LabelAllBar';
import { SearchCounts } from './SearchCounts';
import { ConcordanceView, DEFAULT_OPTIONS, SearchOptions, concordanceRequest, type SearchOptionsValue } from './SearchOptions';
import { useLabelAll } from './useLabelAll';
import type { CorpusSearch } from './useCorpusSearch';
import { hitKey, useSearchResults, type SearchResults } from './useSearchResults';
import '../styles/search.css';

const NONE_CHECKED: Checked = { all: false, keys: new Map() };

export function SearchPanel({ search }: { search: CorpusSearch }) {
  const { query, openHit, close, spansChanged } = search;
  const { t } = useI18n();
  const { labels, labelById } = useAppState();
  const [options, setOptions] = useLocalStorage<SearchOptionsValue>('biaozhu.searchOptions', DEFAULT_OPTIONS);
  const request = useMemo(() => concordanceRequest(query, { ...DEFAULT_OPTIONS, ...options }), [query, options]);
  const results = useSearchResults(request);
  const [checked, setChecked] = useState<Checked>(NONE_CHECKED);
  useEffect(() => setChecked(NONE_CHECKED), [request]);
  const [labelId, setLabelId] = useState<number | null>(labels[0]?.id ?? null);
  useEffect(() => {
    if (labelId === null || !labels.some((l) => l.id === labelId)) setLabelId(labels[0]?.id ?? null);
  }, [labels, labelId]);

  const { refresh } = results;
  const changed = useCallback(
    (documentIds: number[] | null) => {
      refresh();
      spansChanged(documentIds);
    },
    [refresh, spansChanged],
  );
  const labelAll = useLabelAll(changed);
  const startLabelAll = () => {
    if (!request || labelId === null) return;
    const hits = checked.all || checked.keys.size === 0 ? 'all' : [...checked.keys.values()].map(({ documentId, start, end }) => ({ documentId, start, end }));
    void labelAll.preview(request.search, hits, labelId);
  };
  const onKey = usePanelKeys(labels, setLabelId, labelAll.undo, labelAll.redo, labelAll.plan ? labelAll.cancel : close);

  return (
    <section className="search-panel" hidden={!search.shown} aria-label={t('search.title')} onKeyDown={onKey}>
      <header className="search-head">
        <h2 className="search-title">
          {t('search.title')}
          {query && <q lang="zh-CN">{query}</q>}
        </h2>
        <SearchCounts results={results} request={request} />
        <button type="button" className="button button-ghost search-close" onClick={close} title={t('search.close')}>
          {t('search.close')} <kbd>Esc</kbd>
        </button>
      </header>
      <SearchOptions value={{ ...DEFAULT_OPTIONS, ...options }} onChange={setOptions} />
      <LabelAllBar
        labels={labels}
        labelId={labelId}
        setLabelId={setLabelId}
        checkedCount={checked.all ? 0 : checked.keys.size}
        total={results.counts?.hits ?? null}
        disabled={!request || results.rowCount === 0}
        onLabel={startLabelAll}
        plan={labelAll.plan}
        busy={labelAll.busy}
        onConfirm={() => void labelAll.confirm()}
        onCancel={labelAll.cancel}
        notice={labelAll.notice}
        onUndo={() => void labelAll.undo()}
        onRedo={() => void labelAll.redo()}
      >
        <ConcordanceView value={{ ...DEFAULT_OPTIONS, ...options }} onChange={setOptions} />
      </LabelAllBar>
      <SearchBody results={results} hasRequest={request !== null} labelById={labelById} checked={checked} setChecked={setChecked} onOpen={openHit} />
      <p className="search-keys muted">{t('search.keysHint')}</p>
    </section>
  );
}

interface BodyProps {
  results: SearchResults;
  hasRequest: boolean;
  labelById: Map<number, Label>;
  checked: Checked;
  setChecked: Dispatch<SetStateAction<Checked>>;
  onOpen: (hit: SearchHit) => void;
}

/** The concordance, or why there is none (an error, nothing asked, no hits). */
function SearchBody({ results, hasRequest, labelById, checked, setChecked, onOpen }: BodyProps) {
  const { t } = useI18n();
  const toggle = useCallback(
    (hit: SearchHit) =>
      setChecked((c) => {
        const keys = new Map(c.keys);
        if (!keys.delete(hitKey(hit))) keys.set(hitKey(hit), hit);
        return { all: false, keys };
      }),
    [setChecked],
  );
  return (
    <>
      {results.error && (
        <p className="search-error" role="alert">
          {results.error}
        </p>
      )}
      {!hasRequest ? (
        <p className="empty-note">{t('search.empty')}</p>
      ) : results.firstPageLoaded && results.rowCount === 0 ? (
        <p className="empty-note">{t('search.none')}</p>
      ) : (
        <Concordance
          results={results}
          labelById={labelById}
          checked={checked}
          toggle={toggle}
          toggleAll={() => setChecked((c) => ({ all: !c.all, keys: new Map() }))}
          onOpen={onOpen}
        />
      )}
    </>
  );
}

/**
 * Keys while the panel has focus: a label's key picks it, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and
 * redo label-all batches, Escape closes the preview or goes back to the document. Other single keys stay in the panel,
 * so the hidden reader's commands (Delete, J/K …) never act behind it.
 */
function usePanelKeys(labels: Label[], setLabelId: (id: number) => void, undo: () => void, redo: () => void, onEscape: () => void) {
  const keys = useMemo(() => labelKeys(labels), [labels]);
  return (e: KeyboardEvent<HTMLElement>) => {
    const native = e.nativeEvent;
    const typing = e.target instanceof HTMLInputElement && !['checkbox', 'range'].includes(e.target.type);
    const handled = (): void => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (e.key === 'Escape') return (handled(), onEscape());
    if (typing || e.target instanceof HTMLSelectElement) return;
    if (matches('Mod+z', native)) return (handled(), undo());
    if (matches('Mod+Shift+z', native) || matches('Mod+y', native)) return (handled(), redo());
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const label = labels.find((l) => keys.get(l.id)?.includes(e.key.toLowerCase()));
    if (label) return (handled(), setLabelId(label.id));
    if (e.key.length === 1 || e.key === 'Delete' || e.key === 'Backspace') e.stopPropagation();
  };
}
