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
    // A malformed example is left for prepareExamples to name.
    if (typeof text !== 'string' || !Array.isArray(spans)) continue;
    for (const span of spans) {
      if (typeof span?.label !== 'string') continue;
      const term = text.slice(span.start, span.end);
      if (term.length < MIN_LENGTH || term.length > MAX_LENGTH) continue; // one character is too ambiguous to be a hint
      let labels = dictionary.get(term);
      if (!labels) dictionary.set(term, (labels = new Set()));
      labels.add(span.label);
    }
  }
  return dictionary;
}

/** Each dictionary's first two characters of its terms, and its longest term: most places start no term, and one lookup says so. */
interface Shape {
  size: number;
  starts: Set<string>;
  longest: number;
}
const shapes = new WeakMap<MentionDictionary, Shape>();

function shapeOf(dictionary: MentionDictionary): Shape {
  let shape = shapes.get(dictionary);
  // Built again when the number of terms changed (a dictionary is built once, but may be added to by hand).
  if (!shape || shape.size !== dictionary.size) {
    shape = { size: dictionary.size, starts: new Set(), longest: 0 };
    for (const term of dictionary.keys()) {
      shape.starts.add(term.slice(0, MIN_LENGTH));
      shape.longest = Math.max(shape.longest, term.length);
    }
    shapes.set(dictionary, shape);
  }
  return shape;
}

/** Every occurrence of every dictionary term in the text, overlaps included, as hits named `dict:<label>`. */
export function dictionaryHits(text: string, dictionary: MentionDictionary): ExternalHit[] {
  const hits: ExternalHit[] = [];
  const { starts, longest } = shapeOf(dictionary);
  const most = Math.min(MAX_LENGTH, longest);
  for (let start = 0; start + MIN_LENGTH <= text.length; start++) {
    if (!starts.has(text.slice(start, start + MIN_LENGTH))) continue;
    for (let length = MIN_LENGTH; length <= most && start + length <= text.length; length++) {
      const labels = dictionary.get(text.slice(start, start + length));
      if (labels) for (const label of labels) hits.push({ start, end: start + length, name: `dict:${label}` });
    }
  }
  return hits;
}

/** The examples with hits from a dictionary of the other folds (example i is in fold i mod folds). */
export function withJackknifedHits(examples: TaggerExample[], folds = 5): TaggerExample[] {
  const dictionaries = Array.from({ length: folds }, (_, fold) => mentionDictionary(examples.filter((_, i) => i % folds !== fold)));
  return examples.map((example, i) =>
    typeof example?.text === 'string' ? { ...example, hits: [...(example.hits ?? []), ...dictionaryHits(example.text, dictionaries[i % folds])] } : example,
  );
}
