// Right pane: tabs for the span list (with the selected span's attributes), document metadata,
// and review mode.
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, type MutableRefObject } from 'react';
import type { DocumentStatus } from '../../../shared/model';
import { useSessionVersion } from '../hooks/useSessionVersion';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { DocSession } from '../state/docSession';
import type { ListQuery } from '../hooks/useDocumentList';
// Not lazy: a lazy panel's first reveal waits out React's Suspense throttle (300 ms), most of the
// adjudication view's first open (bench/analysis.md).
import { AdjudicationPanel } from './AdjudicationPanel';
import { MetadataPanel } from './MetadataPanel';
import { ReviewPanel } from './ReviewPanel';
import { SpanDetail } from './SpanDetail';
import { SpanList } from './SpanList';
import { SUGGESTIONS_EVENT } from '../suggestions/suggestionCommands';
import { SuggestionsTab } from '../suggestions/SuggestionsTab';
import { EntitiesTab, useEntitiesEvent } from '../entities/EntitiesTab';

// 'adjudicate' has no tab of its own: the reader header's Adjudicate button opens it (ADJUDICATE_EVENT);
// nor has 'suggestions' (a seventh tab would wrap the row): the suggestion bar's Sources button opens it (SUGGESTIONS_EVENT);
// nor 'entities': the reader header's Entities & relations button, Alt+E or a span's entity chip open it (ENTITIES_EVENT).
export type PanelTab = 'spans' | 'document' | 'review' | 'overview' | 'guidelines' | 'agreement' | 'entities' | 'suggestions' | 'adjudicate';
export const ADJUDICATE_EVENT = 'biaozhu:adjudicate';

interface Props {
  session: DocSession | null;
  reader: MutableRefObject<ReaderHandle | null>;
  tab: PanelTab;
  setTab: (tab: PanelTab) => void;
  reviewMode: boolean;
  setReviewMode: (on: boolean) => void;
  setStatus: (status: DocumentStatus) => void;
  /** The overview's rows filter the document list. */
  filterList: (patch: Partial<ListQuery>) => void;
  /** The agreement tab's heat map opens documents. */
  openDocument: (id: number) => void;
}

// Loaded when first shown: the reader paints before their code is evaluated.
const GuidelinesPanel = lazy(() => import('./GuidelinesPanel').then((m) => ({ default: m.GuidelinesPanel })));
const OverviewPanel = lazy(() => import('./OverviewPanel').then((m) => ({ default: m.OverviewPanel })));
const AgreementPanel = lazy(() => import('./AgreementPanel').then((m) => ({ default: m.AgreementPanel })));

const TABS: PanelTab[] = ['spans', 'document', 'review', 'overview', 'guidelines', 'agreement'];
/** The names of the panels without a tab of their own. */
const UNTABBED_LABELS = { adjudicate: 'adjudication.title', entities: 'panel.entities', suggestions: 'panel.suggestions' } as const;

export function RightPanel({ session: current, reader, tab, setTab, reviewMode, setReviewMode, setStatus, filterList, openDocument }: Props) {
  const { t } = useI18n();
  // A newly opened document shows in the reader first; the 5,000-row span list may follow.
  const session = useDeferredValue(current);
  const version = useSessionVersion(session);
  useAdjudicateEvent(setTab);
  const entityFocus = useEntitiesEvent(useCallback(() => setTab('entities'), [setTab]));
  const onTabKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    e.stopPropagation();
    const next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    setTab(next);
    requestAnimationFrame(() => (document.getElementById(`tab-${next}`) as HTMLElement | null)?.focus());
  };
  return (
    <aside className="right-panel" aria-label={t('panel.regions')}>
      <div className="tabs" role="tablist" aria-label={t('panel.regions')} onKeyDown={onTabKey}>
        {TABS.map((id) => (
          <button
            key={id}
            id={`tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={`tabpanel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={`tab${tab === id ? ' is-on' : ''}`}
            onClick={() => {
              setTab(id);
              if (id === 'review' && !reviewMode) setReviewMode(true);
              if (id !== 'review' && reviewMode) setReviewMode(false);
            }}
          >
            {t(`panel.${id}`)}
            {id === 'spans' && session ? <span className="tab-count">{session.anns.size}</span> : null}
          </button>
        ))}
      </div>
      <div
        className="tab-panel"
        role="tabpanel"
        id={`tabpanel-${tab}`}
        {...(TABS.includes(tab) ? { 'aria-labelledby': `tab-${tab}` } : { 'aria-label': t(UNTABBED_LABELS[tab as keyof typeof UNTABBED_LABELS]) })}
      >
        {tab === 'adjudicate' ? (
          session && (
            <Suspense fallback={null}>
              <AdjudicationPanel key={session.doc.id} session={session} reader={reader} close={() => setTab('spans')} />
            </Suspense>
          )
        ) : tab === 'overview' ? (
          <Suspense fallback={null}>
            <OverviewPanel filterList={filterList} />
          </Suspense>
        ) : tab === 'agreement' ? (
          <Suspense fallback={null}>
            <AgreementPanel openDocument={openDocument} />
          </Suspense>
        ) : tab === 'entities' ? (
          <EntitiesTab session={session} openDocument={openDocument} focus={entityFocus} />
        ) : tab === 'suggestions' ? (
          <SuggestionsTab session={session} reader={reader} />
        ) : tab === 'guidelines' ? (
          <Suspense fallback={null}>
            <GuidelinesPanel />
          </Suspense>
        ) : !session ? null : tab === 'spans' ? (
          <>
            <SpanDetail session={session} version={version} />
            <SpanList session={session} reader={reader} version={version} />
          </>
        ) : tab === 'document' ? (
          <MetadataPanel key={session.doc.id} session={session} reader={reader} />
        ) : (
          <ReviewPanel session={session} reader={reader} version={version} reviewMode={reviewMode} setReviewMode={setReviewMode} setStatus={setStatus} />
        )}
      </div>
    </aside>
  );
}

/** The reader header's Adjudicate button opens the adjudication view here, the suggestion bar's Sources button the Suggestions panel. */
function useAdjudicateEvent(setTab: (tab: PanelTab) => void): void {
  useEffect(() => {
    const open = () => setTab('adjudicate');
    const openSuggestions = () => setTab('suggestions');
    window.addEventListener(ADJUDICATE_EVENT, open);
    window.addEventListener(SUGGESTIONS_EVENT, openSuggestions);
    return () => {
      window.removeEventListener(ADJUDICATE_EVENT, open);
      window.removeEventListener(SUGGESTIONS_EVENT, openSuggestions);
    };
  }, [setTab]);
}
