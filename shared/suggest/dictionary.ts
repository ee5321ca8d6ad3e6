// The project dictionary (#22, source 1): every confirmed mention proposes itself wherever it
// appears unlabelled. "Confirmed" means a span of the coder that is not rejected in review.
// One text, one label: the label the text carries most often wins (a tie: the label of lower id,
// so the choice is the same on every run). Mentions of one character (一, 区, 京 …) are left out
// unless `singleCharacters` is set: they match everywhere and are almost never what was meant.
import type { SuggestionRef } from '../api/suggestions';
import { TermMatcher } from './term-matcher';

export interface Mention {
  text: string;
  labelId: number;
}

export interface DictionaryOptions {
  /** Propose mentions one character long (default false). */
  singleCharacters?: boolean;
}

/** Mentions longer than this are not terms (a whole sentence labelled as a TARGET repeats rarely and costs trie memory). */
export const LONGEST_DICTIONARY_TERM = 64;

/** Counts of each mention text's labels: what the dictionary is built from, and can be added to. */
export class MentionCounts {
  private readonly counts = new Map<string, Map<number, number>>();
  constructor(private readonly options: DictionaryOptions = {}) {}

  /** Counts a mention (`times` times: spans counted by text in SQL); false when it is not a term (too short or long, or edged with spaces). */
  add({ text, labelId }: Mention, times = 1): boolean {
    const minLength = this.options.singleCharacters ? 1 : 2;
    if ([...text].length < minLength || text.length > LONGEST_DICTIONARY_TERM || text.trim() !== text) return false;
    let byLabel = this.counts.get(text);
    if (!byLabel) this.counts.set(text, (byLabel = new Map()));
    byLabel.set(labelId, (byLabel.get(labelId) ?? 0) + times);
    return true;
  }

  /** The label a text gets: the most frequent, a tie to the lower id. */
  labelOf(text: string): number | undefined {
    const byLabel = this.counts.get(text);
    if (!byLabel) return undefined;
    let best = -1;
    let bestCount = 0;
    for (const [labelId, count] of byLabel) {
      if (count > bestCount || (count === bestCount && labelId < best)) {
        best = labelId;
        bestCount = count;
      }
    }
    return best;
  }

  /** How many texts are counted. */
  get size(): number {
    return this.counts.size;
  }

  texts(): IterableIterator<string> {
    return this.counts.keys();
  }
}

/** Text → the label it gets, from the confirmed mentions. */
export function dictionaryEntries(mentions: Iterable<Mention>, options: DictionaryOptions = {}): Map<string, number> {
  const counts = new MentionCounts(options);
  for (const mention of mentions) counts.add(mention);
  const entries = new Map<string, number>();
  for (const text of counts.texts()) entries.set(text, counts.labelOf(text)!);
  return entries;
}

export function dictionaryMatcher(entries: Map<string, number>): TermMatcher<number> {
  const matcher = new TermMatcher<number>();
  for (const [text, labelId] of entries) matcher.add(text, labelId);
  return matcher;
}

/** The dictionary's proposals in a text (confidence 1: the coder labelled exactly this text so). */
export function dictionarySuggestions(matcher: Pick<TermMatcher<number>, 'find'>, text: string): SuggestionRef[] {
  return matcher.find(text).map((hit) => ({ start: hit.start, end: hit.end, labelId: hit.payload, source: 'dictionary', sourceId: '', confidence: 1 }));
}
