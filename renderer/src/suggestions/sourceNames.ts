// Which gazetteer or pattern a suggestion came from, by name (a suggestion carries only its id):
// the lists are asked for once, when first needed, and again after the panel changed them.
import { callOrThrow } from '../api/client';
import type { SuggestionRef } from '../../../shared/api/suggestions';

interface Names {
  gazetteers: Map<string, string>;
  patterns: Map<string, string>;
}

let names: Promise<Names> | null = null;
const listeners = new Set<() => void>();

function load(): Promise<Names> {
  names ??= Promise.all([callOrThrow('gazetteers:list', {}), callOrThrow('patterns:list', {})]).then(
    ([gazetteers, patterns]) => ({
      gazetteers: new Map(gazetteers.map((g) => [String(g.id), g.name])),
      patterns: new Map(patterns.map((p) => [String(p.id), p.name])),
    }),
    () => {
      names = null; // asked again next time
      return { gazetteers: new Map(), patterns: new Map() };
    },
  );
  return names;
}

/** The gazetteer's or pattern's name; '' for the dictionary, the model (its id is a version stamp, not a name) or an unknown id. */
export async function sourceName(s: Pick<SuggestionRef, 'source' | 'sourceId'>): Promise<string> {
  if (s.source === 'dictionary' || s.source === 'model') return '';
  const known = await load();
  return (s.source === 'gazetteer' ? known.gazetteers : known.patterns).get(s.sourceId) ?? '';
}

/** A pattern or gazetteer was added, renamed or removed: names are asked for again. */
export function forgetSourceNames(): void {
  names = null;
  for (const fn of listeners) fn();
}

export function onSourceNamesChanged(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
