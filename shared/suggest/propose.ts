// All sources over one text, merged by the one rule (merge.ts). Pure: the service gathers the
// dictionary, gazetteers, patterns, spans and rejections from the project and passes them in.
import type { SuggestionRef, SuggestionSource } from '../api/suggestions';
import { dictionarySuggestions } from './dictionary';
import { gazetteerSuggestions, type GazetteerEntry } from './gazetteer';
import { mergeSuggestions, type PlacedSpan, type RejectedPlace } from './merge';
import { patternSuggestions, type PatternForText } from './patterns';
import type { TermMatcher } from './term-matcher';

export interface SuggestionSources {
  dictionary?: TermMatcher<number>;
  gazetteers?: TermMatcher<GazetteerEntry>;
  patterns?: readonly PatternForText[];
  /** The tagger's proposals for this text, already tagged (it runs elsewhere). */
  model?: readonly SuggestionRef[];
}

export interface ProposeInput {
  text: string;
  sources: SuggestionSources;
  /** The coder's spans: no proposal overlaps one. */
  spans: readonly PlacedSpan[];
  rejected: readonly RejectedPlace[];
  /** Which sources to ask (default: all given). */
  only?: readonly SuggestionSource[];
}

export function proposeForText({ text, sources, spans, rejected, only }: ProposeInput): SuggestionRef[] {
  const wanted = (source: SuggestionSource) => !only || only.includes(source);
  const candidates: SuggestionRef[] = [];
  if (sources.dictionary && wanted('dictionary')) candidates.push(...dictionarySuggestions(sources.dictionary, text));
  if (sources.gazetteers && wanted('gazetteer')) candidates.push(...gazetteerSuggestions(sources.gazetteers, text));
  if (sources.patterns && wanted('pattern')) candidates.push(...patternSuggestions(sources.patterns, text));
  if (sources.model && wanted('model')) candidates.push(...sources.model);
  return mergeSuggestions(candidates, spans, rejected);
}
