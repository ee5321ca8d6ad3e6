// The corpus search results: options, counts (per year as a bar row), the concordance, and label
// all. It covers the workbench while open; the reader stays mounted beneath it.
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type KeyboardEvent, type SetStateAction } from 'react';
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
import { ConsistencyView } from './ConsistencyView';
import { IndexProgress } from './IndexProgress';
import type { CorpusSearch, SearchMode } from './useCorpusSearch';
import { hitKey, useSearchResults, type ConcordanceRequest, type SearchResults } from './useSearchResults';
import '../styles/search.css';

const NONE_CHECKED: Checked = { all: false, keys: new Map() };

export function SearchPanel({ search }: { search: CorpusSearch }) {
  const { t } = useI18n();
  const { labels, labelById } = useAppState();
  const [stored, setOptions] = useLocalStorage<SearchOptionsValue>('biaozhu.searchOptions', DEFAULT_OPTIONS);
  const options = useMemo(() => ({ ...DEFAULT_OPTIONS, ...stored }), [stored]);
  const request = useMemo(() => concordanceRequest(search.query, options), [search.query, options]);
  const results = useSearchResults(request);
  const [checked, setChecked] = useState<Checked>(NONE_CHECKED);
  useEffect(() => setChecked(NONE_CHECKED), [request]);
  useRefreshWhenShown(search.shown, results.refresh);
  const panel = usePanelLabelAll({ request, checked, labels, refresh: results.refresh, spansChanged: search.spansChanged });
  const { labelAll } = panel;
  const onKey = usePanelKeys(labels, panel.setLabelId, labelAll.undo, labelAll.redo, labelAll.plan ? labelAll.cancel : search.close);
  const { submit } = search;
  const showMention = useCallback(
    (mention: string, unlabelledOnly: boolean, label = '') => {
      setOptions((prev) => ({ ...DEFAULT_OPTIONS, ...prev, regex: false, label, unlabelled: unlabelledOnly }));
      submit(mention);
    },
    [setOptions, submit],
  );
  useMentionRequest(search, showMention);
  const concordance = search.mode === 'concordance';

  return (
    <section className="search-panel" hidden={!search.shown} aria-label={t('search.title')} onKeyDown={onKey}>
      <header className="search-head">
        <h2 className="search-title">
          {t('search.title')}
          {concordance && search.query && <q lang="zh-CN">{search.query}</q>}
        </h2>
        <ModeTabs mode={search.mode} setMode={search.setMode} />
        {concordance ? <SearchCounts results={results} request={request} /> : <span className="search-counts" />}
        <button type="button" className="button button-ghost search-close" onClick={search.close} title={t('search.close')}>
          {t('search.close')} <kbd>Esc</kbd>
        </button>
      </header>
      <IndexProgress shown={search.shown} recheck={request} />
      {concordance ? (
        <>
          <SearchOptions value={options} onChange={setOptions} />
          <LabelAllBar
            labels={labels}
            labelId={panel.labelId}
            setLabelId={panel.setLabelId}
            checkedCount={checked.all ? 0 : checked.keys.size}
            total={results.counts?.hits ?? null}
            disabled={!request || results.rowCount === 0}
            onLabel={panel.start}
            plan={labelAll.plan}
            busy={labelAll.busy}
            onConfirm={() => void labelAll.confirm()}
            onCancel={labelAll.cancel}
            notice={labelAll.notice}
            onUndo={() => void labelAll.undo()}
            onRedo={() => void labelAll.redo()}
          >
            <ConcordanceView value={options} onChange={setOptions} />
          </LabelAllBar>
          <SearchBody results={results} hasRequest={request !== null} labelById={labelById} checked={checked} setChecked={setChecked} onOpen={search.openHit} />
          <p className="search-keys muted">{t('search.keysHint')}</p>
        </>
      ) : (
        <ConsistencyView labels={labels} onShow={showMention} version={search.shown ? 1 : 0} />
      )}
    </section>
  );
}

function ModeTabs({ mode, setMode }: { mode: SearchMode; setMode: (mode: SearchMode) => void }) {
  const { t } = useI18n();
  return (
    <div className="search-modes" role="tablist">
      {(['concordance', 'consistency'] as const).map((m) => (
        <button key={m} type="button" role="tab" aria-selected={mode === m} className={`search-mode${mode === m ? ' is-on' : ''}`} onClick={() => setMode(m)}>
          {t(`search.mode.${m}`)}
        </button>
      ))}
    </div>
  );
}

/** A mention asked for from outside the panel (the span detail, the palette): its occurrences, once. */
function useMentionRequest({ mentionRequest, mentionHandled }: CorpusSearch, showMention: (mention: string, unlabelledOnly: boolean, label?: string) => void) {
  useEffect(() => {
    if (!mentionRequest) return;
    showMention(mentionRequest.mention, mentionRequest.unlabelledOnly, mentionRequest.label);
    mentionHandled();
  }, [mentionRequest, mentionHandled, showMention]);
}

/** Spans may have changed in the reader while the panel was hidden: shown again, it asks again. */
function useRefreshWhenShown(shown: boolean, refresh: () => void) {
  const wasShown = useRef(shown);
  useEffect(() => {
    if (shown && !wasShown.current) refresh();
    wasShown.current = shown;
  }, [shown, refresh]);
}

interface LabelAllDeps {
  request: ConcordanceRequest | null;
  checked: Checked;
  labels: Label[];
  refresh: () => void;
  spansChanged: (documentIds: number[] | null) => void;
}

/** The label chosen for label all, and label all over the checked hits (or every hit). */
function usePanelLabelAll({ request, checked, labels, refresh, spansChanged }: LabelAllDeps) {
  const [labelId, setLabelId] = useState<number | null>(labels[0]?.id ?? null);
  useEffect(() => {
    if (labelId === null || !labels.some((l) => l.id === labelId)) setLabelId(labels[0]?.id ?? null);
  }, [labels, labelId]);
  const changed = useCallback(
    (documentIds: number[] | null) => {
      refresh();
      spansChanged(documentIds);
    },
    [refresh, spansChanged],
  );
  const labelAll = useLabelAll(changed);
  const start = () => {
    if (!request || labelId === null) return;
    const hits = checked.all || checked.keys.size === 0 ? 'all' : [...checked.keys.values()].map(({ documentId, start, end }) => ({ documentId, start, end }));
    void labelAll.preview(request.search, hits, labelId);
  };
  return { labelId, setLabelId, labelAll, start };
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
        // Unchecking one line of "all" keeps the other lines loaded so far checked.
        const keys = c.all ? loadedHits(results) : new Map(c.keys);
        if (!keys.delete(hitKey(hit))) keys.set(hitKey(hit), hit);
        return { all: false, keys };
      }),
    [setChecked, results],
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

function loadedHits(results: SearchResults): Map<string, SearchHit> {
  const hits = new Map<string, SearchHit>();
  for (let i = 0; i < results.loaded; i++) {
    const hit = results.hitAt(i);
    if (hit) hits.set(hitKey(hit), hit);
  }
  return hits;
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
