// The selected span's text across the corpus, under the span detail: "两个维护 — 口号 2, unlabelled 2",
// with buttons that open the concordance of its unlabelled occurrences (ready to label) or of all
// of them. The consistency report's row for one mention, reachable from the span list (#21).
import { useEffect, useState } from 'react';
import type { Label } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage } from '../state/toasts';
import { SPANS_CHANGED_EVENT, showMentionInCorpus } from './useCorpusSearch';
import '../styles/search.css';

export interface MentionCounts {
  /** Spans whose text is the mention, per label id, most first (every coder's span counts, as in the consistency report). */
  labels: { labelId: number; count: number }[];
  /** Occurrences of the mention no span overlaps (what the concordance's "not yet labelled" shows). */
  unlabelled: number;
  /** More spans than were counted (the count stops at MAX_COUNTED). */
  more: boolean;
}

/** The longest mention the search takes (search.mention and search.query in shared/api/search.ts). */
const MAX_MENTION = 1000;
const PAGE = 1000;
const MAX_COUNTED = 20 * PAGE;
/**
 * The mention the coder asked to count, kept across the span list's remounts (the concordance hides
 * it). Counting is asked for, not done on every selection: it scans the corpus on the core, and a
 * label key pressed meanwhile would wait behind it.
 */
let askedMention: string | null = null;

/** Stepping through spans with J/K asks only for the span the selection rests on. */
const SETTLE_MS = 150;

/**
 * The mention's spans per label and its unlabelled occurrences. Per label, the literal search's hits
 * inside a span of the label, counting the spans exactly on a hit: the literal path uses the text
 * index, where a search by mention reads every document holding a span of that length (seconds on
 * 20,000 documents). Occurrences are found without overlap, so a span on an overlapping occurrence
 * ('aa' at 1 in 'aaa') is not counted; the consistency report would count it.
 */
export async function mentionCounts(mention: string, labels: readonly Label[]): Promise<MentionCounts> {
  const unlabelled = callOrThrow('search:counts', { search: { query: mention, unlabelled: true } });
  let more = false;
  const perLabel = await Promise.all(
    labels.map(async (label) => {
      let count = 0;
      let next = true;
      for (let offset = 0; next && offset < MAX_COUNTED; offset += PAGE) {
        const page = await callOrThrow('search:hits', { search: { query: mention, label: label.key }, context: 0, offset, limit: PAGE });
        for (const hit of page.hits) count += hit.spans.filter((s) => s.labelId === label.id && s.start === hit.start && s.end === hit.end).length;
        next = page.more;
      }
      more ||= next;
      return { labelId: label.id, count };
    }),
  );
  const counted = perLabel.filter((l) => l.count > 0).sort((a, b) => b.count - a.count || a.labelId - b.labelId);
  return { labels: counted, unlabelled: (await unlabelled).hits, more };
}

/** The counts of the mention, asked again when spans change anywhere (the reader's edits bump `version`, label-all sends SPANS_CHANGED_EVENT). */
function useMentionCounts(mention: string, labels: readonly Label[], version: number, asked: boolean): { counts: MentionCounts | null; error: string | null } {
  const [counts, setCounts] = useState<MentionCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(0);
  useEffect(() => {
    const bump = () => setChanged((n) => n + 1);
    window.addEventListener(SPANS_CHANGED_EVENT, bump);
    return () => window.removeEventListener(SPANS_CHANGED_EVENT, bump);
  }, []);
  useEffect(() => setCounts(null), [mention]);
  useEffect(() => {
    if (!asked || mention.length > MAX_MENTION) return;
    let current = true;
    const timer = setTimeout(() => {
      mentionCounts(mention, labels).then(
        (next) => current && (setCounts(next), setError(null)),
        (e: unknown) => current && setError(errorMessage(e)),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [asked, mention, labels, version, changed]);
  return { counts, error };
}

export function MentionConsistency({ mention, version }: { mention: string; version: number }) {
  const { t, labelName } = useI18n();
  const { labels, labelById } = useAppState();
  const [asked, setAsked] = useState(askedMention === mention);
  useEffect(() => setAsked(askedMention === mention), [mention]);
  const { counts, error } = useMentionCounts(mention, labels, version, asked);
  if (mention.length > MAX_MENTION) return null;
  if (!asked)
    return (
      <section className="mention-consistency" aria-label={t('mention.title')}>
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => {
            askedMention = mention;
            setAsked(true);
          }}
        >
          {t('mention.count')}
        </button>
        <button type="button" className="button button-small button-ghost" onClick={() => showMentionInCorpus(mention, false)} title={t('mention.showAllHint')}>
          {t('consistency.showAll')}
        </button>
      </section>
    );
  return (
    <section className="mention-consistency" aria-label={t('mention.title')} aria-busy={counts === null && error === null}>
      <span className="mention-consistency-title">{t('mention.inCorpus')}</span>
      {error ? (
        <span className="search-error" role="alert">
          {error}
        </span>
      ) : counts === null ? (
        <span className="muted">{t('search.counting')}</span>
      ) : (
        <>
          {counts.labels.map(({ labelId, count }) => {
            const label = labelById.get(labelId);
            return (
              <span key={labelId} className="kwic-chip consistency-label">
                <span className="label-dot" style={{ background: label?.color }} aria-hidden="true" />
                {label ? labelName(label) : '?'} {count}
                {counts.more ? '+' : ''}
              </span>
            );
          })}
          <span className={counts.unlabelled > 0 ? 'consistency-unlabelled' : 'muted'}>{t('mention.unlabelled', { n: counts.unlabelled })}</span>
          <span className="mention-consistency-actions">
            {counts.unlabelled > 0 && (
              <button type="button" className="button button-small" onClick={() => showMentionInCorpus(mention, true)}>
                {t('consistency.showUnlabelled', { n: counts.unlabelled })}
              </button>
            )}
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => showMentionInCorpus(mention, false)}
              title={t('mention.showAllHint')}
            >
              {t('consistency.showAll')}
            </button>
          </span>
        </>
      )}
    </section>
  );
}
