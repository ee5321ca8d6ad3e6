// Ctrl/Cmd+F: find in the document text (not just what is rendered); Enter / Shift+Enter step.
import { useEffect, useMemo, useState, type MutableRefObject } from 'react';
import { useI18n } from '../i18n';
import { FindBarLabelAll } from '../search/FindBarLabelAll';
import type { DocSession } from '../state/docSession';
import type { ReaderHandle } from './Reader';

const MAX_MATCHES = 20000;

function findAll(text: string, query: string): { start: number; end: number }[] {
  if (!query) return [];
  const hay = text.toLowerCase();
  const needle = query.toLowerCase();
  const out: { start: number; end: number }[] = [];
  for (let i = hay.indexOf(needle); i !== -1 && out.length < MAX_MATCHES; i = hay.indexOf(needle, i + needle.length)) {
    out.push({ start: i, end: i + needle.length });
  }
  return out;
}

export function FindBar({ session, reader, onClose }: { session: DocSession; reader: MutableRefObject<ReaderHandle | null>; onClose: () => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const matches = useMemo(() => findAll(session.doc.text, query), [session, query]);

  useEffect(() => {
    const ctl = reader.current?.ctl;
    if (!ctl) return;
    ctl.find.set(matches, ctl.editors.renderedBlocks());
    return () => ctl.find.set([], ctl.editors.renderedBlocks());
  }, [matches, reader]);

  useEffect(() => {
    const ctl = reader.current?.ctl;
    if (!ctl) return;
    const m = matches[current];
    ctl.findCurrent.set(m ? [m] : [], ctl.editors.renderedBlocks());
    if (m) {
      ctl.scrollToOffset(m.start, 'center');
      ctl.findCurrent.set([m], ctl.editors.renderedBlocks());
    }
    return () => ctl.findCurrent.set([], ctl.editors.renderedBlocks());
  }, [matches, current, reader]);

  const step = (dir: 1 | -1) => {
    if (matches.length) setCurrent((c) => (c + dir + matches.length) % matches.length);
  };

  return (
    <div className="find-bar" role="search">
      <input
        className="input find-input"
        type="search"
        autoFocus
        placeholder={t('find.placeholder')}
        aria-label={t('find.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setCurrent(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <span className="find-count" aria-live="polite">
        {query ? (matches.length ? t('find.count', { i: current + 1, n: matches.length }) : t('find.none')) : ''}
      </span>
      <button type="button" className="icon-button" onClick={() => step(-1)} aria-label={t('find.prev')} title={t('find.prev')}>
        ↑
      </button>
      <button type="button" className="icon-button" onClick={() => step(1)} aria-label={t('find.next')} title={t('find.next')}>
        ↓
      </button>
      <FindBarLabelAll session={session} query={query} count={matches.length} />
      <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
        ×
      </button>
    </div>
  );
}
