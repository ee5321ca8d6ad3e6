// The plain ExportWriter: strings, for exportToStrings, previews and tests. The export job uses
// the byte writer (electron/services/export/byte-writer.ts), which must write the same text.
import type { ExportWriter } from './writer';

const needsCsvQuotes = /[",\r\n]/;
/** A lone surrogate (half of a pair without its other half). */
const LONE_SURROGATE = /\p{Cs}/gu;
/**
 * A piece as a UTF-8 file holds it: a lone surrogate as U+FFFD, piece by piece as the byte writer
 * encodes them (two halves written by two calls do not make a pair).
 */
const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\ufffd');

export class StringWriter implements ExportWriter {
  private parts: string[] = [];

  text(text: string, from = 0, to = text.length): void {
    this.parts.push(wellFormed(text.slice(from, to)));
  }

  number(n: number): void {
    this.parts.push(String(n));
  }

  jsonString(text: string, from = 0, to = text.length): void {
    this.parts.push(JSON.stringify(text.slice(from, to)));
  }

  jsonText(text: string): void {
    this.parts.push(JSON.stringify(text));
  }

  csvField(text: string, from = 0, to = text.length): void {
    const field = wellFormed(text.slice(from, to));
    this.parts.push(needsCsvQuotes.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  }

  eachCharThen(text: string, from: number, to: number, after: string): void {
    for (const char of text.slice(from, to)) this.parts.push(wellFormed(char), wellFormed(after));
  }

  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    return text;
  }

  clear(): void {
    this.parts = [];
  }
}
