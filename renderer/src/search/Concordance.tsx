// The keyword-in-context lines: left context right-aligned, the hit, right context left-aligned, so
// every hit starts in the same column; the label of a span on the hit, and the document's title,
// date and source. Only the rows in view exist (VirtualList); their pages load as they come into view.
import { memo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../shared/api/search';
import type { Label } from '../../../shared/model';
import { VirtualList, type VirtualListHandle } from '../components/VirtualList';
import { useI18n } from '../i18n';
import { hitKey, type SearchResults } from './useSearchResults';

export const ROW_HEIGHT = 30;

export interface Checked {
  all: boolean;
  keys: Map<string, SearchHit>;
}

interface Props {
  results: SearchResults;
  labelById: Map<number, Label>;
  checked: Checked;
  toggle: (hit: SearchHit) => void;
  toggleAll: () => void;
  onOpen: (hit: SearchHit) => void;
}

export function Concordance({ results, labelById, checked, toggle, toggleAll, onOpen }: Props) {
  const { t } = useI18n();
  const [active, setActive] = useState(0);
  const list = useRef<VirtualListHandle>(null);
  const activeIndex = Math.min(active, Math.max(0, results.rowCount - 1));
  const move = (index: number) => {
    const next = Math.max(0, Math.min(results.rowCount - 1, index));
    setActive(next);
    list.current?.scrollToIndex(next);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const hit = results.hitAt(activeIndex);
    const page = Math.floor(480 / ROW_HEIGHT);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves && !e.ctrlKey && !e.metaKey) move(activeIndex + moves[e.key]);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(results.rowCount - 1);
    else if (e.key === 'Enter' && hit) onOpen(hit);
    else if (e.key === ' ' && hit) toggle(hit);
    else return; // label keys and undo are the panel's
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="concordance">
      <div className="concordance-head" role="presentation">
        <input type="checkbox" aria-label={t('search.checkAll')} checked={checked.all} onChange={toggleAll} />
        <span />
        <span className="concordance-head-kwic">{t('search.col.concordance')}</span>
        <span>{t('search.col.document')}</span>
        <span>{t('search.col.date')}</span>
        <span>{t('search.col.source')}</span>
      </div>
      <VirtualList
        handle={list}
        className="concordance-lines"
        count={results.rowCount}
        rowHeight={ROW_HEIGHT}
        onRange={results.showRange}
        role="listbox"
        label={t('search.concordance')}
        tabIndex={0}
        activeDescendant={results.rowCount ? `kwic-${activeIndex}` : undefined}
        onKeyDown={onKeyDown}
        renderRow={(i) => {
          const hit = results.hitAt(i);
          if (!hit) return <LoadingLine key={`loading-${i}`} index={i} />;
          return (
            <ConcordanceLine
              key={i}
              index={i}
              hit={hit}
              active={i === activeIndex}
              checked={checked.all || checked.keys.has(hitKey(hit))}
              label={hit.spans.length ? labelById.get(hit.spans[0].labelId) : undefined}
              onClick={() => setActive(i)}
              onToggle={() => toggle(hit)}
              onOpen={() => onOpen(hit)}
            />
          );
        }}
      />
    </div>
  );
}

function LoadingLine({ index }: { index: number }) {
  const { t } = useI18n();
  return (
    <div className="kwic-line is-loading" id={`kwic-${index}`} role="option" aria-selected={false}>
      <span />
      <span />
      <span className="kwic-left" />
      <span className="kwic-hit-right muted">{t('search.loadingRow')}</span>
    </div>
  );
}

interface LineProps {
  index: number;
  hit: SearchHit;
  active: boolean;
  checked: boolean;
  label: Label | undefined;
  onClick: () => void;
  onToggle: () => void;
  onOpen: () => void;
}

/** One line; text is only ever a text node (article text is data, never HTML). */
const ConcordanceLine = memo(function ConcordanceLine({ index, hit, active, checked, label, onClick, onToggle, onOpen }: LineProps) {
  const { t, labelName } = useI18n();
  const style = label ? ({ '--hit-color': label.color } as CSSProperties) : undefined;
  return (
    <div
      className={`kwic-line${active ? ' is-active' : ''}${label ? ' is-labelled' : ''}`}
      id={`kwic-${index}`}
      role="option"
      aria-selected={active}
      aria-checked={checked}
      data-document={hit.documentId}
      onClick={onClick}
      onDoubleClick={onOpen}
      style={style}
    >
      <input type="checkbox" tabIndex={-1} aria-label={t('search.checkHit')} checked={checked} onChange={onToggle} onClick={(e) => e.stopPropagation()} />
      <span className="kwic-label">
        {label && (
          <span className="kwic-chip" title={t('search.labelOnHit', { label: labelName(label) })}>
            <span className="label-dot" style={{ background: label.color }} aria-hidden="true" />
            {labelName(label)}
          </span>
        )}
      </span>
      <span className="kwic-left" lang="zh-CN">
        <span>{hit.left}</span>
      </span>
      <span className="kwic-hit-right" lang="zh-CN">
        <mark className="kwic-hit">{hit.text}</mark>
        <span className="kwic-right">{hit.right}</span>
      </span>
      <span className="kwic-title" title={hit.title}>
        {hit.title}
      </span>
      <span className="kwic-date">{hit.date?.slice(0, 10) ?? ''}</span>
      <span className="kwic-source" title={hit.source ?? ''}>
        {hit.source ?? ''}
      </span>
    </div>
  );
});
