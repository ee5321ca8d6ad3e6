// What a format writes its output with: named methods for the pieces formats are made of. The
// export job supplies a writer that builds UTF-8 bytes in place (electron/services/export/
// byte-writer.ts: no strings of millions of pieces to flatten and encode again), exportToStrings
// and tests the plain one (string-writer.ts). Both write the same characters; a lone surrogate
// written as text becomes U+FFFD in both, as in a UTF-8 file.
import type { Utf8Text } from './types';

export interface ExportWriter {
  /** text[from, to) as it is. */
  text(text: string, from?: number, to?: number): void;
  /** A number as JSON (and JavaScript) writes it. */
  number(n: number): void;
  /** JSON.stringify(text.slice(from, to)). */
  jsonString(text: string, from?: number, to?: number): void;
  /**
   * JSON.stringify(text) of a document's whole text. `stored` is its UTF-8 as stored, when the
   * export has it (ExportContext.storedUtf8): a byte writer copies it instead of encoding again.
   */
  jsonText(text: string, stored: Utf8Text | undefined): void;
  /** text[from, to) as a CSV field (RFC 4180): quoted, with quotes doubled, when it holds " , CR or LF. */
  csvField(text: string, from?: number, to?: number): void;
  /** Each character of text[from, to), each followed by `after` (CoNLL: characters and their tag lines). */
  eachCharThen(text: string, from: number, to: number, after: string): void;
  /**
   * What was written since the last take() or clear(), as one chunk's text; the writer starts
   * again empty. Bytes may be the writer's own memory: hand them on before writing again.
   */
  take(): string | Uint8Array;
  /** Forgets what was written since the last take() (a document that threw half-way). */
  clear(): void;
}
