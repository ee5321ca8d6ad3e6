// The document list's active filters as chips, each removable, and "clear all": a dashboard drill
// (#24) lands here with filters the list's own controls do not all show (several labels, mentions,
// entities), so every filter in the query is named here.
import { useEffect, useState } from 'react';
import type { MentionCondition } from '../../../shared/api/documents';
import { api } from '../api/client';
import type { ListQuery } from '../hooks/useDocumentList';
import { useI18n, type Translate } from '../i18n';
import { useAppState } from '../state/appState';
import '../styles/doc-filter-chips.css';

interface Chip {
  key: string;
  name: string;
  value: string;
  /** The query without this filter. */
  without: () => ListQuery;
}

interface Props {
  query: ListQuery;
  setQuery: (q: ListQuery) => void;
  /** Also clears what the list's own inputs hold (the typed title). */
  onClearAll: () => void;
}

export function DocumentFilterChips({ query, setQuery, onClearAll }: Props) {
  const { t } = useI18n();
  const chips = useChips(query);
  if (chips.length === 0) return null;
  return (
    <div className="doc-filter-chips" role="group" aria-label={t('docs.chips')}>
      {chips.map((chip) => (
        <span key={chip.key} className="doc-filter-chip" data-filter={chip.key}>
          <span className="doc-filter-chip-name">{chip.name}</span>
          <span className="doc-filter-chip-value" title={chip.value}>
            {chip.value}
          </span>
          <button
            type="button"
            className="doc-filter-chip-remove"
            aria-label={t('docs.chips.remove', { name: `${chip.name}: ${chip.value}` })}
            title={t('docs.chips.remove', { name: `${chip.name}: ${chip.value}` })}
            onClick={() => setQuery(chip.without())}
          >
            ×
          </button>
        </span>
      ))}
      <button type="button" className="link-button doc-filter-clear" onClick={onClearAll}>
        {t('docs.chips.clearAll')}
      </button>
    </div>
  );
}

const omit = (query: ListQuery, key: keyof ListQuery): ListQuery => {
  const next = { ...query };
  delete next[key];
  return next;
};

/** One chip per filter; one per mention and per entity, each removable on its own. */
function useChips(query: ListQuery): Chip[] {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const entityNames = useEntityNames(query.entityIds, query.mentions);
  const nameOfLabel = (key: string) => {
    const label = labels.find((l) => l.key === key);
    return label ? labelName(label) : key;
  };
  const chips: Chip[] = [];
  const add = (key: keyof ListQuery, name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') chips.push({ key, name, value, without: () => omit(query, key) });
  };
  const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : t(v ? 'docs.chip.yes' : 'docs.chip.no'));
  add('titleContains', t('docs.chip.title'), query.titleContains?.trim());
  add('status', t('docs.status'), query.status && t(`status.${query.status}`));
  add('source', t('docs.source'), query.source?.trim());
  add('district', t('docs.district'), query.district?.trim());
  add('dateFrom', t('docs.dateFrom'), query.dateFrom);
  add('dateTo', t('docs.dateTo'), query.dateTo);
  add('labels', t('docs.chip.labels'), query.labels?.map(nameOfLabel).join('、'));
  add('withLabel', t('docs.filter.withLabel'), query.withLabel && nameOfLabel(query.withLabel));
  add('withoutLabel', t('docs.filter.withoutLabel'), query.withoutLabel && nameOfLabel(query.withoutLabel));
  add('annotator', t('docs.filter.annotator'), query.annotator);
  add('spanReview', t('docs.chip.spanReview'), query.spanReview && t(`spans.review.${query.spanReview}`));
  add('review', t('docs.filter.review'), query.review && t(`docs.filter.review.${query.review}`));
  add('hasSpans', t('docs.filter.spans'), yesNo(query.hasSpans));
  add('hasWarnings', t('docs.filter.warnings'), yesNo(query.hasWarnings));
  (query.mentions ?? []).forEach((mention, i) => {
    const rest = query.mentions!.filter((_, j) => j !== i);
    chips.push({
      key: `mention-${i}`,
      name: mention.entityId !== undefined ? t('docs.chip.entity') : t('docs.chip.mention'),
      value: mentionValue(mention, t, nameOfLabel, entityNames),
      without: () => (rest.length ? { ...query, mentions: rest } : omit(query, 'mentions')),
    });
  });
  (query.entityIds ?? []).forEach((id, i) => {
    const rest = query.entityIds!.filter((_, j) => j !== i);
    chips.push({
      key: `entity-${i}`,
      name: t('docs.chip.entity'),
      value: entityNames.get(id) ?? `#${id}`,
      without: () => (rest.length ? { ...query, entityIds: rest } : omit(query, 'entityIds')),
    });
  });
  return chips;
}

function mentionValue(mention: MentionCondition, t: Translate, nameOfLabel: (key: string) => string, entityNames: Map<number, string>): string {
  const what = mention.entityId !== undefined ? (entityNames.get(mention.entityId) ?? `#${mention.entityId}`) : `“${mention.text}”`;
  const notes = [mention.label && nameOfLabel(mention.label), mention.unlinked && t('docs.chip.unlinked')].filter(Boolean);
  return notes.length ? t('docs.chip.withNotes', { what, notes: notes.join(t('docs.chip.noteSeparator')) }) : what;
}

/** The names of the entities the filter names, asked once per set of ids. */
function useEntityNames(entityIds: number[] | undefined, mentions: MentionCondition[] | undefined): Map<number, string> {
  const ids = [...new Set([...(entityIds ?? []), ...(mentions ?? []).flatMap((m) => (m.entityId === undefined ? [] : [m.entityId]))])];
  const key = ids.join(',');
  const [names, setNames] = useState(new Map<number, string>());
  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(key.split(',').map((id) => api.call('entities:get', { id: Number(id), mentionLimit: 1 }))).then((results) => {
      if (!live) return;
      const found = new Map<number, string>();
      results.forEach((r) => r.ok && found.set(r.value.id, r.value.name));
      setNames(found);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
