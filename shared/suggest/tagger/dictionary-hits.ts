// The project's confirmed mentions as tagger features. A dictionary hit is a strong hint, but a
// model trained on texts whose own mentions are in the dictionary learns to trust every hit;
// so each training text gets hits from a dictionary built from the other folds only
// (jackknifing), and texts being tagged get hits from the whole dictionary.
import type { ExternalHit, TaggerExample } from './types';

/** Mention text → the labels it was confirmed with. */
export type MentionDictionary = Map<string, Set<string>>;

const MIN_LENGTH = 2;
const MAX_LENGTH = 16;

export function mentionDictionary(examples: TaggerExample[]): MentionDictionary {
  const dictionary: MentionDictionary = new Map();
  for (const { text, spans } of examples) {
    for (const span of spans) {
      const term = text.slice(span.start, span.end);
      if (term.length < MIN_LENGTH || term.length > MAX_LENGTH) continue; // one character is too ambiguous to be a hint
      let labels = dictionary.get(term);
      if (!labels) dictionary.set(term, (labels = new Set()));
      labels.add(span.label);
    }
  }
  return dictionary;
}

/** Every occurrence of every dictionary term in the text, overlaps included, as hits named `dict:<label>`. */
export function dictionaryHits(text: string, dictionary: MentionDictionary): ExternalHit[] {
  const hits: ExternalHit[] = [];
  for (let start = 0; start < text.length; start++) {
    for (let length = MIN_LENGTH; length <= MAX_LENGTH && start + length <= text.length; length++) {
      const labels = dictionary.get(text.slice(start, start + length));
      if (labels) for (const label of labels) hits.push({ start, end: start + length, name: `dict:${label}` });
    }
  }
  return hits;
}

/** The examples with hits from a dictionary of the other folds (example i is in fold i mod folds). */
export function withJackknifedHits(examples: TaggerExample[], folds = 5): TaggerExample[] {
  const dictionaries = Array.from({ length: folds }, (_, fold) => mentionDictionary(examples.filter((_, i) => i % folds !== fold)));
  return examples.map((example, i) => ({ ...example, hits: [...(example.hits ?? []), ...dictionaryHits(example.text, dictionaries[i % folds])] }));
}
