// The suggestion sources of an open project, built from its tables and cached until the project
// changes (db/suggestions.changeStamp): the dictionary needs every confirmed mention's text, which
// is too slow to gather on each keypress-driven forDocument call of a large project.
import type { SuggestionRef } from '../../../shared/api/suggestions';
import { dictionaryEntries, dictionaryMatcher } from '../../../shared/suggest/dictionary';
import { gazetteerMatcher, type GazetteerEntry } from '../../../shared/suggest/gazetteer';
import { compilePattern, type PatternForText } from '../../../shared/suggest/patterns';
import type { TermMatcher } from '../../../shared/suggest/term-matcher';
import { deserializeTagger, tag, type TaggerModel } from '../../../shared/suggest/tagger/index';
import type { Db } from '../db/connection';
import { getDocumentText } from '../db/documents';
import { enabledTerms } from '../db/gazetteers';
import { listLabels } from '../db/labels';
import { listPatterns } from '../db/patterns';
import { changeStamp, confirmedPlaces, readModel, readModelInfo } from '../db/suggestions';

interface Cached<T> {
  key: string;
  value: T;
}

const dictionaries = new WeakMap<Db, Cached<TermMatcher<number>>>();
const gazetteers = new WeakMap<Db, Cached<TermMatcher<GazetteerEntry>>>();
const models = new WeakMap<Db, Cached<{ model: TaggerModel; version: string } | null>>();

function cached<T>(cache: WeakMap<Db, Cached<T>>, db: Db, key: string, build: () => T): T {
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.value;
  const value = build();
  cache.set(db, { key, value });
  return value;
}

/** The coder's confirmed mentions as text → label. */
export function confirmedMentions(db: Db, annotatorId: number): { text: string; labelId: number }[] {
  const mentions: { text: string; labelId: number }[] = [];
  let documentId = -1;
  let text = '';
  for (const [docId, start, end, labelId] of confirmedPlaces(db, annotatorId)) {
    if (docId !== documentId) {
      documentId = docId;
      text = getDocumentText(db, docId) ?? '';
    }
    mentions.push({ text: text.slice(start, end), labelId });
  }
  return mentions;
}

export function projectDictionary(db: Db, annotatorId: number): TermMatcher<number> {
  return cached(dictionaries, db, `${annotatorId}:${changeStamp(db)}`, () => dictionaryMatcher(dictionaryEntries(confirmedMentions(db, annotatorId))));
}

export function projectGazetteers(db: Db): TermMatcher<GazetteerEntry> {
  return cached(gazetteers, db, changeStamp(db), () => gazetteerMatcher(enabledTerms(db)));
}

/** Enabled patterns whose regex compiles and whose label exists (a broken one is skipped, not fatal: patterns:list shows it). */
export function projectPatterns(db: Db): PatternForText[] {
  const labelIds = new Map(listLabels(db).map((l) => [l.key, l.id]));
  const out: PatternForText[] = [];
  for (const pattern of listPatterns(db)) {
    const labelId = labelIds.get(pattern.labelKey);
    if (!pattern.enabled || labelId === undefined) continue;
    const compiled = compilePattern(pattern.regex);
    if (compiled.ok) out.push({ id: pattern.id, regex: compiled.regex, labelId });
  }
  return out;
}

/** The stored tagger, read once per version; null when there is none or it cannot be read (then it is retrained). */
export function storedTagger(db: Db): { model: TaggerModel; version: string } | null {
  const version = readModelInfo(db)?.version ?? '';
  return cached(models, db, version, () => {
    const stored = version ? readModel(db) : null;
    if (!stored) return null;
    try {
      return { model: deserializeTagger(stored.model), version: stored.version };
    } catch {
      return null;
    }
  });
}

/** The tagger's proposals in a text, for the labels that still exist (a deleted label's are ignored). */
export function modelSuggestions(db: Db, text: string): SuggestionRef[] {
  const tagger = storedTagger(db);
  if (!tagger) return [];
  const labelIds = new Map(listLabels(db).map((l) => [l.key, l.id]));
  const out: SuggestionRef[] = [];
  for (const span of tag(tagger.model, text)) {
    const labelId = labelIds.get(span.label);
    if (labelId !== undefined) out.push({ start: span.start, end: span.end, labelId, source: 'model', sourceId: tagger.version, confidence: span.confidence });
  }
  return out;
}
