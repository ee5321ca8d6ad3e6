// Patterns are the user's regular expressions, and one with catastrophic backtracking ((a+)+$)
// would hold the core's one thread for hours on one article. Each pattern runs in one document
// under a time limit (the corpus search's mechanism, search/regex.ts); a pattern that runs out
// proposes nothing there and is named, so the other sources and patterns still answer.
import type { SuggestionRef } from '../../../shared/api/suggestions';
import { patternHits, patternSuggestions, type PatternForText, type PatternHit } from '../../../shared/suggest/patterns';
import { runWithTimeLimit } from '../search/regex';

/** The most time one pattern may take in one document. */
export const PATTERN_TIME_LIMIT_MS = 1_500;

export interface NamedPattern extends PatternForText {
  name: string;
}

export interface TimedOutPattern {
  id: number;
  name: string;
  message: string;
}

/** What the patterns found in a document, and which of them ran out of time there. */
export interface PatternScan {
  found: SuggestionRef[];
  timedOut: TimedOutPattern[];
}

export function timeLimitMessage(name: string, regex: RegExp | string, ms = PATTERN_TIME_LIMIT_MS): string {
  const source = typeof regex === 'string' ? regex : regex.source;
  return (
    `Pattern ${name ? `${name} ` : ''}/${source}/ ran past its ${ms / 1000} s limit in this document and was stopped, so it proposes nothing here. ` +
    'Nested repetition such as (a+)+ is the usual cause: make it more specific.'
  );
}

/** Every pattern's proposals in the text, each pattern given `limitMs`. */
export function timedPatternSuggestions(patterns: readonly NamedPattern[], text: string, limitMs = PATTERN_TIME_LIMIT_MS): PatternScan {
  const scan: PatternScan = { found: [], timedOut: [] };
  for (const pattern of patterns) {
    let found: SuggestionRef[] = [];
    if (runWithTimeLimit(() => (found = patternSuggestions([pattern], text)), limitMs)) scan.found.push(...found);
    else scan.timedOut.push({ id: pattern.id, name: pattern.name, message: timeLimitMessage(pattern.name, pattern.regex, limitMs) });
  }
  return scan;
}

/** One pattern's hits in the text, or null when it ran out of time. */
export function timedPatternHits(regex: RegExp, text: string, limitMs = PATTERN_TIME_LIMIT_MS): PatternHit[] | null {
  let hits: PatternHit[] = [];
  return runWithTimeLimit(() => (hits = patternHits(regex, text)), limitMs) ? hits : null;
}
