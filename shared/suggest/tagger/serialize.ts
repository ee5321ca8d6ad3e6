// A model as bytes for the project file: "BZTG", a little-endian uint32 header length, a JSON
// header (labels, options, stats, array lengths, the dictionary if any), then the typed arrays,
// each 4-byte aligned.
// Reading checks every length and index, so a damaged or foreign blob fails with a message
// instead of tagging nonsense.
import type { MentionDictionary } from './dictionary-hits';
import { MODEL_VERSION, type TaggerModel } from './model';
import { tagCount } from './tags';
import type { TrainingStats } from './types';

export class TaggerFormatError extends Error {}

const MAGIC = [0x42, 0x5a, 0x54, 0x47]; // BZTG
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Header {
  version: number;
  labels: string[];
  words: boolean;
  confidenceScale: number;
  stats: TrainingStats;
  features: number;
  weights: number;
  /** The model's dictionary (TaggerModel.dictionary) as label → terms; absent when it has none. */
  dictionary?: Record<string, string[]>;
}

const align = (n: number) => (n + 3) & ~3;

function arraysOf(model: TaggerModel) {
  return [model.keys, model.rowStart, model.trans, model.rowWeights, model.rowTags] as const;
}

export function serializeTagger(model: TaggerModel): Uint8Array {
  if (!littleEndian) throw new TaggerFormatError('Models are stored little-endian; this machine is big-endian.');
  const header: Header = {
    version: model.version,
    labels: model.labels,
    words: model.words,
    confidenceScale: model.confidenceScale,
    stats: model.stats,
    features: model.keys.length,
    weights: model.rowWeights.length,
    ...(model.dictionary && { dictionary: termsByLabel(model.dictionary) }),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let size = align(8 + json.length);
  for (const array of arraysOf(model)) size += align(array.byteLength);
  const bytes = new Uint8Array(size);
  bytes.set(MAGIC, 0);
  new DataView(bytes.buffer).setUint32(4, json.length, true);
  bytes.set(json, 8);
  let at = align(8 + json.length);
  for (const array of arraysOf(model)) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += align(array.byteLength);
  }
  return bytes;
}

function termsByLabel(dictionary: MentionDictionary): Record<string, string[]> {
  const out = new Map<string, string[]>(); // not a plain object: a label may be called __proto__
  for (const [term, labels] of dictionary) {
    for (const label of labels) {
      const terms = out.get(label);
      if (terms) terms.push(term);
      else out.set(label, [term]);
    }
  }
  return Object.fromEntries(out);
}

function readDictionary(stored: unknown): MentionDictionary | undefined {
  if (stored === undefined) return undefined;
  const lists = stored && typeof stored === 'object' && !Array.isArray(stored) ? Object.entries(stored) : null;
  if (!lists || lists.some(([, terms]) => !Array.isArray(terms) || terms.some((t) => typeof t !== 'string'))) {
    throw new TaggerFormatError("The model's dictionary is not a list of terms for each label.");
  }
  const dictionary: MentionDictionary = new Map();
  for (const [label, terms] of lists as [string, string[]][]) {
    for (const term of terms) {
      let labels = dictionary.get(term);
      if (!labels) dictionary.set(term, (labels = new Set()));
      labels.add(label);
    }
  }
  return dictionary;
}

function readHeader(bytes: Uint8Array): { header: Header; at: number; dictionary: MentionDictionary | undefined } {
  if (!(bytes instanceof Uint8Array) || bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new TaggerFormatError('Not a Biaozhu tagger model (it does not start with BZTG).');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  if (8 + length > bytes.length) throw new TaggerFormatError(`The model is cut short: its header needs ${length} bytes, ${bytes.length - 8} are there.`);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length))) as Header;
  } catch {
    throw new TaggerFormatError('The model header is not valid JSON.');
  }
  if (header?.version !== MODEL_VERSION) throw new TaggerFormatError(`Model version ${String(header?.version)} is not ${MODEL_VERSION}; retrain the model.`);
  const counts = [header.features, header.weights];
  if (!Array.isArray(header.labels) || header.labels.some((l) => typeof l !== 'string') || counts.some((c) => !Number.isInteger(c) || c < 0)) {
    throw new TaggerFormatError('The model header lacks its labels or array lengths.');
  }
  if (!(header.confidenceScale > 0)) throw new TaggerFormatError('The model header has no confidence scale.');
  return { header, at: align(8 + length), dictionary: readDictionary(header.dictionary) };
}

export function deserializeTagger(bytes: Uint8Array): TaggerModel {
  const { header, at: first, dictionary } = readHeader(bytes);
  const T = tagCount(header.labels.length);
  const sizes = [header.features * 4, (header.features + 1) * 4, (T + 1) * T * 4, header.weights * 4, header.weights * 2];
  const expected = sizes.reduce((sum, s) => sum + align(s), first);
  if (bytes.length !== expected) throw new TaggerFormatError(`The model should be ${expected} bytes long, it is ${bytes.length}.`);
  // Copied out of the blob so the arrays are aligned and independent of the caller's buffer
  // (not bytes.slice: on a Node Buffer that is a view of the whole pool, not a copy).
  let at = first;
  const take = (size: number) => {
    const copy = new Uint8Array(size);
    copy.set(bytes.subarray(at, at + size));
    at += align(size);
    return copy.buffer;
  };
  const model: TaggerModel = {
    version: header.version,
    labels: header.labels,
    words: header.words === true,
    confidenceScale: header.confidenceScale,
    stats: header.stats,
    keys: new Int32Array(take(sizes[0])),
    rowStart: new Int32Array(take(sizes[1])),
    trans: new Float32Array(take(sizes[2])),
    rowWeights: new Float32Array(take(sizes[3])),
    rowTags: new Uint16Array(take(sizes[4])),
  };
  if (dictionary) model.dictionary = dictionary;
  checkRows(model, T);
  return model;
}

function checkRows(model: TaggerModel, T: number): void {
  const { rowStart, rowTags, keys } = model;
  if (rowStart[0] !== 0 || rowStart[keys.length] !== rowTags.length) throw new TaggerFormatError('The model rows do not cover its weights.');
  for (let r = 0; r < keys.length; r++) {
    if (rowStart[r + 1] < rowStart[r]) throw new TaggerFormatError(`The model row ${r} ends before it starts.`);
    if (keys[r] === 0) throw new TaggerFormatError(`The model row ${r} has no feature.`);
  }
  for (let k = 0; k < rowTags.length; k++) if (rowTags[k] >= T) throw new TaggerFormatError(`The model weight ${k} names tag ${rowTags[k]} of ${T}.`);
}
