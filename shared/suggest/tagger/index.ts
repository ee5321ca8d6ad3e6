// The learned tagger (issue #22, source 4): a character-level sequence tagger for the project's
// labels, trained on confirmed spans. Pure TypeScript, runs in Node, workers and the renderer.
//
//   const model = trainTagger([{ text, spans: [{ start, end, label }] }], { epochs: 16 }, onProgress);
//   const suggestions = tag(model, text);          // [{ start, end, label, confidence }]
//   const bytes = serializeTagger(model);          // Uint8Array for the project file
//   const again = deserializeTagger(bytes);        // throws TaggerFormatError on bad bytes
//
// Offsets are UTF-16, end exclusive. Dictionary, gazetteer and pattern hits may be passed as
// features (ExternalHit) — the same kinds at training and tagging; withJackknifedHits and
// dictionaryHits do this for the project's confirmed mentions, and the option `dictionary: true`
// does it all (the model keeps its dictionary; tag finds its hits). See docs/suggestions.md.
export { trainTagger } from './train';
export { tag, type TaggerModel } from './model';
export { serializeTagger, deserializeTagger, TaggerFormatError } from './serialize';
export { dictionaryHits, mentionDictionary, withJackknifedHits, type MentionDictionary } from './dictionary-hits';
export type { ExternalHit, TaggedSpan, TaggerExample, TaggerOptions, TaggerSpan, TrainingProgress, TrainingStats } from './types';
