// The top bar's corpus search box (Ctrl+Shift+F): Enter searches every document.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { formatKey } from '../state/keys';
import { SEARCH_BOX_ID, type CorpusSearch } from './useCorpusSearch';

export function SearchBox({ search }: { search: CorpusSearch }) {
  const { t } = useI18n();
  const [text, setText] = useState(search.query);
  // A search started elsewhere (a consistency row) shows its query here.
  useEffect(() => setText(search.query), [search.query]);
  return (
    <form
      className="top-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        search.submit(text.trim());
      }}
    >
      <input
        id={SEARCH_BOX_ID}
        className="input input-compact top-search-input"
        type="search"
        lang="zh-CN"
        value={text}
        placeholder={t('search.placeholder')}
        // The shortcut in the tooltip: in the placeholder it was cut off at 1280 px.
        title={`${t('search.boxLabel')} (${formatKey('Mod+Shift+f')})`}
        aria-label={t('search.boxLabel')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Down from the box goes into the concordance, as from a search field into its results.
          const lines = document.querySelector('.search-panel:not([hidden]) .concordance-lines') as HTMLElement | null;
          if (e.key === 'ArrowDown' && lines) {
            e.preventDefault();
            lines.focus();
          } else if (e.key === 'Escape' && search.shown) {
            e.preventDefault();
            e.stopPropagation();
            search.close();
          }
        }}
      />
    </form>
  );
}
