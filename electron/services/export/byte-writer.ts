// The export job's ExportWriter: UTF-8 bytes built in place (Utf8Builder). CoNLL writes two pieces
// per character of the corpus, the CSV and Label Studio a dozen per span: as strings they made
// ropes of millions of pieces that V8 flattened and then encoded again for the file.
import { Utf8Builder } from '../../../shared/exchange/text-builder';
import type { Utf8Text } from '../../../shared/exchange/types';
import type { ExportWriter } from '../../../shared/exchange/writer';

/**
 * Whole strings up to this long are encoded once and then copied: most are written for every
 * span (separators, keys, labels, annotators, attribute sets, a document's fields on each CSV row),
 * and encoding them each time doubled the CSV's formatting time.
 */
const CACHED_UP_TO = 128;
/** Entries per cache before it starts again (documents' fields come and go). */
const CACHE_SIZE = 4096;

/** How the caches below make a string's bytes. */
type Encode = (out: Utf8Builder, text: string) => void;
const plain: Encode = (out, text) => out.append(text);
const csv: Encode = (out, text) => out.appendCsvField(text);
const json: Encode = (out, text) => out.appendJsonString(text);

export class ByteWriter implements ExportWriter {
  private readonly out = new Utf8Builder();
  private readonly scratch = new Utf8Builder();
  private readonly texts = new Map<string, Uint8Array>();
  private readonly csvFields = new Map<string, Uint8Array>();
  private readonly jsonStrings = new Map<string, Uint8Array>();

  text(text: string, from = 0, to = text.length): void {
    // Separators (a comma between every two CSV fields) are stored as they are, not looked up.
    if (to - from === 1 && text.charCodeAt(from) < 0x80) this.out.ascii(text.charCodeAt(from));
    else if (from === 0 && to === text.length && to <= CACHED_UP_TO) this.out.appendBytes(this.encoded(this.texts, text, plain));
    else this.out.append(text, from, to);
  }

  number(n: number): void {
    this.out.number(n);
  }

  jsonString(text: string, from = 0, to = text.length): void {
    if (from === 0 && to === text.length && to <= CACHED_UP_TO) this.out.appendBytes(this.encoded(this.jsonStrings, text, json));
    else this.out.appendJsonString(text, from, to);
  }

  jsonText(text: string, stored: Utf8Text | undefined): void {
    if (stored) this.out.appendJsonUtf8(stored);
    else this.out.appendJsonString(text);
  }

  csvField(text: string, from = 0, to = text.length): void {
    if (from === 0 && to === text.length && to <= CACHED_UP_TO) this.out.appendBytes(this.encoded(this.csvFields, text, csv));
    else this.out.appendCsvField(text, from, to);
  }

  eachCharThen(text: string, from: number, to: number, after: string): void {
    this.out.eachCharThen(text, from, to, this.encoded(this.texts, after, plain));
  }

  take(): Uint8Array {
    return this.out.take();
  }

  clear(): void {
    this.out.clear();
  }

  private encoded(cache: Map<string, Uint8Array>, text: string, encode: Encode): Uint8Array {
    let bytes = cache.get(text);
    if (bytes === undefined) {
      if (cache.size >= CACHE_SIZE) cache.clear();
      encode(this.scratch, text);
      cache.set(text, (bytes = this.scratch.take().slice()));
    }
    return bytes;
  }
}
