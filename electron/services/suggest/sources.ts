// The suggestion sources of an open project, built from its tables and cached until the project
// changes (db/suggestions.changeStamp): the dictionary counts every confirmed mention's text (kept
// by migration 018), too much to do on each keypress-driven forDocument call of a large project.
import type { SuggestionRef } from '../../../shared/api/suggestions';
import { MentionCounts, type Mention } from '../../../shared/suggest/dictionary';
import { gazetteerMatcher, type GazetteerEntry } from '../../../shared/suggest/gazetteer';
import { compilePattern } from '../../../shared/suggest/patterns';
import { HashedTermMatcher } from '../../../shared/suggest/hashed-term-matcher';
import type { TermMatcher } from '../../../shared/suggest/term-matcher';
import { deserializeTagger, tag, type TaggerModel } from '../../../shared/suggest/tagger/index';
import type { Db } from '../db/connection';
import { hasDashboardCounts } from '../db/dashboard';
import { getDocumentText } from '../db/documents';
import { enabledTerms } from '../db/gazetteers';
import { listLabels } from '../db/labels';
import { listPatterns } from '../db/patterns';
import {
  ALL_DOCUMENTS,
  changeStamp,
  confirmedPlaces,
  type DocumentRange,
  keptMentionCounts,
  keptUncutPlaces,
  maxAnnotationId,
  maxDocumentId,
  newerConfirmedPlaces,
  newerKeptMentions,
  readModel,
  readModelInfo,
} from '../db/suggestions';
import type { NamedPattern } from './timed-patterns';

interface Cached<T> {
  key: string;
  value: T;
}

const gazetteers = new WeakMap<Db, Cached<TermMatcher<GazetteerEntry>>>();
const models = new WeakMap<Db, Cached<{ model: TaggerModel; version: string } | null>>();

function cached<T>(cache: WeakMap<Db, Cached<T>>, db: Db, key: string, build: () => T): T {
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.value;
  const value = build();
  cache.set(db, { key, value });
  return value;
}

/** The coder's confirmed mentions as text → label, each cut from its document (the way before migration 018). */
export function confirmedMentions(db: Db, annotatorId: number, places = confirmedPlaces(db, annotatorId)): Mention[] {
  return cutMentions(db, places);
}

/** A coder's dictionary, and `version`: a new object whenever its entries change (it keys cachedCandidates). */
export interface ProjectDictionary {
  /** A HashedTermMatcher: a few hundred thousand mentions are a trie of seconds to build. */
  matcher: HashedTermMatcher<number>;
  version: object;
}

interface DictionaryState extends ProjectDictionary {
  annotatorId: number;
  stamp: string;
  counts: MentionCounts;
  /** The highest span id counted: spans created since are added at once. */
  maxId: number;
  rebuild: NodeJS.Timeout | null;
}

const dictionaries = new WeakMap<Db, DictionaryState>();

/** Cuts the texts of places (ordered by document) from their documents, reading each document once. */
function cutMentions(db: Db, places: Iterable<[documentId: number, start: number, end: number, labelId: number, text?: string | null]>): Mention[] {
  const mentions: Mention[] = [];
  let documentId = -1;
  let text = '';
  for (const [docId, start, end, labelId, kept] of places) {
    if (typeof kept === 'string') {
      mentions.push({ text: kept, labelId });
      continue;
    }
    if (docId !== documentId) {
      documentId = docId;
      text = getDocumentText(db, docId) ?? '';
    }
    mentions.push({ text: text.slice(start, end), labelId });
  }
  return mentions;
}

/**
 * Adds the coder's mentions in a range of documents, counted from the texts migration 018 keeps:
 * one query counting by text and label instead of cutting a million spans from twenty thousand
 * documents; only the spans whose text is not kept (documents with astral characters) are cut
 * here. False, adding nothing, when kept rows are missing (then the caller counts the old way).
 */
function addKeptMentions(db: Db, annotatorId: number, counts: MentionCounts, documents: DocumentRange = ALL_DOCUMENTS): boolean {
  let uncut = 0;
  const byText = keptMentionCounts(db, annotatorId, documents);
  for (const [text, , spans] of byText) if (text === null) uncut += spans;
  const uncutPlaces = uncut > 0 ? keptUncutPlaces(db, annotatorId, documents) : [];
  if (uncutPlaces.length !== uncut) return false;
  for (const [text, labelId, spans] of byText) if (text !== null) counts.add({ text, labelId }, spans);
  for (const mention of cutMentions(db, uncutPlaces)) counts.add(mention);
  return true;
}

/** The coder's mentions counted; the old way in a project older than schema 18 (read-only, so never migrated) or with kept rows missing. */
function countMentions(db: Db, annotatorId: number): MentionCounts {
  const counts = new MentionCounts();
  if (hasDashboardCounts(db) && addKeptMentions(db, annotatorId, counts)) return counts;
  const cut = new MentionCounts();
  for (const mention of confirmedMentions(db, annotatorId)) cut.add(mention);
  return cut;
}

function matcherOf(counts: MentionCounts): HashedTermMatcher<number> {
  const matcher = new HashedTermMatcher<number>();
  for (const text of counts.texts()) matcher.add(text, counts.labelOf(text)!);
  return matcher;
}

function buildDictionary(db: Db, annotatorId: number): DictionaryState {
  const stamp = changeStamp(db);
  const maxId = maxAnnotationId(db);
  const counts = countMentions(db, annotatorId);
  return { annotatorId, stamp, counts, matcher: matcherOf(counts), version: {}, maxId, rebuild: null };
}

/** The coder's dictionary as text → label, built as projectDictionary builds it (tests compare it with the mentions cut one by one). */
export function coderDictionaryEntries(db: Db, annotatorId: number): Map<string, number> {
  const counts = countMentions(db, annotatorId);
  return new Map([...counts.texts()].map((text) => [text, counts.labelOf(text)!]));
}

function sameEntries(a: MentionCounts, b: MentionCounts): boolean {
  if (a.size !== b.size) return false;
  for (const text of a.texts()) if (a.labelOf(text) !== b.labelOf(text)) return false;
  return true;
}

/** Quiet time after an edit before the full rebuild: it runs between the reader's calls, not right after one. */
export const DICTIONARY_REBUILD_IDLE_MS = 1000;

/**
 * Puts a dictionary counted again in place, forgetting deleted, relabelled and rejected mentions.
 * The matcher and its version stay when the entries came out the same (the usual case: the coder
 * added a span), so the document's dictionary proposals kept by cachedCandidates stay valid.
 */
function install(db: Db, stale: DictionaryState, fresh: DictionaryState): void {
  if (stale.rebuild) clearTimeout(stale.rebuild);
  if (sameEntries(fresh.counts, stale.counts)) {
    fresh.matcher = stale.matcher;
    fresh.version = stale.version;
  }
  dictionaries.set(db, fresh);
}

/** Starts the rebuild in steps now, instead of once the calls are quiet (tests). */
export function startRebuild(db: Db, stepDocuments?: number, stepTexts?: number): void {
  const state = dictionaries.get(db);
  if (state && db.open) rebuildInSteps(db, state, stepDocuments, stepTexts);
}

/** Whether a rebuild is waiting or under way (the bench times its steps). */
export function dictionaryRebuildPending(db: Db): boolean {
  return (dictionaries.get(db)?.rebuild ?? null) !== null;
}

/** Counts everything again at once (tests and the bench; the app rebuilds in steps, rebuildInSteps). */
export function rebuildDictionary(db: Db): void {
  const state = dictionaries.get(db);
  if (state && db.open) install(db, state, buildDictionary(db, state.annotatorId));
}

/** Documents counted per step of a rebuild in the background: about 100 ms on the bench corpus, so a request waits at most that long. */
const REBUILD_STEP_DOCUMENTS = 1000;
const REBUILD_STEP_TEXTS = 50_000;

/**
 * Counts everything again a range of documents a step, each step a timer of its own so requests
 * queued meanwhile run first (as the search indexer does). A change of the project meanwhile stops
 * it: the next call notices the change and schedules it again.
 */
function rebuildInSteps(db: Db, state: DictionaryState, stepDocuments = REBUILD_STEP_DOCUMENTS, stepTexts = REBUILD_STEP_TEXTS): void {
  if (state.rebuild) clearTimeout(state.rebuild);
  if (!hasDashboardCounts(db)) return rebuildDictionary(db);
  const { annotatorId } = state;
  const stamp = changeStamp(db);
  const maxId = maxAnnotationId(db);
  const lastDocument = maxDocumentId(db);
  const counts = new MentionCounts();
  let from = 0;
  const step = () => {
    state.rebuild = null;
    if (dictionaries.get(db) !== state || !db.open || changeStamp(db) !== stamp) return;
    if (!addKeptMentions(db, annotatorId, counts, { from, to: from + stepDocuments })) return rebuildDictionary(db);
    from += stepDocuments;
    if (from <= lastDocument) return next(step);
    next(compare);
  };
  // Comparing with the dictionary in use, and building a matcher only when the entries differ,
  // REBUILD_STEP_TEXTS texts a step (each step about as long as a range of documents).
  const texts = counts.texts();
  const compare = () => {
    let n = 0;
    for (let t = texts.next(); !t.done; t = texts.next()) {
      if (counts.labelOf(t.value) !== state.counts.labelOf(t.value)) return next(build);
      if (++n === stepTexts) return next(compare);
    }
    // Every text has the label it had, and there are as many: the same entries.
    if (counts.size === state.counts.size) dictionaries.set(db, { ...state, stamp, counts, maxId, rebuild: null });
    else next(build);
  };
  const matcher = new HashedTermMatcher<number>();
  const toMatch = counts.texts();
  const build = () => {
    let n = 0;
    for (let t = toMatch.next(); !t.done; t = toMatch.next()) {
      matcher.add(t.value, counts.labelOf(t.value)!);
      if (++n === stepTexts) return next(build);
    }
    dictionaries.set(db, { annotatorId, stamp, counts, matcher, version: {}, maxId, rebuild: null });
  };
  const next = (run: () => void) => {
    state.rebuild = setTimeout(() => {
      state.rebuild = null;
      if (dictionaries.get(db) !== state || !db.open || changeStamp(db) !== stamp) return;
      guarded(run);
    }, 0);
    state.rebuild.unref();
  };
  const guarded = (run: () => void) => {
    try {
      run();
    } catch {
      dictionaries.delete(db); // built again on the next call
    }
  };
  guarded(step);
}

/**
 * The coder's dictionary. Built once; when the project changed since, the coder's spans created
 * since are added at once (a mention labelled a moment ago is proposed elsewhere on the next
 * call) and a full rebuild, which also forgets deleted, relabelled and rejected mentions, runs
 * once the reader has been quiet for a moment: it must not delay the call that follows an edit
 * (bench/measures/suggestions.ts).
 */
export function projectDictionary(db: Db, annotatorId: number): ProjectDictionary {
  let state = dictionaries.get(db);
  if (!state || state.annotatorId !== annotatorId) {
    if (state?.rebuild) clearTimeout(state.rebuild);
    state = buildDictionary(db, annotatorId);
    dictionaries.set(db, state);
    return state;
  }
  const stamp = changeStamp(db);
  if (state.stamp === stamp) return state;
  let changed = false;
  const added = hasDashboardCounts(db) ? newerKeptMentions(db, annotatorId, state.maxId) : newerConfirmedPlaces(db, annotatorId, state.maxId);
  state.maxId = Math.max(state.maxId, maxAnnotationId(db));
  for (const mention of cutMentions(db, added)) {
    if (state.counts.add(mention)) changed = state.matcher.set(mention.text, state.counts.labelOf(mention.text)!) || changed;
  }
  if (changed) state.version = {};
  state.stamp = stamp;
  if (state.rebuild) clearTimeout(state.rebuild);
  const stale = state;
  state.rebuild = setTimeout(() => {
    try {
      if (dictionaries.get(db) === stale) rebuildInSteps(db, stale);
    } catch {
      dictionaries.delete(db); // built again on the next call
    }
  }, DICTIONARY_REBUILD_IDLE_MS);
  state.rebuild.unref();
  return state;
}

export function projectGazetteers(db: Db): TermMatcher<GazetteerEntry> {
  return cached(gazetteers, db, changeStamp(db), () => gazetteerMatcher(enabledTerms(db)));
}

/**
 * A source's proposals in one document depend on the text (never changes) and the source (the
 * dictionary, the patterns), not on the coder's spans: the last few documents' are kept, so that
 * asking again after each edit in the reader only merges (see merge.ts) instead of scanning again.
 */
const KEPT_DOCUMENTS = 8;
const candidateCache = new WeakMap<Db, Map<string, { source: unknown; found: unknown }>>();

export function cachedCandidates<T = SuggestionRef[]>(db: Db, documentId: number, kind: string, source: unknown, find: () => T): T {
  let cache = candidateCache.get(db);
  if (!cache) candidateCache.set(db, (cache = new Map()));
  const key = `${kind}:${documentId}`;
  const hit = cache.get(key);
  if (hit && hit.source === source) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit.found as T;
  }
  const found = find();
  cache.delete(key);
  cache.set(key, { source, found });
  while (cache.size > KEPT_DOCUMENTS * 4) cache.delete(cache.keys().next().value!);
  return found;
}

const patternSets = new WeakMap<Db, Cached<NamedPattern[]>>();

/** The compiled patterns, the same array while the patterns and labels are unchanged (so it can key cachedCandidates). */
export function projectPatternSet(db: Db): NamedPattern[] {
  const key = JSON.stringify([listPatterns(db), listLabels(db).map((l) => [l.key, l.id])]);
  return cached(patternSets, db, key, () => projectPatterns(db));
}

/** Enabled patterns whose regex compiles and whose label exists (a broken one is skipped, not fatal: patterns:list shows it). */
export function projectPatterns(db: Db): NamedPattern[] {
  const labelIds = new Map(listLabels(db).map((l) => [l.key, l.id]));
  const out: NamedPattern[] = [];
  for (const pattern of listPatterns(db)) {
    const labelId = labelIds.get(pattern.labelKey);
    if (!pattern.enabled || labelId === undefined) continue;
    const compiled = compilePattern(pattern.regex);
    if (compiled.ok) out.push({ id: pattern.id, name: pattern.name, regex: compiled.regex, labelId });
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
